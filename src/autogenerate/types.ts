/**
 * The vocabulary autogenerate works in: tables as dialect-neutral definitions, and schema
 * operations as plain data that know their own reverse. MikroORM's types never leave
 * `orm.ts`/`compare.ts`/`corrections/`; everything after the comparison speaks this language,
 * which is also what the rendered revision file calls.
 */
import type { CheckSpec, ColumnSpec, IndexType, ReferentialAction } from '../operations/types.js'

export type { CheckSpec }

/** An index or unique constraint, always named here (the renderer drops names equal to the default). */
export interface NamedIndex {
  readonly name: string
  readonly columns: readonly string[]
  readonly unique?: boolean
  readonly type?: IndexType
}

/** A foreign key, always named here. */
export interface NamedForeignKey {
  readonly name: string
  readonly columns: readonly string[]
  readonly references: { readonly table: string; readonly columns: readonly string[] }
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
}

/**
 * A whole table: what `createTable` receives, and what a batch's `copyFrom` describes (the
 * table before the batch runs, so SQLite can rebuild it without reading the database).
 */
export interface TableDefinition {
  readonly columns: readonly ColumnSpec[]
  /** Primary-key columns in key order (also marked on the columns when single). */
  readonly primaryKey: readonly string[]
  /** Plain and unique indexes that are not unique constraints. */
  readonly indexes: readonly NamedIndex[]
  readonly uniques: readonly NamedIndex[]
  readonly foreignKeys: readonly NamedForeignKey[]
  readonly checks: readonly CheckSpec[]
  readonly comment?: string | undefined
}

/** What `alterColumn` changes; absent keys stay as they are. `default: null` removes the default. */
export interface AlterChanges {
  readonly type?: string
  readonly length?: number
  readonly precision?: number
  readonly scale?: number
  readonly nullable?: boolean
  readonly default?: unknown
  readonly defaultRaw?: string
  readonly comment?: string | null
  /** MySQL/MariaDB only. */
  readonly unsigned?: boolean
}

/**
 * One schema operation. Drops carry what they drop, so every operation can be reversed
 * without looking at the database again.
 */
export type SchemaOp =
  | { readonly kind: 'createTable'; readonly table: string; readonly definition: TableDefinition }
  | { readonly kind: 'dropTable'; readonly table: string; readonly definition: TableDefinition }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: ColumnSpec }
  | {
      readonly kind: 'alterColumn'
      readonly table: string
      readonly column: string
      readonly changes: AlterChanges
      /** The same keys with their values before the change, for the downgrade. */
      readonly previous: AlterChanges
      /** The column before the change (MySQL and SQLite need the whole definition). */
      readonly existing: ColumnSpec
    }
  | { readonly kind: 'createIndex'; readonly table: string; readonly index: NamedIndex }
  | { readonly kind: 'dropIndex'; readonly table: string; readonly index: NamedIndex }
  | { readonly kind: 'createUnique'; readonly table: string; readonly unique: NamedIndex }
  | { readonly kind: 'dropUnique'; readonly table: string; readonly unique: NamedIndex }
  | { readonly kind: 'createCheck'; readonly table: string; readonly check: CheckSpec }
  | { readonly kind: 'dropCheck'; readonly table: string; readonly check: CheckSpec }
  | { readonly kind: 'createForeignKey'; readonly table: string; readonly foreignKey: NamedForeignKey }
  | { readonly kind: 'dropForeignKey'; readonly table: string; readonly foreignKey: NamedForeignKey }
  /** Sets the comment; `existingComment` is the one it replaces (none: the reverse drops it). */
  | { readonly kind: 'createTableComment'; readonly table: string; readonly comment: string; readonly existingComment?: string }
  | { readonly kind: 'dropTableComment'; readonly table: string; readonly existingComment: string }

/** An operation with the `// mig: ...` comment lines rendered above it. */
export interface PlannedOp {
  readonly op: SchemaOp
  /** Comment lines for the upgrade (warnings such as destructive drops or possible renames). */
  readonly notes: readonly string[]
}

/**
 * What the revision does, in order: single operations (new and dropped tables) and batches
 * (every change to one existing table, with the table before and after them).
 */
export type PlanStep =
  | { readonly kind: 'op'; readonly planned: PlannedOp }
  | {
      readonly kind: 'batch'
      readonly table: string
      readonly ops: readonly PlannedOp[]
      readonly before: TableDefinition
      readonly after: TableDefinition
    }
