import type { RevisionModule } from '../config/types.js'
import { MigError } from '../errors.js'
import { operationFromCall } from '../operations/calls.js'
import { isTableChangeKind } from '../operations/change-entries.js'
import { TABLE_OPERATIONS } from '../operations/entries.js'
import { raw } from '../operations/literals.js'
import type { Operation, OperationKind } from '../operations/operation.js'
import type { Dialect } from '../operations/types.js'
import type { RecordedCall, RecordedRevision } from './types.js'

/** What the recorded `upgrade` is told about where it runs. */
export interface RecordingContext {
  readonly dialect: Dialect
  readonly bind: string
  readonly x: Readonly<Record<string, string>>
}

/** Names of online operations and options the `op` API may not have yet, read from the call as written. */
const ALIASES: Readonly<Record<string, OperationKind>> = { addForeignKey: 'createForeignKey' }

/** The revision-level settings of the online operations (`export const transactional = false`). */
type RevisionSettings = RevisionModule & { transactional?: unknown; lockTimeout?: unknown; statementTimeout?: unknown }

const isKind = (method: string): method is OperationKind => isTableChangeKind(method) || Object.hasOwn(TABLE_OPERATIONS, method)

/**
 * Runs a revision's `upgrade` against an `op` that records each call instead of running it (the
 * operations are plain data): nothing is connected, `query()` and `em()` are refused as under
 * `--sql`. Methods the `op` API does not know yet (`validateConstraint`) are recorded by name.
 *
 * @example
 * const { calls } = await recordRevision(module, { dialect: 'postgresql', bind: 'default', x: {} })
 * calls.map((call) => call.method) // ['addColumn', 'createIndex']
 */
export async function recordRevision(module: RevisionModule, context: RecordingContext): Promise<RecordedRevision> {
  const calls: RecordedCall[] = []
  let batches = 0
  // A batch's changes carry its table and position; so does the `batchAlterTable` call itself.
  const record = (method: string, args: unknown[], batch?: { table: string; at: number }) => {
    const kind = ALIASES[method] ?? method
    const inBatch = batch !== undefined && kind !== 'batchAlterTable'
    const operation = isKind(kind) ? buildOperation(kind, args, inBatch ? batch.table : undefined) : undefined
    const table = batch?.table ?? tableOf(operation) ?? (typeof args[0] === 'string' && !isKind(kind) ? args[0] : undefined)
    calls.push({ method: kind, written: method, args, operation, table, options: optionsOf(kind, args), batch: batch?.at, line: 0 })
  }
  const op: Record<string | symbol, unknown> = new Proxy(
    { dialect: context.dialect, offline: true, raw },
    {
      get(target, name) {
        if (typeof name !== 'string' || Object.hasOwn(target, name)) return (target as Record<string | symbol, unknown>)[name]
        if (name === 'then') return undefined
        if (name === 'batchAlterTable') {
          return async (table: string, body: (batch: unknown) => unknown, options?: unknown) => {
            const at = batches++
            record('batchAlterTable', [table, body, options], { table, at })
            const batch = new Proxy({}, { get: (_, change) => (typeof change === 'string' ? (...args: unknown[]) => record(change, args, { table, at }) : undefined) })
            if (typeof body === 'function') await body(batch)
          }
        }
        // A block of statements run outside the transaction: its calls are the revision's too.
        if (name === 'autocommitBlock') return async (body: () => unknown) => body()
        return async (...args: unknown[]) => record(name, args)
      },
    },
  )
  const refuse = () => {
    throw new MigError('OFFLINE_UNSUPPORTED', 'mig lint records the operations without a database: query() and em() are not available')
  }
  const upgrade = module.upgrade as ((context: unknown) => unknown) | undefined
  if (typeof upgrade === 'function') {
    await upgrade({ op, dialect: context.dialect, offline: true, query: refuse, em: refuse, x: context.x, bind: context.bind })
  }
  const settings = module as RevisionSettings
  return {
    calls,
    transactional: typeof settings.transactional === 'boolean' ? settings.transactional : undefined,
    lockTimeout: settings.lockTimeout,
    statementTimeout: settings.statementTimeout,
  }
}

function buildOperation(kind: OperationKind, args: unknown[], batchTable: string | undefined): Operation | undefined {
  if (kind === 'batchAlterTable') return undefined
  try {
    const built = operationFromCall(kind, args, batchTable !== undefined)
    return batchTable !== undefined ? ({ ...built, table: batchTable } as Operation) : built
  } catch {
    // A call the runtime would refuse: upgrading says so; the linter has nothing to add.
    return undefined
  }
}

function tableOf(operation: Operation | undefined): string | undefined {
  if (!operation) return undefined
  if (operation.kind === 'renameTable') return operation.from
  return 'table' in operation && typeof operation.table === 'string' ? operation.table : undefined
}

// The column of `addColumn` is an object too, but no options object.
function optionsOf(kind: string, args: readonly unknown[]): Record<string, unknown> {
  const last = args.at(-1)
  if (kind === 'addColumn' || kind === 'createTable' || last === null || typeof last !== 'object' || Array.isArray(last)) return {}
  return last as Record<string, unknown>
}
