/**
 * mig for Webpack: in watch/serve mode, the dev loop's state (models ahead of the migrations, a
 * database behind, ...) is reported through Webpack's own diagnostics. A one-off build never touches
 * a database.
 *
 * @example
 * // webpack.config.mjs
 * import mig from 'mig/webpack'
 *
 * export default { entry: './src/main.ts', plugins: [mig()] }
 */
import { unplugin } from './vite/plugin.js'

export type { MigPluginOptions } from './dev/loop.js'

const mig = unplugin.webpack
export default mig
