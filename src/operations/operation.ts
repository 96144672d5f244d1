import type { BatchOptions, ColumnChanges, ColumnSpec, CreateTableOptions, IndexType, ReferentialAction, Row } from './types.js'

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
