/**
 * The Vite plugin: checks the models against the migrations while you work and shows what to
 * do in the browser.
 *
 * @example
 * // vite.config.ts
 * import { defineConfig } from 'vite'
 * import mig from 'mig/vite'
 *
 * export default defineConfig({ plugins: [mig()] })
 */
import { unplugin } from './vite/plugin.js'

export type { MigPluginOptions } from './vite/dev-loop.js'
export type { DevStatus } from './dev/status.js'

const mig = unplugin.vite
export default mig
