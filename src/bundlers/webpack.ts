import type { MigPluginOptions } from '../dev/loop.js'
import { BundlerLoop } from './bundler-loop.js'

/** What mig uses of a webpack or Rspack compiler (both have these, with the same meaning). */
export interface WebpackLikeCompiler {
  readonly context: string
  readonly webpack: { WebpackError: new (message: string) => Error }
  readonly watching?: { invalidate(): void } | undefined
  readonly hooks: {
    readonly watchRun: { tap(name: string, callback: () => void): void }
    readonly afterCompile: { tap(name: string, callback: (compilation: WebpackLikeCompilation) => void): void }
    readonly watchClose: { tap(name: string, callback: () => void): void }
  }
}

interface WebpackLikeCompilation {
  readonly warnings: unknown[]
  readonly errors: unknown[]
}

const NAME = 'mig'

/**
 * mig in webpack's and Rspack's watch mode (`webpack --watch`, webpack-dev-server, `rspack dev`):
 * each compilation carries the dev loop's state as a warning (models ahead of the migrations, a
 * database behind, several heads, phantoms) or an error (mig cannot check: a broken revision), so
 * the dev server's overlay shows it; a change of state invalidates the watch, and the next
 * compilation has it, or nothing once all is well. A one-off build (`webpack`, `rspack build`)
 * never enters watch mode and never touches a database.
 *
 * This goes through unplugin's `webpack`/`rspack` escape hatch, the compiler itself: unplugin's
 * own `this.warn` exists only in its transform-like hooks, which run per module and not when
 * the state changes, and a warning must land in the compilation the dev server reports.
 *
 * @example
 * // unplugin calls it with the compiler: `webpack: (compiler) => applyWebpackLike(compiler, options)`
 * applyWebpackLike(compiler, { autoUpgrade: true })
 */
export function applyWebpackLike(compiler: WebpackLikeCompiler, options: MigPluginOptions): void {
  const loop = new BundlerLoop(options, compiler.context, () => compiler.watching?.invalidate())
  compiler.hooks.watchRun.tap(NAME, () => loop.start())
  compiler.hooks.afterCompile.tap(NAME, (compilation) => {
    const diagnostic = loop.started ? loop.diagnostic : undefined
    if (!diagnostic) return
    const problem = new compiler.webpack.WebpackError(diagnostic.text)
    problem.name = diagnostic.level === 'error' ? 'MigError' : 'MigWarning'
    if (diagnostic.level === 'error') compilation.errors.push(problem)
    else compilation.warnings.push(problem)
  })
  compiler.hooks.watchClose.tap(NAME, () => void loop.close())
}
