import type { BatchOptions, ColumnChanges, ColumnSpec, CreateTableOptions, IndexType, OnlineIndexOptions, ReferentialAction, Row } from './types.js'

/** What `createForeignKey` takes beside its name; a `dropForeignKey` may carry it for its reverse. */
export interface ForeignKeyFields {
  readonly columns: readonly string[]
  readonly referencedTable: string
  readonly referencedColumns: readonly string[]
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** PostgreSQL: added `not valid` (see `NotValidOptions`). */
  readonly notValid?: boolean
}

/**
 * One change to an existing table, without the table: the vocabulary of `batchAlterTable`.
 * Outside a batch the same change carries its table (see `Operation`).
 *
 * A drop may also carry what it drops (as Alembic's operations do), so that it can be reversed
 * without reading the database: autogenerate fills those fields, `op.dropXxx(...)` does not,
 * and the SQL never needs them.
 */
export type TableChange =
  | { readonly kind: 'addColumn'; readonly column: ColumnSpec }
  | {
      readonly kind: 'dropColumn'
      readonly column: string
      /** The column as it was, for the reverse. */
      readonly existing?: ColumnSpec
    }
  | {
      readonly kind: 'alterColumn'
      readonly column: string
      readonly changes: ColumnChanges
      /** The changed keys with their values before the change, for the reverse. */
      readonly previous?: ColumnChanges
    }
  | { readonly kind: 'renameColumn'; readonly from: string; readonly to: string }
  | ({ readonly kind: 'createIndex'; readonly name: string; readonly columns: readonly string[]; readonly unique?: boolean; readonly type?: IndexType } & OnlineIndexOptions)
  | ({ readonly kind: 'dropIndex'; readonly name: string; readonly columns?: readonly string[]; readonly unique?: boolean; readonly type?: IndexType } & OnlineIndexOptions)
  | { readonly kind: 'createUnique'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'dropUnique'; readonly name: string; readonly columns?: readonly string[] }
  | { readonly kind: 'createCheck'; readonly name: string; readonly expression: string; readonly notValid?: boolean }
  | { readonly kind: 'dropCheck'; readonly name: string; readonly expression?: string }
  | ({ readonly kind: 'createForeignKey'; readonly name: string } & ForeignKeyFields)
  | ({ readonly kind: 'dropForeignKey'; readonly name: string } & Partial<ForeignKeyFields>)
  | { readonly kind: 'createTableComment'; readonly comment: string; readonly existingComment?: string }
  | { readonly kind: 'dropTableComment'; readonly existingComment?: string }

type WithTable<T> = T extends unknown ? T & { readonly table: string } : never

/** A table change as a standalone operation (`op.alterColumn('user', ...)`). */
export type TableOperation =
  | WithTable<Exclude<TableChange, { kind: 'dropIndex' }>>
  | (Extract<TableChange, { kind: 'dropIndex' }> & {
      /** MySQL/MariaDB need it; the others ignore it. */
      readonly table?: string
    })

/**
 * One operation as plain data, as in Alembic: `op.xxx(...)` builds one and runs it;
 * autogenerate builds them from a schema diff, renders them as `op.xxx(...)` calls and writes
 * the downgrade from their reverses.
 */
export type Operation =
  | { readonly kind: 'execute'; readonly sql: string }
  | {
      readonly kind: 'createTable'
      readonly table: string
      readonly columns: readonly ColumnSpec[]
      readonly options?: CreateTableOptions
    }
  | {
      readonly kind: 'dropTable'
      readonly table: string
      /** The table as it was, for the reverse. */
      readonly columns?: readonly ColumnSpec[]
      readonly options?: CreateTableOptions
    }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  /** PostgreSQL: checks the existing rows against a constraint added `not valid`. */
  | { readonly kind: 'validateConstraint'; readonly table: string; readonly name: string }
  | { readonly kind: 'bulkInsert'; readonly table: string; readonly rows: readonly Row[] }
  | TableOperation
  | {
      readonly kind: 'batchAlterTable'
      readonly table: string
      readonly changes: readonly TableChange[]
      readonly options?: BatchOptions
    }

/** The name of an operation: the method of `op` that makes it. */
export type OperationKind = Operation['kind']

/** The operation of one kind. */
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>
