import { resolve, sep } from 'node:path'
import { Worker } from 'node:worker_threads'
import { locateConfig, type LoadConfigOptions } from '../config/load.js'
import { inFolder, isWatched, watchTargets, type DevLoopOptions, type WatchedPaths } from './loop.js'
import type { FromGeneration, GenerationData, ToGeneration } from './generation-protocol.js'
import type { DevStatus } from './status.js'

export interface WatchedDevLoopOptions extends DevLoopOptions, Pick<LoadConfigOptions, 'cwd' | 'configFile' | 'directory'> {
  /** Each new state, with the files whose change led to it (relative to `cwd`; empty for the first check or a database change). */
  report(status: DevStatus, changed: readonly string[]): void
}

/** A file watcher as `chokidar` 5 gives one: what the loop needs of it. */
interface FileWatcher {
  add(paths: string | readonly string[]): unknown
  on(event: 'add' | 'change' | 'unlink', listener: (path: string) => void): unknown
  close(): Promise<void>
}

// Folds an editor's write-and-rename, or a checkout's many files, into one new generation.
const DEBOUNCE_MS = 15
// Folders whose files never change the models or the revisions: dependencies and git's own.
const IGNORED = /[\\/](node_modules|\.git)([\\/]|$)/
// A worker that does not end after `close` (a hung connection) is stopped.
const CLOSE_TIMEOUT_MS = 5_000

/**
 * The dev loop outside Vite: watches the config, its local modules, `versions/` and the `watch`
 * option with chokidar, and runs the checks in a worker per generation of the models (see
 * `generation-worker.ts`). A change to a model starts a new generation, from a standby worker
 * that already has MikroORM loaded; a change in `versions/` goes to the current one.
 *
 * @example
 * const loop = await WatchedDevLoop.start({ cwd: '/app', report: (status) => console.log(statusLine(status)) })
 * await loop.close()
 */
export class WatchedDevLoop {
  readonly #options: WatchedDevLoopOptions
  readonly #data: GenerationData
  readonly #watcher: FileWatcher
  #current: Generation | undefined
  #standby: Generation | undefined
  #watched = new Set<string>()
  #paths: WatchedPaths | undefined
  /** Files changed since the last report. */
  #changed = new Set<string>()
  #renewal: NodeJS.Timeout | undefined
  #status: DevStatus = { state: 'checking' }
  #closed = false

  private constructor(options: WatchedDevLoopOptions, data: GenerationData, watcher: FileWatcher) {
    this.#options = options
    this.#data = data
    this.#watcher = watcher
    const onFile = (path: string) => this.#onFile(resolve(path))
    watcher.on('add', onFile)
    watcher.on('change', onFile)
    watcher.on('unlink', onFile)
  }

  /** Finds the config (an error names what is missing), starts watching and runs the first check. */
  static async start(options: WatchedDevLoopOptions): Promise<WatchedDevLoop> {
    const cwd = resolve(options.cwd ?? process.cwd())
    const { configFile, mikroOrm } = locateConfig({ ...options, cwd })
    const entry = (configFile ?? mikroOrm?.file)!
    const { watch } = await import('chokidar')
    const root = configFile ? resolve(configFile, '..') : mikroOrm!.root
    // The whole project from the start, as Vite's watcher: a folder added to the watch later is
    // watched only some milliseconds later, and an edit in between would be lost. Events outside
    // what the loop reads are dropped in `#onFile`.
    const watcher = watch([root, entry], { ignoreInitial: true, ignored: (path: string) => IGNORED.test(path) })
    const { autoUpgrade, autogenerate, autoSync, watch: extra } = options
    const data: GenerationData = {
      config: { cwd, configFile: options.configFile, directory: options.directory },
      root,
      entry,
      options: { autoUpgrade, autogenerate, autoSync, watch: extra },
    }
    const loop = new WatchedDevLoop({ ...options, cwd }, data, watcher)
    loop.#watched.add(entry)
    loop.#renew()
    return loop
  }

  /** The last state reported. */
  get status(): DevStatus {
    return this.#status
  }

  /** The config module the loop reads (`mig.config.*`, or a MikroORM config). */
  get entry(): string {
    return this.#data.entry
  }

  /** What is watched: the files and folders a change to which re-checks. */
  get watched(): readonly string[] {
    return [...this.#watched]
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearTimeout(this.#renewal)
    await this.#watcher.close()
    await Promise.all([this.#current?.close(), this.#standby?.close()])
  }

  #onFile(file: string): void {
    if (this.#closed) return
    const paths = this.#paths
    // Before the first generation said what it reads, the config is all there is.
    if (paths ? !isWatched(file, paths) : !this.#watched.has(file)) return
    const inVersions = paths?.versions !== undefined && inFolder(file, paths.versions)
    this.#changed.add(file)
    if (inVersions) return this.#current?.send({ type: 'file', file })
    clearTimeout(this.#renewal)
    this.#renewal = setTimeout(() => this.#renew(), DEBOUNCE_MS)
  }

  /** The models changed: the standby worker (MikroORM already loaded) loads them and checks; the old generation ends. */
  #renew(): void {
    if (this.#closed) return
    const old = this.#current
    const next = this.#standby ?? this.#spawn()
    this.#standby = undefined
    this.#current = next
    next.send({ type: 'start' })
    void old?.close()
  }

  #spawn(): Generation {
    const generation = new Generation(this.#data, (message) => this.#onMessage(generation, message))
    return generation
  }

  #onMessage(from: Generation, message: FromGeneration): void {
    if (from !== this.#current || this.#closed) return
    if (message.type === 'status') {
      this.#status = message.status
      const cwd = this.#data.config.cwd!
      const changed = [...this.#changed].map((file) => (file.startsWith(cwd + sep) ? file.slice(cwd.length + 1) : file))
      this.#changed.clear()
      this.#options.report(message.status, changed)
      // The next generation gets ready while this one is in use (not before: the two would share the cores at start).
      if (message.status.state !== 'checking' && !this.#standby) this.#standby = this.#spawn()
    } else if (message.type === 'watch') {
      this.#follow(message.paths)
    } else if (message.type === 'stale') {
      for (const file of message.files) this.#changed.add(file)
      this.#renew()
    }
  }

  #follow(paths: WatchedPaths): void {
    this.#paths = paths
    const fresh = watchTargets(paths).filter((path) => !this.#watched.has(path))
    for (const path of fresh) this.#watched.add(path)
    if (fresh.length > 0) this.#watcher.add(fresh)
  }
}

/** One worker: a generation of the models. */
class Generation {
  readonly #worker: Worker
  #closing: Promise<void> | undefined
  #exited = false

  constructor(data: GenerationData, onMessage: (message: FromGeneration) => void) {
    this.#worker = new Worker(new URL('./generation-worker.js', import.meta.url), { workerData: data })
    this.#worker.on('message', onMessage)
    // A worker that dies (an uncaught error in a model's top level) is reported as the loop's state.
    this.#worker.on('error', (error) => onMessage({ type: 'status', status: { state: 'error', message: error.message } }))
    this.#worker.on('exit', () => (this.#exited = true))
  }

  send(message: ToGeneration): void {
    if (!this.#exited) this.#worker.postMessage(message)
  }

  /** Asks the worker to let go of its connections and end; stops it if it does not in time. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((done) => {
      if (this.#exited) return done()
      const timer = setTimeout(() => void this.#worker.terminate(), CLOSE_TIMEOUT_MS)
      this.#worker.once('exit', () => {
        clearTimeout(timer)
        done()
      })
      this.send({ type: 'close' })
    })
    return this.#closing
  }
}
