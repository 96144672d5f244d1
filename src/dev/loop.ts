import { statSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { MigConfig } from '../config/types.js'
import { localImportGraph } from '../loader/local-imports.js'
import type { WarmOrm } from '../autogenerate/orm.js'
import { environmentArgs, openRun } from '../commands/common.js'
import type { SyncResult } from '../commands/sync.js'
import { checkStatus } from './checker.js'
import { discoveryGlobs, globFolder, matchesGlob } from './discovery-globs.js'
import { DatabaseWatch } from './database-watch.js'
import { Rerun } from './rerun.js'
import { statusKey, type DevStatus } from './status.js'

/** What the dev loop does on its own; the same options for `mig dev`, Vite and every other bundler. */
export interface DevLoopOptions {
  /** More files or folders whose change should re-run the check (beside the config and its local imports). */
  watch?: string[]
  /** Apply pending revisions to the dev database as soon as they appear. Default false. */
  autoUpgrade?: boolean
  /** Write a revision as soon as the models change. Default false. */
  autogenerate?: boolean
  /**
   * Run `mig sync` on its own when the database has phantoms (revisions applied on another git
   * branch): they are downgraded from their stored sources, after a snapshot. Default false.
   */
  autoSync?: boolean
}

/** The options of mig's bundler plugin (`mig/vite`, `mig/webpack`, ...): the loop's, and where the config is. */
export interface MigPluginOptions extends DevLoopOptions {
  /** Config file; default `mig.config.*` found from the bundler's root upward. */
  config?: string
  /** Show the browser overlay (Vite). Default true. */
  overlay?: boolean
}

/** The paths a check depends on, as the host should watch them. */
export interface WatchedPaths {
  /** The config and every local module it imports: a change means other models. */
  readonly modules: readonly string[]
  /** `versions/`: a change means other revisions (a pull, a new file). */
  readonly versions: string | undefined
  /** The `watch` option, resolved. */
  readonly extra: readonly string[]
  /** The globs of MikroORM's folder discovery (`entitiesTs: ['src/**\/*.entity.ts']`), absolute. */
  readonly discovered: readonly string[]
}

/**
 * Where a dev loop lives: how it loads the project's modules, how it watches files and where it
 * reports. The Vite plugin, `mig dev` and the other bundlers' plugins differ only here.
 */
export interface DevHost {
  /** Where relative `watch` paths start. */
  readonly root: string
  /** The config module (`mig.config.*`, or the MikroORM config used without one). */
  readonly entry: string | undefined
  /** The config, with every edited module read afresh. */
  loadConfig(): Promise<MigConfig>
  /** The paths to watch, after each check (a model may import a new module); the host calls `fileChanged`. */
  watch(paths: WatchedPaths): void
  /** Modules written after the check read them, with no watcher event seen: drop their copies (and check again). */
  stale(files: string[]): void
  /** The state changed (each state is reported once). */
  report(status: DevStatus): void
}

// Long enough to fold an editor's write-and-rename into one check, short enough not to be felt.
const DEBOUNCE_MS = 15
// A file watcher may report only the first of two writes to a file about 50 ms apart; a look at
// the files this long after each check catches the second.
const MISSED_WRITE_MS = 120

/**
 * The dev loop: checks the models and the database against the migrations in the background,
 * never two checks at once, reports each new state, and applies or generates when asked to.
 *
 * @example
 * const loop = new DevLoop(host, { autoUpgrade: true })
 * loop.start()
 * loop.fileChanged('/app/src/models.ts') // from the host's watcher
 */
export class DevLoop {
  #status: DevStatus = { state: 'checking' }
  #lastKey = ''
  /** The check: never two at once, and one more after it when asked during it. */
  readonly #checking = new Rerun(() => this.#check(), () => this.#closed)
  #timer: NodeJS.Timeout | undefined
  /** The config and its local modules, with their mtimes when the last check started. */
  #modules: string[] = []
  #stamps = new Map<string, number>()
  #lookAgain: NodeJS.Timeout | undefined
  #versionsDir: string | undefined
  #ownWrites = new Set<string>()
  #closed = false
  /** One MikroORM per database for every check of this loop: no cold start per check. */
  #warm = new Map<string, WarmOrm>()
  /** A discovered entity file changed: the next check starts MikroORM afresh. */
  #coldOrms = false
  /** Follows the database between checks: a change made anywhere (a terminal's `mig upgrade`) re-checks. */
  readonly database = new DatabaseWatch({
    open: async () => openRun(await this.#config(), 'check', environmentArgs({})),
    changed: () => this.schedule(),
  })
  #checks = 0

  constructor(
    readonly host: DevHost,
    readonly options: DevLoopOptions,
  ) {}

  get status(): DevStatus {
    return this.#status
  }

  /** How many checks ran (for `GET /__mig/watch` and tests). */
  get checks(): number {
    return this.#checks
  }

  start(): void {
    this.#watch()
    this.schedule()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    clearTimeout(this.#lookAgain)
    await this.database.close()
    await this.settled()
    await this.#disposeWarm()
  }

  /** Runs a check soon; never two at once (a request during a check runs one more after it). */
  schedule(): void {
    if (this.#closed) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#run(), DEBOUNCE_MS)
  }

  /** Waits until no check is running or scheduled (for actions and tests). */
  async settled(): Promise<void> {
    while (this.#checking.running) await this.#checking.running
  }

  /** A watched file changed: a check follows unless it is the loop's own write or unrelated. */
  fileChanged(file: string): void {
    if (this.#ownWrites.delete(file)) return
    const paths = this.#paths()
    if (!isWatched(file, paths)) return
    // MikroORM imported a discovered entity file itself: only a new MikroORM discovers it again.
    if (paths.discovered.some((glob) => matchesGlob(file, glob))) this.#coldOrms = true
    this.schedule()
  }

  /** Writes a revision from the model changes; returns a one-line summary. */
  async generate(message: string | undefined): Promise<string> {
    const path = await this.#generate(await this.#config(), message ?? 'dev changes')
    await this.#checkNow()
    return path ? `wrote ${path.split(sep).slice(-2).join('/')}` : 'no changes in schema detected'
  }

  /** Applies the pending revisions; returns a one-line summary. */
  async apply(): Promise<string> {
    const config = await this.#config()
    const { upgrade } = await import('../commands/upgrade.js')
    const result = await upgrade(config, { revision: 'heads' })
    await this.#checkNow()
    return `applied ${result.steps.length} revision(s)`
  }

  /** `mig sync`, with the loop's own connections let go (a PostgreSQL snapshot needs the database to itself). */
  async sync(): Promise<string> {
    const config = await this.#config()
    await this.settled()
    const result = await this.#sync(config)
    await this.#checkNow()
    const removed = result.steps.filter((step) => step.direction === 'down').map((step) => step.revision)
    const snapshot = result.snapshots.map((taken) => `; snapshot ${taken.location}`).join('')
    return `removed ${removed.length} phantom(s)${removed.length > 0 ? ` (${removed.join(', ')})` : ''}, applied ${result.steps.length - removed.length} revision(s)${snapshot}`
  }

  async #generate(config: MigConfig, message: string): Promise<string | undefined> {
    const { migrate } = await import('../commands/autogenerate.js')
    const result = await migrate(config, { message })
    if (result.path) this.#ownWrites.add(result.path)
    return result.path
  }

  #sync(config: MigConfig): Promise<SyncResult> {
    return this.database.suspend(async () => {
      // The warm MikroORMs hold connections too; the next check starts them again.
      await this.#disposeWarm()
      const { sync } = await import('../commands/sync.js')
      return sync(config)
    })
  }

  async #checkNow(): Promise<void> {
    await this.settled()
    await this.#run()
  }

  async #run(): Promise<void> {
    const joined = this.#checking.running !== undefined
    try {
      await this.#checking.run()
    } finally {
      // Each check has told the host what to watch; what is left is a look for missed writes.
      if (!joined) {
        clearTimeout(this.#lookAgain)
        if (!this.#closed) this.#lookAgain = setTimeout(() => this.#catchMissedWrites(), MISSED_WRITE_MS)
      }
    }
  }

  async #check(): Promise<void> {
    if (this.#coldOrms) {
      this.#coldOrms = false
      await this.#disposeWarm()
    }
    this.#stamps = new Map(this.#modules.map((file) => [file, mtimeOf(file)]))
    const config = await this.#config().catch((error: Error) => error)
    this.#checks++
    const status = config instanceof Error ? ({ state: 'error', message: config.message } as const) : await checkStatus(config, this.#warm, (reading) => this.database.seen(reading))
    // What to watch is known now (the models MikroORM discovered): watched before anyone reads the report.
    this.#watch()
    this.#report(status)
    if (!(config instanceof Error)) await this.#automate(status, config)
  }

  /** A module written after the check read it, with no watcher event: the host drops its copy. */
  #catchMissedWrites(): void {
    const changed = [...this.#stamps].filter(([file, mtime]) => mtimeOf(file) !== mtime).map(([file]) => file)
    if (changed.length === 0 || this.#checking.running) return
    this.host.stale(changed)
  }

  async #automate(status: DevStatus, config: MigConfig): Promise<void> {
    const failed = (error: Error) => this.#report({ state: 'error', message: error.message })
    if (status.state === 'phantoms' && this.options.autoSync) {
      await this.#sync(config).then(() => this.#checking.again(), failed)
    } else if (status.state === 'database-behind' && this.options.autoUpgrade) {
      const { upgrade } = await import('../commands/upgrade.js')
      await upgrade(config, { revision: 'heads' }).then(() => this.#checking.again(), failed)
    } else if (status.state === 'models-changed' && this.options.autogenerate) {
      await this.#generate(config, 'dev changes').then(() => this.#checking.again(), failed)
    }
  }

  /** Closes the warm MikroORMs; the next check starts new ones. */
  async #disposeWarm(): Promise<void> {
    const orms = [...this.#warm.values()]
    this.#warm.clear()
    await Promise.all(orms.map((orm) => orm.dispose()))
  }

  #report(status: DevStatus): void {
    this.#status = status
    const key = statusKey(status)
    if (key === this.#lastKey) return
    this.#lastKey = key
    this.host.report(status)
  }

  async #config(): Promise<MigConfig> {
    const config = await this.host.loadConfig()
    this.#versionsDir = join(config.directory, 'versions')
    return config
  }

  #paths(): WatchedPaths {
    // What MikroORM itself discovered by folder, as the last check's MikroORMs were configured.
    const discovered = [...this.#warm.values()].flatMap((warm) => (warm.orm ? discoveryGlobs(warm.orm.config) : []))
    return {
      modules: this.#modules,
      versions: this.#versionsDir,
      extra: (this.options.watch ?? []).map((path) => resolve(this.host.root, path)),
      discovered: [...new Set(discovered)],
    }
  }

  /** The config, every local module it imports, `versions/` and the `watch` option. */
  #watch(): void {
    if (!this.host.entry) return
    this.#modules = localImportGraph(this.host.entry)
    this.host.watch(this.#paths())
  }
}

/**
 * Whether a change to `file` can change what a check sees.
 *
 * @example
 * isWatched('/app/src/user.entity.ts', { modules: [], versions: undefined, extra: [], discovered: ['/app/src/**\/*.entity.ts'] }) // true
 */
export function isWatched(file: string, paths: WatchedPaths): boolean {
  if (paths.modules.includes(file)) return true
  if (paths.versions !== undefined && inFolder(file, paths.versions)) return true
  return paths.extra.some((folder) => inFolder(file, folder)) || paths.discovered.some((glob) => matchesGlob(file, glob))
}

/** The paths a watcher watches for `paths`: files and folders (a glob's folder). */
export function watchTargets(paths: WatchedPaths): string[] {
  return [...paths.modules, ...(paths.versions ? [paths.versions] : []), ...paths.extra, ...paths.discovered.map(globFolder)]
}

/** Whether `file` is `folder` or inside it. */
export function inFolder(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder + sep)
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return -1
  }
}
