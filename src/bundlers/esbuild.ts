import type { MigPluginOptions } from '../dev/loop.js'
import { BundlerLoop } from './bundler-loop.js'

/** What mig uses of esbuild's plugin build object. */
export interface EsbuildLikeBuild {
  readonly initialOptions: { readonly absWorkingDir?: string | undefined; readonly color?: boolean | undefined }
  onStart(callback: () => { warnings?: EsbuildMessage[]; errors?: EsbuildMessage[] } | undefined): void
  onEnd(callback: () => void): void
  onDispose(callback: () => void): void
  readonly esbuild: { formatMessagesSync(messages: EsbuildMessage[], options: { kind: 'warning' | 'error'; color?: boolean }): string[] }
}

interface EsbuildMessage {
  readonly text: string
  readonly pluginName?: string
  readonly notes?: ReadonlyArray<{ readonly text: string }>
}

// `esbuild.build()` disposes of its context right after its one build; a context still alive this long after
// its first build is watching, serving or rebuilding on request: the dev loop starts then.
const ONE_OFF_GRACE_MS = 200

/**
 * mig under esbuild's `context()` (`watch()`, `serve()`, `rebuild()`): every build's messages
 * carry the dev loop's state as a warning, and a change of state between builds is printed at once
 * in esbuild's own format. `esbuild.build()` never starts it. The state is a warning even when mig
 * cannot check: the bundle does not depend on the migrations, and an error would fail it.
 *
 * @example
 * // unplugin calls it from the plugin's `setup`: `esbuild: { setup: (build) => setupEsbuild(build, options) }`
 * setupEsbuild(build, {})
 */
export function setupEsbuild(build: EsbuildLikeBuild, options: MigPluginOptions): void {
  let timer: NodeJS.Timeout | undefined
  const cwd = build.initialOptions.absWorkingDir ?? process.cwd()
  const format = () => {
    const diagnostic = loop.diagnostic
    // The details as notes: esbuild indents them under the title.
    return diagnostic ? [{ text: diagnostic.title, pluginName: 'mig', notes: diagnostic.details.map((line) => ({ text: line.trim() })) }] : []
  }
  const loop = new BundlerLoop(options, cwd, () => {
    const messages = format()
    const text = messages.length > 0 ? build.esbuild.formatMessagesSync(messages, { kind: 'warning', color: build.initialOptions.color }).join('') : `${loop.line}\n`
    process.stderr.write(text)
  })
  build.onStart(() => (loop.started ? { warnings: format() } : undefined))
  build.onEnd(() => {
    // After dispose no build ends; and a closed loop never starts.
    if (loop.started || timer) return
    timer = setTimeout(() => loop.start(), ONE_OFF_GRACE_MS)
  })
  build.onDispose(() => {
    clearTimeout(timer)
    void loop.close()
  })
}
