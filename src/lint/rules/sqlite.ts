import { copiesOnSqlite } from '../../operations/table-change-sql.js'
import type { TableChange } from '../../operations/operation.js'
import { isTableChangeKind } from '../../operations/change-entries.js'
import type { RecordedCall } from '../types.js'
import type { Rule } from './rule.js'

/** MIG110: SQLite's move-and-copy of a table (a batch, or a change SQLite makes only that way). */
export const sqliteTableCopy: Rule = {
  code: 'MIG110',
  name: 'sqlite-table-copy',
  summary: 'SQLite copies the whole table (move-and-copy) for the change',
  check(call, { target, revision }) {
    if (target.dialect !== 'sqlite') return undefined
    const reason = copyReason(call, revision.calls)
    if (reason === undefined) return undefined
    return {
      severity: 'warning',
      why: `${reason}: SQLite makes a new table, copies every row, drops the old one and renames the new one, holding the database's write lock throughout; every other writer waits (or fails with SQLITE_BUSY)`,
      recipe: 'run it when the table is small or the application is idle, and group every change to the table in one op.batchAlterTable so it is copied once',
    }
  },
}

/** Why the call copies the table: a batch that holds such a change (reported once, at the batch), or such a change alone. */
function copyReason(call: RecordedCall, calls: readonly RecordedCall[]): string | undefined {
  if (call.method === 'batchAlterTable') {
    if (call.options.recreate === 'always') return `op.batchAlterTable('${call.table}', ..., { recreate: 'always' })`
    const copying = calls.find((other) => other !== call && other.batch === call.batch && copies(other))
    return copying ? `op.batchAlterTable('${call.table}') holds batch.${copying.method}()` : undefined
  }
  return call.batch === undefined && copies(call) ? `op.${call.method}('${call.table}') is done by copying the table on SQLite` : undefined
}

function copies(call: RecordedCall): boolean {
  const operation = call.operation
  return operation !== undefined && isTableChangeKind(operation.kind) && copiesOnSqlite(operation as TableChange)
}
