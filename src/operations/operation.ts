import { MigError } from '../errors.js'
import { batchSql } from './batch-sql.js'
import { bulkInsertSql } from './insert-sql.js'
import { splitStatements } from './split.js'
import { createTableSql, dropTableSql, renameTableSql } from './table-sql.js'
import { tableChangeSql } from './table-change-sql.js'
import type { BatchOptions, ColumnChanges, ColumnSpec, CreateTableOptions, Dialect, IndexType, ReferentialAction, Row } from './types.js'

/**
 * One change to an existing table, without the table: the vocabulary of `batchAlterTable`.
 * Outside a batch the same change carries its table (see `Operation`).
 */
export type TableChange =
  | { readonly kind: 'addColumn'; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly column: string }
  | { readonly kind: 'alterColumn'; readonly column: string; readonly changes: ColumnChanges }
  | { readonly kind: 'renameColumn'; readonly from: string; readonly to: string }
  | { readonly kind: 'createIndex'; readonly name: string; readonly columns: readonly string[]; readonly unique?: boolean; readonly type?: IndexType }
  | { readonly kind: 'dropIndex'; readonly name: string }
  | { readonly kind: 'createUnique'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'dropUnique'; readonly name: string }
  | { readonly kind: 'createCheck'; readonly name: string; readonly expression: string }
  | { readonly kind: 'dropCheck'; readonly name: string }
  | {
      readonly kind: 'createForeignKey'
      readonly name: string
      readonly columns: readonly string[]
      readonly referencedTable: string
      readonly referencedColumns: readonly string[]
      readonly onDelete?: ReferentialAction
      readonly onUpdate?: ReferentialAction
    }
  | { readonly kind: 'dropForeignKey'; readonly name: string }
  | { readonly kind: 'createTableComment'; readonly comment: string; readonly existingComment?: string }
  | { readonly kind: 'dropTableComment'; readonly existingComment?: string }

type WithTable<T> = T extends unknown ? T & { readonly table: string } : never

/** A table change as a standalone operation (`op.alterColumn('user', ...)`). */
export type TableOperation = WithTable<Exclude<TableChange, { kind: 'dropIndex' }>> | {
  readonly kind: 'dropIndex'
  readonly name: string
  /** MySQL/MariaDB need it; the others ignore it. */
  readonly table?: string
}

/**
 * One operation as plain data. `op.xxx(...)` builds one and runs it; autogenerate builds them
 * from a schema diff, renders them as `op.xxx(...)` calls and derives their reverses.
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
  | { readonly kind: 'bulkInsert'; readonly table: string; readonly rows: readonly Row[] }
  | TableOperation
  | {
      readonly kind: 'batchAlterTable'
      readonly table: string
      readonly changes: readonly TableChange[]
      readonly options?: BatchOptions
    }

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
