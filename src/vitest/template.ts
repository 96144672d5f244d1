import { randomBytes } from 'node:crypto'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { current } from '../commands/current.js'
import { upgrade } from '../commands/upgrade.js'
import { resolveDatabaseTarget } from '../config/orm-options.js'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { listRevisionFiles, openRepository } from '../script/repository.js'
import { cleanupOnExit, SQLITE_FOLDER_PREFIX, sweepStaleFolders } from './cleanup.js'
import type { MigTestRun, TestDialect } from './provided.js'
import { names, openStore, type DatabaseStore, type StoreLocation } from './store.js'

/** The databases of one test run, as the main process owns them. */
export interface TestDatabases {
  /** What the workers receive through `inject('mig')`; valid after `migrate()`. */
  readonly run: MigTestRun
  /** Builds a new template (a new generation) and upgrades it from base to the heads. */
  migrate(): Promise<MigTestRun>
  /** Migrates a new template when a revision or `env.ts` changed since the last one; true if it did. */
  refresh(): Promise<boolean>
  /** The copy of the template for worker `pool` (tests get theirs in the setup file). */
  worker(pool: number): Promise<string>
  /** Drops every database of the run. */
  dispose(): Promise<void>
}

/**
 * Prepares throwaway databases next to the project's own: a temporary folder for SQLite, or
 * the same PostgreSQL server (through its maintenance database). The developer's database is
 * only parsed as a URL, never opened. Whatever happens, the run's databases are dropped when
 * the process ends, even without `dispose()`.
 *
 * @example
 * const databases = await createTestDatabases(await loadConfig())
 * try {
 *   await databases.migrate()                 // the template, at the heads
 *   const url = await databases.worker(1)     // a copy for worker 1
 * } finally {
 *   await databases.dispose()
 * }
 */
export async function createTestDatabases(config: MigConfig): Promise<TestDatabases> {
  const target = await resolveDatabaseTarget(config.database, config.orm, config.root)
  if (target.dialect === 'mysql') {
    throw new MigError('UNSUPPORTED', `mig/vitest creates test databases on SQLite and PostgreSQL; ${target.display} is MySQL/MariaDB`)
  }
  const dialect: TestDialect = target.dialect
  const runId = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`
  const home = dialect === 'sqlite' ? sqliteHome() : maintenanceUrl(target.url!)
  const store = await openStore({ dialect, runId, home, root: config.root })
  const binds = await openBindStores(config, runId)
  const disarm = cleanupOnExit(() => {
    store.dropAllOnExit()
    for (const bind of binds) bind.store.dropAllOnExit()
  })
  return new Databases(config, store, { dialect, runId, home, root: config.root }, disarm, binds)
}

/** A bind's throwaway databases live in a store of their own: its dialect may differ from the main one's. */
interface BindStore {
  readonly name: string
  readonly store: DatabaseStore
  readonly location: StoreLocation
}

async function openBindStores(config: MigConfig, runId: string): Promise<BindStore[]> {
  const stores: BindStore[] = []
  for (const [index, [name, bind]] of Object.entries(config.binds).entries()) {
    const target = await resolveDatabaseTarget(bind.database, bind.orm, config.root)
    if (target.dialect === 'mysql') {
      throw new MigError('UNSUPPORTED', `mig/vitest creates test databases on SQLite and PostgreSQL; bind '${name}' (${target.display}) is MySQL/MariaDB`)
    }
    const location: StoreLocation = {
      dialect: target.dialect,
      runId: `${runId}b${index}`,
      home: target.dialect === 'sqlite' ? sqliteHome() : maintenanceUrl(target.url!),
      root: config.root,
    }
    stores.push({ name, store: await openStore(location), location })
  }
  return stores
}

class Databases implements TestDatabases {
  #run: MigTestRun | undefined
  #generation = 0
  /** Generations up to this one are dropped (a failed one leaves a half-migrated template). */
  #dropped = 0
  #fingerprint = ''

  constructor(
    readonly config: MigConfig,
    readonly store: DatabaseStore,
    readonly base: Pick<MigTestRun, 'dialect' | 'runId' | 'home' | 'root'>,
    readonly disarm: () => void,
    readonly binds: readonly BindStore[] = [],
  ) {}

  get run(): MigTestRun {
    if (!this.#run) throw new MigError('USAGE', 'mig/vitest: migrate() has not run yet')
    return this.#run
  }

  async migrate(): Promise<MigTestRun> {
    const generation = ++this.#generation
    this.#fingerprint = migrationsFingerprint(this.config)
    const templateUrl = await this.store.createEmpty(names.template(generation))
    // Every bind is pointed at its own template too: the run never reaches a real database.
    const bindTemplates = new Map<string, string>()
    for (const bind of this.binds) bindTemplates.set(bind.name, await bind.store.createEmpty(names.template(generation)))
    const binds = Object.fromEntries(Object.entries(this.config.binds).map(([name, bind]) => [name, { ...bind, database: bindTemplates.get(name)! }]))
    // A throwaway database never needs `mig sync`: no revision sources kept.
    const config = { ...this.config, database: templateUrl, binds, keepRevisionSources: false }
    const started = performance.now()
    try {
      await upgrade(config, { revision: 'heads' })
    } catch (error) {
      throw new MigError('MIGRATION_FAILED', `mig/vitest could not migrate the test template: ${(error as Error).message}`, { cause: error })
    }
    const templateMs = Math.round(performance.now() - started)
    // The main database comes first, so `revisions` are its rows (multidb too).
    const heads = (await current(config)).revisions.map((revision) => revision.id)
    if (heads.length === 0 && listRevisionFiles(openRepository(this.config)).length > 0) {
      // env.ts decided the database itself: the revisions ran somewhere else.
      throw new MigError('BAD_CONFIG', `mig/vitest: ${openRepository(this.config).envFile} did not migrate the test database; let it use context.database`)
    }
    for (; this.#dropped < generation - 1; this.#dropped++) await this.#dropGeneration(this.#dropped + 1)
    const workerPattern = (store: DatabaseStore) => {
      const sample = store.url(names.worker(generation, 999999))
      const cut = sample.lastIndexOf('999999')
      return `${sample.slice(0, cut)}{pool}${sample.slice(cut + 6)}`
    }
    this.#run = {
      ...this.base,
      ...(this.binds.length > 0
        ? { binds: Object.fromEntries(this.binds.map((bind) => [bind.name, { ...bind.location, templateUrl: bindTemplates.get(bind.name)!, workerUrlPattern: workerPattern(bind.store) }])) }
        : {}),
      generation,
      configFile: this.config.configFile,
      ormConfigFile: this.config.ormConfigFile,
      templateUrl,
      workerUrlPattern: workerPattern(this.store),
      heads,
      templateMs,
    }
    return this.#run
  }

  async refresh(): Promise<boolean> {
    try {
      if (migrationsFingerprint(this.config) === this.#fingerprint) return false
      await this.migrate()
    } catch (error) {
      this.#run = { ...this.run, error: (error as Error).message }
    }
    return true
  }

  async worker(pool: number): Promise<string> {
    return this.store.copy(names.template(this.run.generation), names.worker(this.run.generation, pool))
  }

  async dispose(): Promise<void> {
    await this.store.dropAll()
    for (const bind of this.binds) await bind.store.dropAll()
    this.disarm()
  }

  async #dropGeneration(generation: number): Promise<void> {
    for (const store of [this.store, ...this.binds.map((bind) => bind.store)]) {
      await store.drop(names.template(generation))
      await store.dropAll(names.worker(generation, ''))
    }
  }
}

function sqliteHome(): string {
  sweepStaleFolders()
  return mkdtempSync(join(tmpdir(), `${SQLITE_FOLDER_PREFIX}${process.pid}-`))
}

/** The server's `postgres` database: where databases are created and dropped. */
function maintenanceUrl(url: string): string {
  const parsed = new URL(url)
  parsed.pathname = '/postgres'
  return parsed.toString()
}

/** Names, sizes and times of the revision files and `env.ts`: what a re-migration depends on. */
function migrationsFingerprint(config: MigConfig): string {
  const repo = openRepository(config)
  const files = [...(repo.envFile ? [repo.envFile] : []), ...listRevisionFiles(repo)]
  return files.map((file) => {
    const stat = statSync(file)
    return `${file}\0${stat.size}\0${stat.mtimeMs}`
  }).join('\n')
}
