import { relative } from 'node:path'
import type { EntityManager } from '@mikro-orm/core'
import { MigError } from '../errors.js'
import { createOperations, type Operations } from '../operations/index.js'
import type { Dialect, Executor } from '../operations/types.js'
import type { Connection } from './connection.js'
import type { EntityManagerOptions, RevisionOrms } from './revision-orm.js'
import { stepSettings, withTimeouts, type StepSettings, type StepTimeouts } from './step-settings.js'
import type { RevisionModules, RunStep } from './steps.js'

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

/** What running one revision needs besides the step. */
export interface RevisionRunOptions {
  /** Base directory for file names in error messages. */
  readonly root: string
  readonly x: Readonly<Record<string, string>>
  /** The database the step runs on (`default` for the main one). */
  readonly bind: string
  readonly modules: RevisionModules
  /** Where `em()` gets its MikroORM (online runs; without it `em()` says it is unavailable). */
  readonly orms?: RevisionOrms | undefined
  /** The config's `lockTimeout`/`statementTimeout`, which a revision's own exports override. */
  readonly timeouts?: StepTimeouts | undefined
}

/**
 * Runs one step's `upgrade`/`downgrade` function on `executor`, with the revision's timeouts
 * set first; failures name the revision and statement. A revision that exports
 * `transactional = false` runs outside the step's transaction (`executor.autocommit`; under
 * `--sql` the script leaves out BEGIN/COMMIT around it, see `runStepsOffline`).
 */
export async function runRevision(executor: Executor, step: RunStep, options: RevisionRunOptions): Promise<void> {
  const file = relative(options.root, step.revision.path) || step.revision.path
  const module = await options.modules.load(step.revision.path)
  const name = step.direction === 'up' ? 'upgrade' : 'downgrade'
  const migrate = module[name]
  if (typeof migrate !== 'function') {
    throw new MigError('BAD_REVISION_FILE', `Revision file '${file}' does not export a function '${name}'`, { revision: step.revision.id, file, direction: step.direction })
  }
  const settings = stepSettings(module, options.timeouts, file)
  const tracked = trackStatements(executor, settings)
  const context: MigrationContext = {
    op: createOperations(tracked.executor),
    dialect: executor.dialect,
    offline: executor.offline,
    query: (sql, params) => tracked.executor.query(sql, params),
    em: async <EM>(emOptions?: EntityManagerOptions) => {
      if (!options.orms || !isConnection(executor)) {
        throw new MigError('OFFLINE_UNSUPPORTED', `em() needs a database connection and is not available under --sql (revision ${step.revision.id}, ${file}); use op.execute() or op.bulkInsert() there`, {
          revision: step.revision.id,
          file,
        })
      }
      return (await options.orms.entityManager(executor, options.bind, emOptions)) as EM
    },
    x: options.x,
    bind: options.bind,
  }
  const body = async () => {
    await (migrate as (context: MigrationContext) => unknown)(context)
  }
  try {
    if (settings.transactional) await withTimeouts(executor, settings.timeouts, true, body)
    else await outsideTransaction(executor, () => withTimeouts(executor, settings.timeouts, false, body))
  } catch (error) {
    const statement = tracked.last ? ` in statement: ${shorten(tracked.last)}` : ''
    const notes = executor.offline ? '' : failureNotes(executor.dialect, settings, error)
    throw new MigError(
      error instanceof MigError ? error.code : 'MIGRATION_FAILED',
      `${name} of revision ${step.revision.id} (${file}) failed${statement}: ${(error as Error).message}${notes}`,
      { cause: error, revision: step.revision.id, file, bind: options.bind, direction: step.direction },
    )
  }
}

/** Runs a step outside the transaction where there is one to leave (not under `--sql`, where the script is written without it). */
function outsideTransaction(executor: Executor, work: () => Promise<void>): Promise<void> {
  return executor.autocommit && !executor.offline ? executor.autocommit(work) : work()
}

/** What a failure left behind, and the way out when it is a known one (a lock timeout, a statement PostgreSQL runs only outside a transaction). */
function failureNotes(dialect: Dialect, settings: StepSettings, error: unknown): string {
  const notes: string[] = []
  const { code, errno } = error as { code?: unknown; errno?: unknown }
  const lockTimeout = settings.timeouts.lockTimeout
  if (lockTimeout !== undefined && (code === '55P03' || errno === 1205)) {
    notes.push(`lockTimeout ${lockTimeout}ms reached: another session holds a lock on the table; run it again when that session is done, or raise lockTimeout`)
  }
  if (code === '25001') {
    notes.push('PostgreSQL runs this statement only outside a transaction: add `export const transactional = false` to the revision, or wrap the operation in `await op.autocommitBlock(async () => { ... })`')
  }
  if (!settings.transactional && dialect !== 'sqlite') {
    notes.push('the revision runs outside a transaction (transactional = false): statements before the failing one stay applied')
  } else if (dialect === 'mysql') {
    notes.push('MariaDB/MySQL cannot roll back DDL: statements of this revision before the failing one stay applied')
  }
  return notes.map((note) => ` (${note})`).join('')
}

/** A live connection, not the `--sql` script (which runs no query). */
function isConnection(executor: Executor): executor is Connection {
  return 'nativeQuery' in executor
}

/**
 * Remembers the statement in flight, so a failure can name it (cleared once it succeeds). An
 * `op.autocommitBlock` leaves the transaction and with it PostgreSQL's `set local` timeouts: the
 * block gets them as session settings, and the new transaction gets them again.
 */
function trackStatements(executor: Executor, settings: StepSettings): { executor: Executor; last: string | undefined } {
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
      autocommit: async <T>(work: () => Promise<T>) => {
        // A step outside a transaction has none to leave; elsewhere the settings are the session's and stay.
        if (!settings.transactional || !executor.autocommit) return work()
        if (executor.dialect !== 'postgresql') return executor.autocommit(work)
        const result = await executor.autocommit(() => withTimeouts(executor, settings.timeouts, false, work))
        await withTimeouts(executor, settings.timeouts, true, async () => {})
        return result
      },
    } satisfies Executor,
  }
  return tracker
}

function shorten(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat
}
