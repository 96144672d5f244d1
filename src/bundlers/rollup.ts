import type { MigPluginOptions } from '../dev/loop.js'
import { BundlerLoop } from './bundler-loop.js'

/** What mig uses of a Rollup plugin context. */
interface RollupLikeContext {
  readonly meta: { readonly watchMode: boolean }
  warn(message: string): void
}

/**
 * mig under `rollup --watch` (or `rollup.watch()`): each build warns with the dev loop's state,
 * and a change of state between builds is printed as one line. A one-off build never starts it.
 *
 * @example
 * // rollup.config.mjs
 * export default { input: 'src/main.ts', plugins: [mig()] }
 */
export function rollupHooks(options: MigPluginOptions) {
  const loop = new BundlerLoop(options, process.cwd(), () => process.stderr.write(`${loop.line}\n`))
  return {
    buildStart(this: RollupLikeContext): void {
      if (!this.meta.watchMode) return
      loop.start()
      const diagnostic = loop.diagnostic
      if (diagnostic) this.warn(diagnostic.text)
    },
    closeWatcher(): Promise<void> {
      return loop.close()
    },
  }
}
