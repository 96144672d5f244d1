/**
 * The vocabulary of the operations API: the database mig talks to, the executor the runtime
 * hands in, and the dialect-neutral descriptions of columns, indexes and constraints that
 * revision files (and, later, autogenerate) write.
 */

/** The SQL dialects mig speaks. `mysql` covers MariaDB too. */
export type Dialect = 'sqlite' | 'postgresql' | 'mysql'

/**
 * How operations reach the database. The runtime owns connections and transactions and hands
 * one of these to `createOperations`; operations never open anything themselves.
 */
export interface Executor {
  readonly dialect: Dialect
  /** true for `--sql` (offline) mode: execute() appends to the output, query() is not possible */
  readonly offline: boolean
  /** runs (or, offline, records) one SQL statement */
  execute(sql: string): Promise<void>
  /** reads rows (online only) */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
}

/**
 * Column types every dialect understands; `column-sql.ts` maps each to what MikroORM 6.6 emits
 * for that dialect, so that a later autogenerate run sees no difference.
 */
export type NeutralType =
  | 'integer'
  | 'bigint'
  | 'smallint'
  | 'string'
  | 'text'
  | 'boolean'
  | 'float'
  | 'double'
  | 'decimal'
  | 'date'
  | 'time'
  | 'datetime'
  | 'json'
  | 'uuid'
  | 'blob'

/**
 * A neutral type, or any other string, which is used verbatim as the SQL type (`'varchar(20)'`,
 * `'jsonb'`). (`string & {}` keeps editor completion for the neutral names.)
 */
export type ColumnType = NeutralType | (string & {})

/** What happens to referencing rows when the referenced row is deleted or its key updated. */
export type ReferentialAction = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action'

/** A single-column foreign key declared on the column itself. */
export interface ColumnReference {
  readonly table: string
  readonly column: string
  /** Constraint name; default `<table>_<column>_foreign` (MikroORM's naming). */
  readonly name?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
}

/**
 * A column, described once for every dialect.
 *
 * @example
 * { name: 'id', type: 'integer', primary: true, autoincrement: true }
 * { name: 'email', type: 'string', length: 320, nullable: false, unique: true }
 * { name: 'author_id', type: 'integer', references: { table: 'author', column: 'id', onDelete: 'cascade' } }
 */
export interface ColumnSpec {
  readonly name: string
  readonly type: ColumnType
  /** `string`: varchar length (default 255; SQLite stores text regardless). `datetime`/`time`: fractional-second digits. */
  readonly length?: number
  /** `decimal` precision (default 10). */
  readonly precision?: number
  /** `decimal` scale (default 0). */
  readonly scale?: number
  /** Default `true`, except for primary-key columns. */
  readonly nullable?: boolean
  /** Part of the primary key. Several primary columns make a composite key. */
  readonly primary?: boolean
  /** Database-generated integer key; implies `primary`. Only for integer types, and only one per table. */
  readonly autoincrement?: boolean
  /**
   * MySQL/MariaDB only (ignored elsewhere). Defaults to true for integer primary-key columns and
   * integer foreign-key columns, as MikroORM does, so a foreign key matches the key it points at.
   */
  readonly unsigned?: boolean
  /** Adds a unique constraint named `<table>_<column>_unique`. */
  readonly unique?: boolean
  /** A literal default value, rendered for the dialect (`'draft'`, `0`, `true`, `null`). */
  readonly default?: unknown
  /** A default as raw SQL, used verbatim (`'current_timestamp'`). */
  readonly defaultRaw?: string
  /** Column comment: `comment on column` on PostgreSQL, inline on MySQL, dropped on SQLite (no comments there). */
  readonly comment?: string
  readonly references?: ColumnReference
}

/** An index over one or more columns. */
export interface IndexSpec {
  /** Default `<table>_<columns>_index` (or `_unique`). */
  readonly name?: string
  readonly columns: readonly string[]
  readonly unique?: boolean
}

/** A unique constraint over one or more columns. */
export interface UniqueSpec {
  /** Default `<table>_<columns>_unique`. */
  readonly name?: string
  readonly columns: readonly string[]
}

/** A (possibly composite) foreign key. */
export interface ForeignKeySpec {
  /** Default `<table>_<columns>_foreign`. */
  readonly name?: string
  readonly columns: readonly string[]
  readonly references: { readonly table: string; readonly columns: readonly string[] }
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
}

/** Table-level parts of `createTable`, beside what the columns declare themselves. */
export interface CreateTableOptions {
  /** Primary-key columns, for a composite key; the same as marking each column `primary`. */
  readonly primaryKey?: readonly string[]
  /** Created with `create index` after the table. */
  readonly indexes?: readonly IndexSpec[]
  readonly uniques?: readonly UniqueSpec[]
  readonly foreignKeys?: readonly ForeignKeySpec[]
  /** Table comment (PostgreSQL and MySQL; SQLite has none). */
  readonly comment?: string
}

/** Options of `createIndex`. */
export interface CreateIndexOptions {
  readonly unique?: boolean
}

/** One row for `bulkInsert`: column name → value (see `renderLiteral` for the accepted values). */
export type Row = Readonly<Record<string, unknown>>
