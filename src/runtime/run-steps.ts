import { relative } from 'node:path'
import { MigError } from '../errors.js'
import { createOperations } from '../operations/index.js'
import type { Operations } from '../operations/index.js'
import type { Dialect, Executor } from '../operations/types.js'
import { applyVersionChanges as predictRows } from '../revision/index.js'
import type { Step } from '../revision/types.js'
import { importRevisionModule, prefetchRevisionModules } from '../script/modules.js'
import type { EntityManager } from '@mikro-orm/core'
import type { Connection } from './connection.js'
import type { OfflineScript } from './offline.js'
import type { EntityManagerOptions, RevisionOrms } from './revision-orm.js'
import { applyVersionChanges as applyRowChanges } from '../revision/index.js'
import { applyVersionChanges, createVersionTableSql, ensureVersionTable, readVersions, versionChangeSql } from './version-table.js'

/** What a revision's `upgrade`/`downgrade` receives. */
export interface MigrationContext {
  /** The operations API: `await op.addColumn('user', { name: 'email', type: 'string' })`. */
  readonly op: Operations
  readonly dialect: Dialect
  /** True under `--sql`: nothing can be read from the database. */
  readonly offline: boolean
  /** Reads rows on the migration's own connection and transaction (not under `--sql`). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /**
   * MikroORM's entity manager for data migrations, on the migration's own connection and
   * transaction (not under `--sql`): what it flushes commits or rolls back with the step. Each
   * call gives a fresh fork. It knows today's models; pass `entities` defined in the revision
   * file to keep an old revision working after the models change.
   * @example
   * const em = await context.em()
   * for (const user of await em.find(User, { email: null })) user.email = `${user.name}@example.com`
   * await em.flush()
   */
  em<EM extends EntityManager = EntityManager>(options?: EntityManagerOptions): Promise<EM>
  /** `-x` arguments as a dictionary. */
  readonly x: Readonly<Record<string, string>>
  /**
   * The database this run is for: `'default'` for the main one, else the bind's name from
   * `binds` in mig.config.ts. A multidb revision keeps one section per bind:
   * @example if (bind === 'users') await op.addColumn('user', { name: 'email', type: 'string' })
   */
  readonly bind: string
}

export interface RunOptions {
  versionTable: string
  x: Readonly<Record<string, string>>
  /** Reports each step just before it runs (the CLI prints `Running upgrade ...`). */
  onStep?: ((step: Step) => void) | undefined
  /** Base directory for file names in error messages. */
  root: string
  /** The bind the steps run on (multidb); default `'default'`. */
  bind?: string | undefined
  /** Where `em()` gets its MikroORM (online runs; without it `em()` says it is unavailable). */
  orms?: RevisionOrms | undefined
}

/**
 * Applies steps one transaction each. Inside every transaction the version table is read again:
 * when it is not what the previous step left (another `mig upgrade` process got there first),
 * the plan is recomputed from it. So concurrent processes, serialised by the lock, never apply
 * a revision twice: whoever comes second finds it done.
 */
export async function runStepsOnline(
  connection: Connection,
  plan: (heads: string[]) => Step[],
  options: RunOptions,
): Promise<Step[]> {
  const applied: Step[] = []
  let planned: Step[] = []
  let expected: string[] | undefined
  await connection.withLock(`mig:${options.versionTable}`, async () => {
    await connection.transaction(() => ensureVersionTable(connection, options.versionTable))
    for (;;) {
      const step = await connection.transaction(async () => {
        const heads = await readVersions(connection, options.versionTable)
        if (!expected || !sameRows(heads, expected)) {
          planned = plan(heads)
          prefetchRevisionModules(planned.map((step) => step.revision.path))
        }
        const next = planned.shift()
        if (!next) return undefined
        options.onStep?.(next)
        await runRevision(connection, next, options)
        await applyVersionChanges(connection, options.versionTable, next.versionChanges)
        expected = predictRows(heads, next.versionChanges)
        return next
      })
      if (!step) break
      applied.push(step)
    }
  })
  return applied
}

function sameRows(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((row) => b.includes(row))
}

/** Writes the steps as a SQL script (`--sql`), with the version-table statements after each. */
export async function runStepsOffline(
  script: OfflineScript,
  steps: readonly Step[],
  options: RunOptions & { createVersionTable: boolean; startRows: readonly string[] },
): Promise<void> {
  if (options.createVersionTable) await script.execute(createVersionTableSql(options.versionTable))
  const transactional = script.dialect !== 'mysql'
  prefetchRevisionModules(steps.map((step) => step.revision.path))
  // As online: a table rebuilt by move-and-copy must not cascade to its children.
  const sqliteForeignKeys = script.dialect === 'sqlite' && steps.length > 0
  if (sqliteForeignKeys) await script.execute('PRAGMA foreign_keys = OFF')
  for (const step of steps) {
    options.onStep?.(step)
    script.comment(`Running ${step.direction === 'up' ? 'upgrade' : 'downgrade'} ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}`)
    if (transactional) await script.execute('BEGIN')
    await runRevision(script, step, options)
    for (const change of step.versionChanges) await script.execute(versionChangeSql(options.versionTable, change))
    if (transactional) await script.execute('COMMIT')
  }
  if (sqliteForeignKeys) await script.execute('PRAGMA foreign_keys = ON')
  // As Alembic: a script that ends with no version rows (down to base) drops the version table.
  const endRows = steps.reduce<string[]>((rows, step) => applyRowChanges(rows, step.versionChanges), [...options.startRows])
  if (endRows.length === 0) await script.execute(`DROP TABLE ${options.versionTable}`)
}

/** Runs one step's `upgrade`/`downgrade` function on `executor`; failures name the revision and statement. */
export async function runRevision(executor: Executor, step: Step, options: RunOptions): Promise<void> {
  const file = relative(options.root, step.revision.path) || step.revision.path
  const module = await importRevisionModule(step.revision.path)
  const name = step.direction === 'up' ? 'upgrade' : 'downgrade'
  const migrate = module[name]
  if (typeof migrate !== 'function') {
    throw new MigError('BAD_REVISION_FILE', `Revision file '${file}' does not export a function '${name}'`)
  }
  const tracked = trackStatements(executor)
  const context: MigrationContext = {
    op: createOperations(tracked.executor),
    dialect: executor.dialect,
    offline: executor.offline,
    query: (sql, params) => tracked.executor.query(sql, params),
    em: async <EM>(emOptions?: EntityManagerOptions) => {
      if (!options.orms || !isConnection(executor)) {
        throw new MigError('OFFLINE_UNSUPPORTED', `em() needs a database connection and is not available under --sql (revision ${step.revision.id}, ${file}); use op.execute() or op.bulkInsert() there`)
      }
      return (await options.orms.entityManager(executor, options.bind ?? 'default', emOptions)) as EM
    },
    x: options.x,
    bind: options.bind ?? 'default',
  }
  try {
    await (migrate as (context: MigrationContext) => unknown)(context)
  } catch (error) {
    const statement = tracked.last ? ` in statement: ${shorten(tracked.last)}` : ''
    const ddlNote =
      executor.dialect === 'mysql' && !executor.offline
        ? ' (MariaDB/MySQL cannot roll back DDL: statements of this revision before the failing one stay applied)'
        : ''
    throw new MigError(
      error instanceof MigError ? error.code : 'MIGRATION_FAILED',
      `${name} of revision ${step.revision.id} (${file}) failed${statement}: ${(error as Error).message}${ddlNote}`,
      { cause: error },
    )
  }
}

/** A live connection, not the `--sql` script (which runs no query). */
function isConnection(executor: Executor): executor is Connection {
  return 'nativeQuery' in executor
}

/** Remembers the statement in flight, so a failure can name it (cleared once it succeeds). */
function trackStatements(executor: Executor): { executor: Executor; last: string | undefined } {
  const tracker = {
    last: undefined as string | undefined,
    executor: {
      dialect: executor.dialect,
      offline: executor.offline,
      execute: async (sql: string) => {
        tracker.last = sql
        await executor.execute(sql)
        tracker.last = undefined
      },
      query: async <T>(sql: string, params?: unknown[]) => {
        tracker.last = sql
        const rows = await executor.query<T>(sql, params)
        tracker.last = undefined
        return rows
      },
    } satisfies Executor,
  }
  return tracker
}

function shorten(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat
}
