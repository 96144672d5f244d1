import { MigError } from '../errors.js'
import { inTransactions, withLocks, type DatabaseConnection } from './locks.js'
import type { Connection } from './connection.js'
import { ensureSourceTable, forgetSource, recordSource, storedState, type SourceKeeping } from './revision-sources.js'
import { runRevision, type RevisionRunOptions } from './run-revision.js'
import type { RevisionModules, RunPlan, RunStep } from './steps.js'
import { applyVersionChanges, ensureVersionTable, readVersions } from './version-table.js'

/** A step as it ran on one database. */
export interface DatabaseStep<S extends RunStep = RunStep> {
  readonly bind: string
  readonly step: S
}

export interface LockstepOptions<S extends RunStep> extends Omit<RevisionRunOptions, 'bind'> {
  readonly versionTable: string
  /** Reports each step just before it runs on `bind` (the CLI prints `Running upgrade ...`). */
  readonly onStep?: ((step: S, bind: string) => void) | undefined
  /** Multidb: a failure names its database and says what became of the others. */
  readonly nameDatabases: boolean
  /** Where each applied revision's source is kept (undefined: not kept). */
  readonly sources: SourceKeeping | undefined
}

/**
 * Applies steps on every database of a run in lockstep (a single database is a run of one):
 * round N opens a transaction on every database, runs each one's N-th step, and commits them all
 * only when all succeeded, so a revision that fails on one database is rolled back on the others
 * too and every database stays at the same revision. Each database plans from its own version
 * table, re-read every round: when it is not what the previous step left (another `mig upgrade`
 * got there first), the plan is recomputed, so processes serialised by the lock never apply a
 * revision twice.
 *
 * Databases whose DDL cannot be rolled back (MariaDB/MySQL) run their step last in each round,
 * so a failure elsewhere never leaves them half done; when one of them cannot be undone the
 * error says so by name.
 *
 * @example
 * await runStepsInLockstep([{ name: 'default', connection }], plan, { versionTable: 'mig_version', x: {}, root, modules, nameDatabases: false })
 */
export async function runStepsInLockstep<S extends RunStep>(
  databases: readonly DatabaseConnection[],
  plan: RunPlan<S>,
  options: LockstepOptions<S>,
): Promise<Array<DatabaseStep<S>>> {
  const table = options.versionTable
  // A stable sort: transactional databases first, in config order.
  const order = [...databases].sort((a, b) => Number(b.connection.transactionalDdl) - Number(a.connection.transactionalDdl))
  const applied: Array<DatabaseStep<S>> = []
  await withLocks(order.map((database) => database.connection), `mig:${table}`, async () => {
    // Targets are fixed from where each database is once the lock is held, before anything is written.
    const planners = new Map<string, (rows: readonly string[]) => S[]>()
    for (const { name, connection } of databases) planners.set(name, await plan.start(name, await readVersions(connection, table), storedState(connection, table)))
    for (const { connection } of order) {
      await connection.transaction(async () => {
        await ensureVersionTable(connection, table)
        if (options.sources) await ensureSourceTable(connection, options.sources.table)
      })
    }
    const state = new Map(order.map((database) => [database.name, { planned: [] as S[], expected: undefined as string[] | undefined }]))
    for (;;) {
      const round = { started: [] as Array<DatabaseStep<S>>, committed: [] as string[], current: undefined as string | undefined }
      try {
        await inTransactions(order, round.committed, async () => {
          for (const { name, connection } of order) {
            round.current = name
            const planned = state.get(name)!
            const rows = await readVersions(connection, table)
            if (!planned.expected || !sameRows(rows, planned.expected)) {
              planned.planned = planners.get(name)!(rows)
              options.modules.prefetch(planned.planned.map((step) => step.revision.path))
            }
            const next = planned.planned.shift()
            if (!next) continue
            options.onStep?.(next, name)
            round.started.push({ bind: name, step: next })
            await runRevision(connection, next, { ...options, bind: name })
            await applyVersionChanges(connection, table, next.versionChanges)
            if (options.sources) await keepSource(connection, next, options.sources, options.modules)
            planned.expected = plan.rowsAfter(rows, next)
          }
        })
      } catch (error) {
        throw options.nameDatabases ? explainRollback(error, order, round) : error
      }
      if (round.started.length === 0) break
      applied.push(...round.started)
    }
  })
  return applied
}

/** Records what an up step applied, forgets what a down step removed: the table lists the applied revisions. */
async function keepSource(connection: Connection, step: RunStep, keeping: SourceKeeping, modules: RevisionModules): Promise<void> {
  if (step.direction === 'down') return forgetSource(connection, keeping.table, step.revision.id)
  const source = await modules.source(step.revision.path)
  if (source) await recordSource(connection, keeping, { revision: step.revision.id, path: source.file, source: source.text })
}

/** The step's failure, prefixed with the database it happened on and what became of the other databases' step. */
function explainRollback(
  error: unknown,
  databases: readonly DatabaseConnection[],
  round: { started: readonly DatabaseStep[]; committed: readonly string[]; current: string | undefined },
): unknown {
  // Innermost transactions commit first: once one has, the failure is the COMMIT of the next one out.
  const failed = round.committed.length === 0 ? round.current : [...databases].reverse().find((database) => !round.committed.includes(database.name))?.name
  if (failed === undefined) return error
  const kept = new Set(round.committed.filter((bind) => round.started.some((s) => s.bind === bind)))
  for (const { bind } of round.started) {
    const connection = databases.find((database) => database.name === bind)!.connection
    if (bind !== failed && !connection.transactionalDdl) kept.add(bind)
  }
  const others = round.started.map((s) => s.bind).filter((bind) => bind !== failed)
  const rolledBack = others.filter((bind) => !kept.has(bind))
  const notes: string[] = []
  if (rolledBack.length > 0) notes.push(`the same step was rolled back on ${rolledBack.join(', ')}`)
  const notRun = databases.map((database) => database.name).filter((bind) => bind !== failed && !round.started.some((s) => s.bind === bind))
  if (notRun.length > 0) notes.push(`not run on ${notRun.join(', ')}`)
  for (const bind of kept) {
    const why = round.committed.includes(bind) ? 'it was already committed' : 'MariaDB/MySQL cannot roll back DDL'
    notes.push(`NOT rolled back on ${bind} (${why}): it stays at its new revision; check it with 'mig current'`)
  }
  const message = `bind ${failed}: ${(error as Error).message}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`
  const details = error instanceof MigError ? { revision: error.revision, file: error.file, direction: error.direction } : {}
  return new MigError(error instanceof MigError ? error.code : 'MIGRATION_FAILED', message, { cause: error, ...details, bind: failed })
}

function sameRows(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((row) => b.includes(row))
}
