import { createUnplugin } from 'unplugin'
import { applyWebpackLike, type WebpackLikeCompiler } from '../bundlers/webpack.js'
import { setupEsbuild, type EsbuildLikeBuild } from '../bundlers/esbuild.js'
import { rollupHooks } from '../bundlers/rollup.js'
import type { MigPluginOptions } from '../dev/loop.js'
import { clientSource } from './client.js'
import { designTypesTransform } from './design-types-transform.js'
import { createDevLoop, type ViteDevLoop } from './dev-loop.js'
import { isVitest, vitestSettings } from '../vitest/plugin.js'

const CLIENT_ID = 'virtual:mig-client'
const RESOLVED_CLIENT_ID = `\0${CLIENT_ID}`

/**
 * mig's bundler plugin. Under `vite` (serve) it runs the dev loop with the browser overlay;
 * under webpack, Rspack, esbuild and Rollup it runs it in watch/serve mode and reports through
 * the bundler's diagnostics. A production build (and `vite preview`) does nothing and never
 * opens a database. Nothing touches the project's modules outside Vite.
 */
export const unplugin = createUnplugin((options: MigPluginOptions | undefined) => {
  const settings = options ?? {}
  let loop: ViteDevLoop | undefined
  return {
    name: 'mig',
    enforce: 'post',
    vite: {
      transform: designTypesTransform,
      resolveId: {
        filter: { id: /^virtual:mig-client$/ },
        handler: () => RESOLVED_CLIENT_ID,
      },
      load: {
        filter: { id: /^\0virtual:mig-client$/ },
        handler: () => (loop ? clientSource(loop.token) : 'export {}'),
      },
      // The config file imports `defineConfig` from mig: let Node load mig itself, once, as the plugin does.
      // Under Vitest, the plugin also wires the throwaway test databases (mig/vitest).
      config: (user) => ({
        ssr: { external: ['mig'] },
        ...(isVitest(user) ? vitestSettings(user, { config: settings.config }) : {}),
      }),
      configureServer(server) {
        // Vitest runs a Vite server too: its tests get throwaway databases, and the dev loop
        // must not open the developer's database.
        if (isVitest(server.config)) return
        loop = createDevLoop(server, settings)
        loop.start()
      },
      transformIndexHtml() {
        if (!loop || settings.overlay === false) return
        return [{ tag: 'script', attrs: { type: 'module', src: `/@id/${CLIENT_ID}` }, injectTo: 'head' }]
      },
    },
    webpack: (compiler) => applyWebpackLike(compiler as unknown as WebpackLikeCompiler, settings),
    rspack: (compiler) => applyWebpackLike(compiler as unknown as WebpackLikeCompiler, settings),
    esbuild: { setup: (build) => setupEsbuild(build as unknown as EsbuildLikeBuild, settings) },
    rollup: rollupHooks(settings),
  }
})
