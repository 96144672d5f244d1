import { randomBytes } from 'node:crypto'
import { statSync } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import type { ViteDevServer } from 'vite'
import { findConfigFile, resolveConfig } from '../config/load.js'
import { findMikroOrmConfigFile, type FoundMikroOrmConfig } from '../config/mikro-orm-config-file.js'
import type { MigConfig, MigUserConfig } from '../config/types.js'
import { localImportGraph } from '../loader/local-imports.js'
import type { WarmOrm } from '../autogenerate/orm.js'
import { environmentArgs, openRun } from '../commands/common.js'
import type { SyncResult } from '../commands/sync.js'
import { checkStatus } from './checker.js'
import { DatabaseWatch } from './database-watch.js'
import { devMiddleware } from './endpoints.js'
import { Rerun } from './rerun.js'
import { statusKey, statusLine, type DevStatus } from './status.js'
import { MigError } from '../errors.js'

export interface MigPluginOptions {
  /** Config file; default `mig.config.*` found from Vite's root upward. */
  config?: string
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
  /** Show the browser overlay. Default true. */
  overlay?: boolean
}

// Long enough to fold an editor's write-and-rename into one check, short enough not to be felt.
const DEBOUNCE_MS = 15
// The file watcher reports only the first of two writes to a file about 50 ms apart; a look at
// the files this long after each check catches the second.
const MISSED_WRITE_MS = 120

/** The dev server half of the plugin: watches, checks in the background, reports. */
export class DevLoop {
  readonly token = randomBytes(18).toString('hex')
  #status: DevStatus = { state: 'checking' }
  #lastKey = ''
  /** The check: never two at once, and one more after it when asked during it. */
  readonly #checking = new Rerun(() => this.#check(), () => this.#closed)
  #timer: NodeJS.Timeout | undefined
  #watched = new Set<string>()
  /** The config and its local modules, with their mtimes when the last check started. */
  #modules: string[] = []
  #stamps = new Map<string, number>()
  #lookAgain: NodeJS.Timeout | undefined
  #versionsDir: string | undefined
  #ownWrites = new Set<string>()
  #closed = false
  /** One MikroORM per database for every check of this server: no cold start per check. */
  #warm = new Map<string, WarmOrm>()
  /** Follows the database between checks: a change made anywhere (a terminal's `mig upgrade`) re-checks. */
  #database = new DatabaseWatch({
    open: async () => openRun(await this.#config(), 'check', environmentArgs({})),
    changed: () => this.schedule(),
  })
  /** The browser pages connected to the dev server (its hot channel clients). */
  #pages = new Set<unknown>()
  #checks = 0

  constructor(
    readonly server: ViteDevServer,
    readonly options: MigPluginOptions,
    readonly configFile: string | undefined,
    /** With no mig config: the MikroORM config found by MikroORM's own lookup. */
    readonly ormConfig?: FoundMikroOrmConfig | undefined,
  ) {}

  get status(): DevStatus {
    return this.#status
  }

  start(): void {
    const { server } = this
    server.middlewares.use(
      devMiddleware({
        token: this.token,
        status: () => this.#status,
        watch: () => ({ checks: this.#checks, ...this.#database.state }),
        generate: (message) => this.generate(message),
        apply: () => this.apply(),
        sync: () => this.sync(),
      }),
    )
    server.hot.on('mig:hello', (_data: unknown, client: { send: (event: string, payload: unknown) => void }) => {
      client.send('mig:status', this.#status)
      // A page load also re-checks: the models or the database may have moved while no page was open.
      this.schedule()
    })
    // A page coming back into view asks for a look at the database; open pages keep a server database polled.
    server.hot.on('mig:visible', () => this.#database.refresh())
    server.hot.on('vite:client:connect', (_data: unknown, client: unknown) => {
      this.#pages.add(client)
      this.#database.setOpenPages(this.#pages.size)
    })
    server.hot.on('vite:client:disconnect', (_data: unknown, client: unknown) => {
      this.#pages.delete(client)
      this.#database.setOpenPages(this.#pages.size)
    })
    const onFile = (file: string) => this.#onFile(resolve(file))
    server.watcher.on('change', onFile)
    server.watcher.on('add', onFile)
    server.watcher.on('unlink', onFile)
    server.httpServer?.once('close', () => this.close())
    this.#watch()
    this.schedule()
  }

  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
    clearTimeout(this.#lookAgain)
    void this.#database.close()
    void this.settled().then(() => Promise.all([...this.#warm.values()].map((orm) => orm.dispose())))
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

  async generate(message: string | undefined): Promise<string> {
    const config = await this.#config()
    const { migrate } = await import('../commands/autogenerate.js')
    const result = await migrate(config, { message: message ?? 'dev changes' })
    if (result.path) this.#ownWrites.add(result.path)
    await this.#checkNow()
    return result.path ? `wrote ${result.path.split(sep).slice(-2).join('/')}` : 'no changes in schema detected'
  }

  async apply(): Promise<string> {
    const config = await this.#config()
    const { upgrade } = await import('../commands/upgrade.js')
    const result = await upgrade(config, { revision: 'heads' })
    await this.#checkNow()
    return `applied ${result.steps.length} revision(s)`
  }

  /** `mig sync`, with the dev server's own connections let go (a PostgreSQL snapshot needs the database to itself). */
  async sync(): Promise<string> {
    const config = await this.#config()
    await this.settled()
    const result = await this.#sync(config)
    await this.#checkNow()
    const removed = result.steps.filter((step) => step.direction === 'down').map((step) => step.revision)
    const snapshot = result.snapshots.map((taken) => `; snapshot ${taken.location}`).join('')
    return `removed ${removed.length} phantom(s)${removed.length > 0 ? ` (${removed.join(', ')})` : ''}, applied ${result.steps.length - removed.length} revision(s)${snapshot}`
  }

  #sync(config: MigConfig): Promise<SyncResult> {
    return this.#database.suspend(async () => {
      // The warm MikroORMs hold connections too; the next check starts them again.
      const orms = [...this.#warm.values()]
      this.#warm.clear()
      await Promise.all(orms.map((orm) => orm.dispose()))
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
      if (!joined) {
        this.#watch()
        clearTimeout(this.#lookAgain)
        if (!this.#closed) this.#lookAgain = setTimeout(() => this.#catchMissedWrites(), MISSED_WRITE_MS)
      }
    }
  }

  async #check(): Promise<void> {
    this.#stamps = new Map(this.#modules.map((file) => [file, mtimeOf(file)]))
    const config = await this.#config().catch((error: Error) => error)
    this.#checks++
    const status = config instanceof Error ? ({ state: 'error', message: config.message } as const) : await checkStatus(config, this.#warm, (reading) => this.#database.seen(reading))
    this.#report(status)
    if (!(config instanceof Error)) await this.#automate(status, config)
  }

  /** A module written after the check read it, with no watcher event: drop Vite's copy and check again. */
  #catchMissedWrites(): void {
    const changed = [...this.#stamps].filter(([file, mtime]) => mtimeOf(file) !== mtime).map(([file]) => file)
    if (changed.length === 0 || this.#checking.running) return
    for (const file of changed) {
      for (const module of this.server.moduleGraph.getModulesByFile(file) ?? []) this.server.moduleGraph.invalidateModule(module)
    }
    this.schedule()
  }

  async #automate(status: DevStatus, config: MigConfig): Promise<void> {
    if (status.state === 'phantoms' && this.options.autoSync) {
      await this.#sync(config).then(() => this.#checking.again(), (error: Error) => this.#report({ state: 'error', message: error.message }))
    } else if (status.state === 'database-behind' && this.options.autoUpgrade) {
      const { upgrade } = await import('../commands/upgrade.js')
      await upgrade(config, { revision: 'heads' }).then(() => this.#checking.again(), (error: Error) => this.#report({ state: 'error', message: error.message }))
    } else if (status.state === 'models-changed' && this.options.autogenerate) {
      const { migrate } = await import('../commands/autogenerate.js')
      await migrate(config, { message: 'dev changes' }).then(
        (result) => {
          if (result.path) this.#ownWrites.add(result.path)
          this.#checking.again()
        },
        (error: Error) => this.#report({ state: 'error', message: error.message }),
      )
    }
  }

  #report(status: DevStatus): void {
    this.#status = status
    const key = statusKey(status)
    if (key === this.#lastKey) return
    this.#lastKey = key
    const line = `[mig] ${statusLine(status)}`
    const logger = this.server.config.logger
    if (status.state === 'clean') logger.info(line, { timestamp: true })
    else logger.warn(line, { timestamp: true })
    if (this.options.overlay !== false) this.server.hot.send('mig:status', status)
  }

  /** The config, through Vite's SSR loader: an edited model module is loaded afresh. */
  async #config(): Promise<MigConfig> {
    const { configFile, ormConfig, server } = this
    let config: MigConfig
    if (configFile) {
      const module = (await server.ssrLoadModule(configFile)) as { default?: MigUserConfig }
      config = await resolveConfig(module.default ?? {}, { root: dirname(configFile), configFile })
    } else if (ormConfig) {
      config = await resolveConfig({ orm: () => server.ssrLoadModule(ormConfig.file) }, { root: ormConfig.root, ormConfigFile: ormConfig.file })
    } else {
      throw new MigError('NO_CONFIG', `No mig.config.ts (nor a MikroORM config) found from ${server.config.root} upward`)
    }
    this.#versionsDir = join(config.directory, 'versions')
    return config
  }

  /** Watches the config, every local module it imports, `versions/` and the `watch` option. */
  #watch(): void {
    const entry = this.configFile ?? this.ormConfig?.file
    if (!entry) return
    this.#modules = localImportGraph(entry)
    const wanted = [...this.#modules, ...(this.#versionsDir ? [this.#versionsDir] : []), ...(this.options.watch ?? []).map((path) => resolve(this.server.config.root, path))]
    const fresh = wanted.filter((file) => !this.#watched.has(file))
    for (const file of fresh) this.#watched.add(file)
    if (fresh.length > 0) this.server.watcher.add(fresh)
  }

  #onFile(file: string): void {
    if (this.#ownWrites.delete(file)) return
    const folders = [...(this.#versionsDir ? [this.#versionsDir] : []), ...(this.options.watch ?? []).map((path) => resolve(this.server.config.root, path))]
    const relevant = this.#watched.has(file) || folders.some((folder) => file === folder || file.startsWith(folder + sep))
    if (relevant) this.schedule()
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return -1
  }
}

export function createDevLoop(server: ViteDevServer, options: MigPluginOptions): DevLoop {
  const configFile = options.config ? resolve(server.config.root, options.config) : findConfigFile(server.config.root)
  return new DevLoop(server, options, configFile, configFile ? undefined : findMikroOrmConfigFile(server.config.root))
}
