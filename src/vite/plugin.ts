import { createUnplugin } from 'unplugin'
import { clientSource } from './client.js'
import { designTypesTransform } from './design-types-transform.js'
import { createDevLoop, type MigPluginOptions, type ViteDevLoop } from './dev-loop.js'
import { isVitest, vitestSettings } from '../vitest/plugin.js'

const CLIENT_ID = 'virtual:mig-client'
const RESOLVED_CLIENT_ID = `\0${CLIENT_ID}`

/**
 * mig's bundler plugin. Under `vite` (serve) it runs the dev loop; in `vite build` and
 * `vite preview` it does nothing and never opens a database.
 */
export const unplugin = createUnplugin((options: MigPluginOptions | undefined) => {
  let loop: ViteDevLoop | undefined
  return {
    name: 'mig',
    enforce: 'post',
    transform: designTypesTransform,
    resolveId: {
      filter: { id: /^virtual:mig-client$/ },
      handler: () => RESOLVED_CLIENT_ID,
    },
    load: {
      filter: { id: /^\0virtual:mig-client$/ },
      handler: () => (loop ? clientSource(loop.token) : 'export {}'),
    },
    vite: {
      // The config file imports `defineConfig` from mig: let Node load mig itself, once, as the plugin does.
      // Under Vitest, the plugin also wires the throwaway test databases (mig/vitest).
      config: (user) => ({
        ssr: { external: ['mig'] },
        ...(isVitest(user) ? vitestSettings(user, { config: options?.config }) : {}),
      }),
      configureServer(server) {
        // Vitest runs a Vite server too: its tests get throwaway databases, and the dev loop
        // must not open the developer's database.
        if (isVitest(server.config)) return
        loop = createDevLoop(server, options ?? {})
        loop.start()
      },
      transformIndexHtml() {
        if (!loop || options?.overlay === false) return
        return [{ tag: 'script', attrs: { type: 'module', src: `/@id/${CLIENT_ID}` }, injectTo: 'head' }]
      },
    },
  }
})
