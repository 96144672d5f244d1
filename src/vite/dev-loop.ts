import { randomBytes } from 'node:crypto'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ViteDevServer } from 'vite'
import { findConfigFile, resolveConfig } from '../config/load.js'
import { findMikroOrmConfigFile, type FoundMikroOrmConfig } from '../config/mikro-orm-config-file.js'
import type { MigConfig, MigUserConfig, OrmOptionsInput } from '../config/types.js'
import { readOrmOptions } from '../config/orm-options.js'
import { DevLoop, watchTargets, type DevHost, type MigPluginOptions, type WatchedPaths } from '../dev/loop.js'
import { statusLine, type DevStatus } from '../dev/status.js'
import { MigError } from '../errors.js'
import { importFromProject } from '../config/mikro-orm-import.js'
import { freshDecoratorMetadata, type DecoratorStore } from './fresh-decorator-metadata.js'
import { devMiddleware } from './endpoints.js'

export type { MigPluginOptions }

/**
 * The dev loop in a Vite dev server: it loads the models through Vite's SSR loader (an edited
 * module is read afresh), watches with Vite's watcher, reports in Vite's log and the overlay, and
 * serves the overlay's endpoints.
 */
export class ViteDevLoop implements DevHost {
  readonly token = randomBytes(18).toString('hex')
  readonly loop: DevLoop
  readonly root: string
  readonly entry: string | undefined
  #watched = new Set<string>()
  /** The browser pages connected to the dev server (its hot channel clients). */
  #pages = new Set<unknown>()
  #decoratorsPatched = false

  constructor(
    readonly server: ViteDevServer,
    readonly options: MigPluginOptions,
    readonly configFile: string | undefined,
    /** With no mig config: the MikroORM config found by MikroORM's own lookup. */
    readonly ormConfig?: FoundMikroOrmConfig | undefined,
  ) {
    this.root = server.config.root
    this.entry = configFile ?? ormConfig?.file
    this.loop = new DevLoop(this, options)
  }

  get status(): DevStatus {
    return this.loop.status
  }

  start(): void {
    const { server, loop } = this
    server.middlewares.use(
      devMiddleware({
        token: this.token,
        status: () => loop.status,
        watch: () => ({ checks: loop.checks, ...loop.database.state }),
        generate: (message) => loop.generate(message),
        apply: () => loop.apply(),
        sync: () => loop.sync(),
      }),
    )
    server.hot.on('mig:hello', (_data: unknown, client: { send: (event: string, payload: unknown) => void }) => {
      client.send('mig:status', loop.status)
      // A page load also re-checks: the models or the database may have moved while no page was open.
      loop.schedule()
    })
    // A page coming back into view asks for a look at the database; open pages keep a server database polled.
    server.hot.on('mig:visible', () => loop.database.refresh())
    server.hot.on('vite:client:connect', (_data: unknown, client: unknown) => {
      this.#pages.add(client)
      loop.database.setOpenPages(this.#pages.size)
    })
    server.hot.on('vite:client:disconnect', (_data: unknown, client: unknown) => {
      this.#pages.delete(client)
      loop.database.setOpenPages(this.#pages.size)
    })
    const onFile = (file: string) => loop.fileChanged(resolve(file))
    server.watcher.on('change', onFile)
    server.watcher.on('add', onFile)
    server.watcher.on('unlink', onFile)
    server.httpServer?.once('close', () => void loop.close())
    loop.start()
  }

  /** The config, through Vite's SSR loader: an edited model module is loaded afresh. */
  async loadConfig(): Promise<MigConfig> {
    const { configFile, ormConfig, server } = this
    await this.#freshDecorators()
    if (configFile) {
      const module = (await server.ssrLoadModule(configFile)) as { default?: MigUserConfig }
      return this.#discoveryThroughVite(await resolveConfig(module.default ?? {}, { root: dirname(configFile), configFile }))
    }
    if (ormConfig) {
      return this.#discoveryThroughVite(await resolveConfig({ orm: () => server.ssrLoadModule(ormConfig.file) }, { root: ormConfig.root, ormConfigFile: ormConfig.file }))
    }
    throw new MigError('NO_CONFIG', `No mig.config.ts (nor a MikroORM config) found from ${server.config.root} upward`)
  }

  /**
   * MikroORM's folder discovery (`entitiesTs: ['src/**\/*.entity.ts']`) imports each file itself:
   * through Vite's SSR loader, an edited entity file is read afresh, as the config's own imports are.
   */
  #discoveryThroughVite(config: MigConfig): MigConfig {
    const load = (id: string) => this.server.ssrLoadModule(id.startsWith('file:') ? fileURLToPath(id) : id)
    const wrap = (orm: OrmOptionsInput | undefined): OrmOptionsInput | undefined =>
      orm === undefined ? undefined : async () => ({ dynamicImportProvider: load, ...(await readOrmOptions(orm)) })
    config.orm = wrap(config.orm)
    for (const bind of Object.values(config.binds)) if (bind.orm !== undefined) bind.orm = wrap(bind.orm)
    return config
  }

  /** Once, before the models first load: an edited decorated class then starts from empty metadata. */
  async #freshDecorators(): Promise<void> {
    if (this.#decoratorsPatched) return
    this.#decoratorsPatched = true
    const core = await importFromProject<{ MetadataStorage?: DecoratorStore }>(this.root, '@mikro-orm/core').catch(() => undefined)
    if (core?.MetadataStorage) freshDecoratorMetadata(core.MetadataStorage)
  }

  watch(paths: WatchedPaths): void {
    const fresh = watchTargets(paths).filter((file) => !this.#watched.has(file))
    for (const file of fresh) this.#watched.add(file)
    if (fresh.length > 0) this.server.watcher.add(fresh)
  }

  /** Vite's watcher missed a write: drop Vite's copy of the module and check again. */
  stale(files: string[]): void {
    for (const file of files) {
      for (const module of this.server.moduleGraph.getModulesByFile(file) ?? []) this.server.moduleGraph.invalidateModule(module)
    }
    this.loop.schedule()
  }

  report(status: DevStatus): void {
    const line = `[mig] ${statusLine(status)}`
    const logger = this.server.config.logger
    if (status.state === 'clean') logger.info(line, { timestamp: true })
    else logger.warn(line, { timestamp: true })
    if (this.options.overlay !== false) this.server.hot.send('mig:status', status)
  }
}

export function createDevLoop(server: ViteDevServer, options: MigPluginOptions): ViteDevLoop {
  const configFile = options.config ? resolve(server.config.root, options.config) : findConfigFile(server.config.root)
  return new ViteDevLoop(server, options, configFile, configFile ? undefined : findMikroOrmConfigFile(server.config.root))
}
