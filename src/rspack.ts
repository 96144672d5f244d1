/**
 * mig for Rspack: in watch/serve mode, the dev loop's state (models ahead of the migrations, a
 * database behind, ...) is reported through Rspack's own diagnostics. A one-off build never touches
 * a database.
 *
 * @example
 * // rspack.config.mjs
 * import mig from 'mig/rspack'
 *
 * export default { entry: './src/main.ts', plugins: [mig()] }
 */
import { unplugin } from './vite/plugin.js'

export type { MigPluginOptions } from './dev/loop.js'

const mig = unplugin.rspack
export default mig
