import type { DatabaseTarget, MigConfig } from '../config/types.js'
import { connect, type Connection } from './connection.js'
import type { DatabaseStep } from './lockstep.js'
import { inTransactions, withLocks } from './locks.js'
import { ensureSourceTable, forgetSource, readStoredRevisions, recordSource, storedState, type SourceKeeping, type StoredState } from './revision-sources.js'
import type { ServerFacts } from './server-facts.js'
import type { StepTimeouts } from './step-settings.js'
import type { RevisionModules, RunPlan, RunStep, VersionChange } from './steps.js'
import { applyVersionChanges, ensureVersionTable, purgeVersions, readVersions } from './version-table.js'

/** One database of a run: `default` is the main one (`database`/`orm`), the others are binds. */
export interface RunDatabase {
  readonly name: string
  readonly target: DatabaseTarget
  /** The config with this database's `database`/`orm` in place of the main ones (for autogenerate). */
  readonly config: MigConfig
}

export interface RunSettings {
  readonly versionTable: string
  /** Base directory for file names in error messages; where drivers are resolved from. */
  readonly root: string
  readonly x: Readonly<Record<string, string>>
  /** Multidb: failures name the database they happened on. */
  readonly nameDatabases: boolean
  /** Where applied revisions' sources are kept (undefined: `keepRevisionSources: false`). */
  readonly sources: SourceKeeping | undefined
  /** The config's `lockTimeout`/`statementTimeout`, set at the start of every step. */
  readonly timeouts?: StepTimeouts | undefined
}

/**
 * One migration run (Alembic's migration context): it owns the connections of every database,
 * their lock and their version tables. Commands hand it plans; it decides when to read the
 * version rows (inside the lock) and how the steps are grouped into transactions.
 *
 * @example
 * const run = await MigrationRun.open([{ name: 'default', target, config }], { versionTable: 'mig_version', root, x: {}, nameDatabases: false })
 * try { await run.readVersions() } finally { await run.close() }
 */
export class MigrationRun {
  readonly #databases: ReadonlyArray<RunDatabase & { readonly connection: Connection }>
  readonly #settings: RunSettings

  private constructor(databases: ReadonlyArray<RunDatabase & { readonly connection: Connection }>, settings: RunSettings) {
    this.#databases = databases
    this.#settings = settings
  }

  /** Connects every database, in order; what was connected is closed again if one fails. */
  static async open(databases: readonly RunDatabase[], settings: RunSettings): Promise<MigrationRun> {
    const connected: Array<RunDatabase & { connection: Connection }> = []
    try {
      for (const database of databases) connected.push({ ...database, connection: await connect(database.target, settings.root) })
    } catch (error) {
      await closeAll(connected)
      throw error
    }
    return new MigrationRun(connected, settings)
  }

  /** The databases of this run, in config order. */
  get databases(): readonly RunDatabase[] {
    return this.#databases
  }

  /** Each database's version rows (none when its version table does not exist yet), and its source table to read on demand. */
  async readVersions(): Promise<Array<{ database: RunDatabase; rows: string[]; stored: StoredState }>> {
    const table = this.#settings.versionTable
    const found = []
    for (const database of this.#databases) found.push({ database, rows: await readVersions(database.connection, table), stored: storedState(database.connection, table) })
    return found
  }

  /**
   * Moves every version table where `plan` says, without running migrations: under the lock, in
   * one transaction per database, committed together, so a database that fails (say, an unknown
   * revision in its table) leaves every table as it was.
   */
  async stamp<S extends { readonly versionChanges: readonly VersionChange[] }>(
    plan: (rows: readonly string[]) => S[],
    options: { readonly purge: boolean; readonly sources: StampedSources },
  ): Promise<Array<{ bind: string; steps: S[] }>> {
    const table = this.#settings.versionTable
    const stamped: Array<{ bind: string; steps: S[] }> = []
    await withLocks(this.#connections(), `mig:${table}`, () =>
      inTransactions(this.#databases, [], async () => {
        for (const { name, connection } of this.#databases) {
          await ensureVersionTable(connection, table)
          if (options.purge) await purgeVersions(connection, table)
          const steps = plan(await readVersions(connection, table))
          await applyVersionChanges(connection, table, steps.flatMap((step) => step.versionChanges))
          if (this.#settings.sources) await keepStampedSources(connection, this.#settings.sources, options.sources, await readVersions(connection, table))
          stamped.push({ bind: name, steps })
        }
      }),
    )
    return stamped
  }

  /** Runs the plan's steps on every database in lockstep (see `runStepsInLockstep`). */
  async apply<S extends RunStep>(
    plan: RunPlan<S>,
    options: { readonly modules: RevisionModules; readonly onStep?: ((step: S, bind: string) => void) | undefined },
  ): Promise<Array<DatabaseStep<S>>> {
    // Loaded here: the operations API and MikroORM's glue are not needed to read or stamp versions.
    const [{ runStepsInLockstep }, { RevisionOrms }] = await Promise.all([import('./lockstep.js'), import('./revision-orm.js')])
    const orms = new RevisionOrms(this.#settings.root, (bind) => this.#databases.find((database) => database.name === bind)?.config.orm)
    try {
      return await runStepsInLockstep(this.#databases, plan, { ...this.#settings, ...options, orms })
    } finally {
      await orms.close()
    }
  }

  /**
   * Reads what `mig lint` needs of one database (its server version, the rows of `tables`),
   * with SELECTs only, outside any lock: a lint never writes.
   */
  async serverFacts(database: string, tables: readonly string[]): Promise<ServerFacts> {
    const { readServerFacts } = await import('./server-facts.js')
    const found = this.#databases.find((candidate) => candidate.name === database)
    if (!found) throw new Error(`no database '${database}' in this run`)
    return readServerFacts(found.connection, tables)
  }

  /** Closes every connection; a connection that fails to close does not hide the run's outcome. */
  async close(): Promise<void> {
    await closeAll(this.#databases)
  }

  #connections(): Connection[] {
    return this.#databases.map((database) => database.connection)
  }
}

/** What a stamp needs to keep the source table in step with the version table. */
export interface StampedSources {
  /** Every revision applied at `rows` (the rows and all below them), with its file. */
  applied(rows: readonly string[]): Array<{ readonly id: string; readonly path: string }>
  readonly modules: RevisionModules
}

/** After a stamp: sources for what became applied (from today's files), none for what no longer is. */
async function keepStampedSources(connection: Connection, keeping: SourceKeeping, sources: StampedSources, rows: readonly string[]): Promise<void> {
  await ensureSourceTable(connection, keeping.table)
  const applied = sources.applied(rows)
  const stored = new Set((await readStoredRevisions(connection, keeping.table)).map((entry) => entry.revision))
  const wanted = new Set(applied.map((revision) => revision.id))
  for (const id of stored) if (!wanted.has(id)) await forgetSource(connection, keeping.table, id)
  for (const { id, path } of applied) {
    if (stored.has(id)) continue
    const source = await sources.modules.source(path)
    if (source) await recordSource(connection, keeping, { revision: id, path: source.file, source: source.text })
  }
}

async function closeAll(databases: ReadonlyArray<{ readonly connection: Connection }>): Promise<void> {
  for (const { connection } of databases) await connection.close().catch(() => {})
}
