/**
 * mig for Rollup: in watch/serve mode, the dev loop's state (models ahead of the migrations, a
 * database behind, ...) is reported through Rollup's own diagnostics. A one-off build never touches
 * a database.
 *
 * @example
 * // rollup.config.mjs
 * import mig from 'mig/rollup'
 *
 * export default { input: 'src/main.js', output: { dir: 'dist' }, plugins: [mig()] }
 */
import { unplugin } from './vite/plugin.js'

export type { MigPluginOptions } from './dev/loop.js'

const mig = unplugin.rollup
export default mig
