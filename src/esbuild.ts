/**
 * mig for Esbuild: in watch/serve mode, the dev loop's state (models ahead of the migrations, a
 * database behind, ...) is reported through Esbuild's own diagnostics. A one-off build never touches
 * a database.
 *
 * @example
 * // build.mjs
 * import * as esbuild from 'esbuild'
 * import mig from 'mig/esbuild'
 *
 * const context = await esbuild.context({ entryPoints: ['src/main.ts'], bundle: true, outdir: 'dist', plugins: [mig()] })
 * await context.watch()
 */
import { unplugin } from './vite/plugin.js'

export type { MigPluginOptions } from './dev/loop.js'

const mig = unplugin.esbuild
export default mig
