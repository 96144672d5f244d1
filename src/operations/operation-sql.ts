import { isTableChangeKind } from './change-entries.js'
import { entryOf } from './entries.js'
import type { TableOperationEntry } from './entry.js'
import type { Operation, OperationKind, TableChange, TableOperation } from './operation.js'
import { tableChangeSql } from './table-change-sql.js'
import type { Dialect } from './types.js'

/**
 * Splits a standalone table operation into its table and the change, so that one code path
 * serves `op.alterColumn(...)` and `batch.alterColumn(...)`.
 *
 * @example
 * splitTableOperation({ kind: 'dropCheck', table: 'post', name: 'post_status_check' })
 * // => { table: 'post', change: { kind: 'dropCheck', name: 'post_status_check' } }
 */
export function splitTableOperation(operation: TableOperation): { table: string | undefined; change: TableChange } {
  const { table, ...change } = operation
  return { table, change: change as TableChange }
}

/**
 * The statements an operation becomes on a dialect, in order, one statement per entry and no
 * database access — which is what lets offline `--sql` mode print every operation.
 *
 * A change SQLite can only make by copying the table (`alterColumn`, check and foreign-key
 * constraints, ...) needs the table's definition: give it as a `batchAlterTable` operation with
 * `options.copyFrom`, else this throws `OFFLINE_UNSUPPORTED` (`runOperation` reads the live
 * table instead).
 *
 * @example
 * operationSql('mysql', { kind: 'renameColumn', table: 'user', from: 'mail', to: 'email' })
 * // => ['alter table `user` rename column `mail` to `email`']
 */
export function operationSql(dialect: Dialect, operation: Operation): string[] {
  if (isTableChangeKind(operation.kind)) {
    const { table, change } = splitTableOperation(operation as TableOperation)
    return tableChangeSql(dialect, table, change)
  }
  const entry = entryOf(operation.kind) as TableOperationEntry<OperationKind>
  entry.validate?.(operation)
  return entry.sql(dialect, operation)
}
