import { MigError } from '../errors.js'
import { addColumnSql, addIndexSql, dropColumnSql, dropIndexSql, renameColumnSql } from './alter-sql.js'
import { bulkInsertSql } from './insert-sql.js'
import { splitStatements } from './split.js'
import { createTableSql, dropTableSql, renameTableSql } from './table-sql.js'
import type { ColumnSpec, CreateTableOptions, Dialect, Row } from './types.js'

/**
 * One operation as plain data. `op.xxx(...)` builds one and runs it; autogenerate (later) builds
 * them from a schema diff, renders them as `op.xxx(...)` calls and derives their reverses; the
 * SQLite batch mode (later) collects them per table before deciding how to apply them.
 */
export type Operation =
  | { readonly kind: 'execute'; readonly sql: string }
  | {
      readonly kind: 'createTable'
      readonly table: string
      readonly columns: readonly ColumnSpec[]
      readonly options?: CreateTableOptions
    }
  | { readonly kind: 'dropTable'; readonly table: string }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: string }
  | { readonly kind: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string }
  | {
      readonly kind: 'createIndex'
      readonly name: string
      readonly table: string
      readonly columns: readonly string[]
      readonly unique?: boolean
    }
  | { readonly kind: 'dropIndex'; readonly name: string; readonly table?: string }
  | { readonly kind: 'bulkInsert'; readonly table: string; readonly rows: readonly Row[] }

/**
 * The statements an operation becomes on a dialect, in order, one statement per entry and no
 * database access — which is what lets offline `--sql` mode print every operation.
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
    case 'addColumn':
      return addColumnSql(dialect, operation.table, operation.column)
    case 'dropColumn':
      return dropColumnSql(dialect, operation.table, operation.column)
    case 'renameColumn':
      return renameColumnSql(dialect, operation.table, operation.from, operation.to)
    case 'createIndex':
      return addIndexSql(dialect, operation.name, operation.table, operation.columns, operation.unique === true)
    case 'dropIndex':
      return dropIndexSql(dialect, operation.name, operation.table)
    case 'bulkInsert':
      return bulkInsertSql(dialect, operation.table, operation.rows)
  }
}
