import { MigError } from '../errors.js'
import { batchSql } from './batch-sql.js'
import { bulkInsertSql } from './insert-sql.js'
import type { Operation, TableChange, TableOperation } from './operation.js'
import { splitStatements } from './split.js'
import { createTableSql, dropTableSql, renameTableSql } from './table-sql.js'
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
  switch (operation.kind) {
    case 'execute':
      if (typeof operation.sql !== 'string') {
        throw new MigError('BAD_OPERATION', 'execute(): give the SQL as a string')
      }
      return splitStatements(dialect, operation.sql)
    case 'createTable':
      return createTableSql(dialect, operation.table, operation.columns, operation.options)
    case 'dropTable':
      return dropTableSql(dialect, operation.table)
    case 'renameTable':
      return renameTableSql(dialect, operation.from, operation.to)
    case 'bulkInsert':
      return bulkInsertSql(dialect, operation.table, operation.rows)
    case 'batchAlterTable':
      return batchSql(dialect, operation.table, operation.changes, operation.options)
    default: {
      const { table, change } = splitTableOperation(operation)
      return tableChangeSql(dialect, table, change)
    }
  }
}
