import { MigError } from '../errors.js'
import { applyVersionChanges as predictRows } from '../revision/index.js'
import type { Step } from '../revision/types.js'
import { prefetchRevisionModules } from '../script/modules.js'
import type { Connection } from './connection.js'
import { runRevision, type RunOptions } from './run-steps.js'
import { applyVersionChanges, ensureVersionTable, readVersions } from './version-table.js'

/** One database of a multidb run, connected. */
export interface BindConnection {
  readonly name: string
  readonly connection: Connection
}

/** A step as it ran on one bind. */
export interface BindStep {
  readonly bind: string
  readonly step: Step
}

export interface BindRunOptions extends Omit<RunOptions, 'onStep' | 'bind'> {
  /** Reports each step just before it runs on `bind` (the CLI prints `Migrating database ...`). */
  onStep?: ((step: Step, bind: string) => void) | undefined
}

/**
 * Applies steps on several databases in lockstep: round N opens a transaction on every bind,
 * runs each bind's N-th step, and commits them all only when all succeeded — so a revision that
 * fails on one bind is rolled back on the others too, and every database stays at the same
 * revision. Each bind plans from its own version table (re-read every round, as single-database
 * runs do, so concurrent processes never apply a step twice).
 *
 * Binds whose DDL cannot be rolled back (MariaDB/MySQL) run their step last in each round, so
 * a failure elsewhere never leaves them half done; when one of them cannot be undone the error
 * says so by name.
 *
 * @example
 * await runStepsOnBinds([{ name: 'default', connection: a }, { name: 'users', connection: b }],
 *   (bind, heads) => planUpgrade(graph, heads, 'head'), { versionTable: 'mig_version', x: {}, root })
 */
export async function runStepsOnBinds(
  binds: readonly BindConnection[],
  plan: (bind: string, heads: string[]) => Step[],
  options: BindRunOptions,
): Promise<BindStep[]> {
  // A stable sort: transactional databases first, in config order.
  const order = [...binds].sort((a, b) => Number(b.connection.transactionalDdl) - Number(a.connection.transactionalDdl))
  const state = new Map(order.map((bind) => [bind.name, { planned: [] as Step[], expected: undefined as string[] | undefined }]))
  const applied: BindStep[] = []
  await withLocks(order.map((bind) => bind.connection), `mig:${options.versionTable}`, async () => {
    for (const { connection } of order) await connection.transaction(() => ensureVersionTable(connection, options.versionTable))
    for (;;) {
      const round = { started: [] as BindStep[], committed: [] as string[], current: undefined as string | undefined }
      try {
        await inTransactions(order, round.committed, async () => {
          for (const { name, connection } of order) {
            round.current = name
            const bindState = state.get(name)!
            const heads = await readVersions(connection, options.versionTable)
            if (!bindState.expected || !sameRows(heads, bindState.expected)) {
              bindState.planned = plan(name, heads)
              prefetchRevisionModules(bindState.planned.map((step) => step.revision.path))
            }
            const next = bindState.planned.shift()
            if (!next) continue
            options.onStep?.(next, name)
            round.started.push({ bind: name, step: next })
            await runRevision(connection, next, { ...options, onStep: undefined, bind: name })
            await applyVersionChanges(connection, options.versionTable, next.versionChanges)
            bindState.expected = predictRows(heads, next.versionChanges)
          }
        })
      } catch (error) {
        throw explainRollback(error, order, round)
      }
      if (round.started.length === 0) break
      applied.push(...round.started)
    }
  })
  return applied
}

/**
 * Takes the migration lock of every database, always in one order (by database, whatever the
 * command), so two processes (an upgrade and a stamp, say) cannot deadlock on each other's locks.
 */
export async function withLocks<T>(connections: readonly Connection[], key: string, work: () => Promise<T>): Promise<T> {
  const ordered = [...connections].sort((a, b) => a.target.display.localeCompare(b.target.display))
  const lockFrom = (index: number): Promise<T> => {
    const connection = ordered[index]
    return connection ? connection.withLock(key, () => lockFrom(index + 1)) : work()
  }
  return lockFrom(0)
}

/**
 * Nests one transaction per bind around `work`: a throw unwinds through all of them (each rolls
 * back); success commits the innermost first. `committed` records who committed, so a failing
 * outer COMMIT can name the binds it could no longer undo.
 */
async function inTransactions<T>(binds: readonly BindConnection[], committed: string[], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = binds
  if (!first) return work()
  const result = await first.connection.transaction(() => inTransactions(rest, committed, work))
  committed.push(first.name)
  return result
}

/** The step's failure, prefixed with the bind it happened on and what became of the other binds' step. */
function explainRollback(
  error: unknown,
  binds: readonly BindConnection[],
  round: { started: readonly BindStep[]; committed: readonly string[]; current: string | undefined },
): unknown {
  // Innermost transactions commit first: once one has, the failure is the COMMIT of the next one out.
  const failed = round.committed.length === 0 ? round.current : [...binds].reverse().find((bind) => !round.committed.includes(bind.name))?.name
  if (failed === undefined) return error
  const kept = new Set(round.committed.filter((bind) => round.started.some((s) => s.bind === bind)))
  for (const { bind } of round.started) {
    const connection = binds.find((b) => b.name === bind)!.connection
    if (bind !== failed && !connection.transactionalDdl) kept.add(bind)
  }
  const others = round.started.map((s) => s.bind).filter((bind) => bind !== failed)
  const rolledBack = others.filter((bind) => !kept.has(bind))
  const notes: string[] = []
  if (rolledBack.length > 0) notes.push(`the same step was rolled back on ${rolledBack.join(', ')}`)
  const notRun = binds.map((b) => b.name).filter((bind) => bind !== failed && !round.started.some((s) => s.bind === bind))
  if (notRun.length > 0) notes.push(`not run on ${notRun.join(', ')}`)
  for (const bind of kept) {
    const why = round.committed.includes(bind) ? 'it was already committed' : 'MariaDB/MySQL cannot roll back DDL'
    notes.push(`NOT rolled back on ${bind} (${why}): it stays at its new revision; check it with 'mig current'`)
  }
  const message = `bind ${failed}: ${(error as Error).message}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`
  return new MigError(error instanceof MigError ? error.code : 'MIGRATION_FAILED', message, { cause: error })
}

function sameRows(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((row) => b.includes(row))
}
