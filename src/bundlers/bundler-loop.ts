import { diagnosticOf, statusKey, statusLine, type Diagnostic, type DevStatus } from '../dev/status.js'
import type { MigPluginOptions } from '../dev/loop.js'
import type { WatchedDevLoop } from '../dev/watched-loop.js'

/**
 * The dev loop under a bundler other than Vite (webpack, Rspack, esbuild, Rollup): started by
 * the bundler's watch or serve mode and never by a one-off build, it runs `mig dev`'s loop
 * (chokidar, a worker per generation of the models) and keeps the diagnostic the bundler should
 * show. `changed` is called when that diagnostic changes, for the bundler to show it (a rebuild).
 *
 * @example
 * const loop = new BundlerLoop(options, compiler.context, () => compiler.watching?.invalidate())
 * compiler.hooks.watchRun.tap('mig', () => loop.start())
 */
export class BundlerLoop {
  #loop: Promise<WatchedDevLoop | undefined> | undefined
  #status: DevStatus = { state: 'checking' }
  #closed = false

  constructor(
    readonly options: MigPluginOptions,
    readonly cwd: string,
    readonly changed: (status: DevStatus) => void,
  ) {}

  /** What the bundler should report now, if anything. */
  get diagnostic(): Diagnostic | undefined {
    return diagnosticOf(this.#status)
  }

  /** The last state, as one terminal line. */
  get line(): string {
    return `[mig] ${statusLine(this.#status)}`
  }

  get started(): boolean {
    return this.#loop !== undefined
  }

  /** Starts the loop once (later calls do nothing); a missing config becomes the reported state. */
  start(): void {
    if (this.#loop || this.#closed) return
    const { config, watch, autoUpgrade, autogenerate, autoSync } = this.options
    this.#loop = import('../dev/watched-loop.js')
      .then(({ WatchedDevLoop }) => WatchedDevLoop.start({ cwd: this.cwd, configFile: config, watch, autoUpgrade, autogenerate, autoSync, report: (status) => this.#report(status) }))
      .catch((error: Error) => {
        this.#report({ state: 'error', message: error.message })
        return undefined
      })
  }

  async close(): Promise<void> {
    this.#closed = true
    await (await this.#loop)?.close()
  }

  #report(status: DevStatus): void {
    const before = statusKey(this.#status)
    this.#status = status
    if (!this.#closed && statusKey(status) !== before) this.changed(status)
  }
}
