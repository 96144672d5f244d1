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
  /**
   * Runs `work` outside the current transaction and opens a new one after it (see
   * `Operations.autocommitBlock`); left out where statements run as they come.
   */
  autocommit?<T>(work: () => Promise<T>): Promise<T>
}

/**
 * Column types every dialect understands; `column-sql.ts` maps each to what MikroORM 6.6 emits
 * for that dialect, so that a later autogenerate run sees no difference.
 */
export type NeutralType =
  | 'integer'
  | 'bigint'
  | 'smallint'
  /** MikroORM's `tinyint`, also the type of a numeric enum: `tinyint` on MySQL, `smallint` on PostgreSQL, `integer` on SQLite. */
  | 'tinyint'
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
   * A string enum with its `items`, as MikroORM writes one: a native `enum('a', 'b')` on
   * MySQL/MariaDB, `text check ("kind" in ('a', 'b'))` elsewhere (PostgreSQL names that check
   * `<table>_<column>_check`).
   */
  | 'enum'

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
  /** `string`: varchar length (default 255; SQLite declares it too, and stores text regardless). `datetime`/`time`: fractional-second digits. */
  readonly length?: number
  /** `decimal` precision (default 10). */
  readonly precision?: number
  /** `decimal` scale (default 0). */
  readonly scale?: number
  /** `enum`: the allowed values, in order. */
  readonly items?: readonly string[]
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

/**
 * A kind of index other than the plain one: `'fulltext'` is written as MikroORM writes
 * `@Index({ type: 'fulltext' })` — a GIN index over `to_tsvector('simple', ...)` on PostgreSQL,
 * a `fulltext index` on MySQL/MariaDB, and on SQLite (which has none) an empty index that holds
 * its place (`... where 0`).
 */
export type IndexType = 'fulltext'

/** An index over one or more columns. */
export interface IndexSpec {
  /** Default `<table>_<columns>_index` (or `_unique`). */
  readonly name?: string
  readonly columns: readonly string[]
  readonly unique?: boolean
  /** Left out for a plain index. */
  readonly type?: IndexType
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

/**
 * A named check constraint. An enum is one too: `{ name: 'post_status_check', expression: "status in ('draft', 'live')" }`.
 * The expression is SQL, used verbatim.
 */
export interface CheckSpec {
  readonly name: string
  readonly expression: string
}

/** Table-level parts of `createTable`, beside what the columns declare themselves. */
export interface CreateTableOptions {
  /** Primary-key columns, for a composite key; the same as marking each column `primary`. */
  readonly primaryKey?: readonly string[]
  /** Created with `create index` after the table. */
  readonly indexes?: readonly IndexSpec[]
  readonly uniques?: readonly UniqueSpec[]
  readonly foreignKeys?: readonly ForeignKeySpec[]
  /** Check constraints, written inside `create table` (MySQL enforces them from 8.0.16, MariaDB from 10.2). */
  readonly checks?: readonly CheckSpec[]
  /** Table comment (PostgreSQL and MySQL; SQLite has none). */
  readonly comment?: string
}

/**
 * A whole table as it stands: what `batchAlterTable`'s `copyFrom` gives, so SQLite's
 * move-and-copy can be written without reading the database (offline `--sql` mode).
 */
export interface TableDefinition extends CreateTableOptions {
  readonly columns: readonly ColumnSpec[]
}

/** How MySQL/MariaDB build or drop an index: `ALGORITHM=...` (MariaDB has `INSTANT` for some changes). */
export type IndexAlgorithm = 'DEFAULT' | 'INPLACE' | 'INSTANT' | 'COPY'

/** Which concurrent access MySQL/MariaDB allow while an index is built or dropped: `LOCK=...`. */
export type IndexLock = 'DEFAULT' | 'NONE' | 'SHARED' | 'EXCLUSIVE'

/**
 * How an index is built or dropped on a busy table. Each option is for one dialect and is
 * ignored by the others, so one revision file still runs everywhere; SQLite ignores them all
 * (a SQLite database has one writer, which the migration run already is).
 */
export interface OnlineIndexOptions {
  /**
   * PostgreSQL: `create index concurrently` / `drop index concurrently`, which do not block
   * writes to the table. PostgreSQL refuses them inside a transaction: put them in a revision
   * with `export const transactional = false`, or in `op.autocommitBlock(...)`.
   */
  readonly concurrently?: boolean
  /** MySQL/MariaDB: `algorithm=...` (`'INPLACE'` builds the index without copying the table). */
  readonly algorithm?: IndexAlgorithm
  /** MySQL/MariaDB: `lock=...` (`'NONE'` keeps reads and writes going; the server refuses it when it cannot). */
  readonly lock?: IndexLock
}

/** Options of `createIndex`. */
export interface CreateIndexOptions extends OnlineIndexOptions {
  readonly unique?: boolean
  /** `'fulltext'` for a fulltext index (see `IndexType`); left out for a plain index. */
  readonly type?: IndexType
}

/** Options of `dropIndex`. */
export type DropIndexOptions = OnlineIndexOptions

/**
 * Options of `createCheck` and `createForeignKey` on a filled table.
 */
export interface NotValidOptions {
  /**
   * PostgreSQL: add the constraint `not valid`: it holds for new and changed rows at once,
   * without a scan of the existing rows under a lock; check those later with
   * `op.validateConstraint(table, name)`, which takes a weaker lock. Ignored elsewhere:
   * MySQL/MariaDB and SQLite check every row as the constraint is added.
   */
  readonly notValid?: boolean
}

/** One row for `bulkInsert`: column name → value (see `renderLiteral` for the accepted values). */
export type Row = Readonly<Record<string, unknown>>

/**
 * What `alterColumn` changes; a key that is left out stays as it is. `null` removes a default
 * or a comment.
 *
 * @example
 * { type: 'integer', nullable: false, default: 0, existing: { name: 'qty', type: 'string' } }
 */
export interface ColumnChanges {
  readonly type?: ColumnType
  readonly length?: number
  readonly precision?: number
  readonly scale?: number
  /** The new values of an `enum` column (with `type: 'enum'` when it was not one). */
  readonly items?: readonly string[]
  readonly nullable?: boolean
  /** A new literal default; `null` drops the default. */
  readonly default?: unknown | null
  /** A new raw SQL default; `null` drops the default. */
  readonly defaultRaw?: string | null
  /** A new comment; `null` drops it. */
  readonly comment?: string | null
  /** Renames the column too (after the other changes). */
  readonly newName?: string
  /** MySQL/MariaDB only. */
  readonly unsigned?: boolean
  /**
   * The column's full current definition. MySQL/MariaDB need it (`modify` restates the whole
   * column); PostgreSQL uses it to keep a default across a type change; SQLite reads the table
   * instead (or `batchAlterTable`'s `copyFrom`).
   */
  readonly existing?: ColumnSpec
}

/** `onDelete`/`onUpdate` (and `notValid`) of `createForeignKey`. */
export interface ForeignKeyOptions extends NotValidOptions {
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
}

/** Options of `createTableComment` and `dropTableComment`. */
export interface TableCommentOptions {
  /**
   * The comment the table has before the change. The SQL does not need it (a comment is
   * replaced as a whole); it records what the downgrade restores, as Alembic's
   * `existing_comment` does, and autogenerate writes it.
   */
  readonly existingComment?: string
}

/** Options of `batchAlterTable`. */
export interface BatchOptions {
  /**
   * The table as it stands before the batch. SQLite's move-and-copy needs the whole definition:
   * with `copyFrom` it is written without reading the database, which is what makes offline
   * (`--sql`) mode work; without it, mig reads the live table. Ignored on PostgreSQL; on
   * MySQL/MariaDB its columns stand in for `alterColumn`'s `existing`.
   */
  readonly copyFrom?: TableDefinition
  /**
   * SQLite only. `'auto'` (default): plain ALTERs when SQLite can do every change natively,
   * else one move-and-copy for the whole batch. `'always'`: move-and-copy regardless.
   * `'never'`: plain ALTERs, and an error for a change that would need the copy.
   */
  readonly recreate?: 'auto' | 'always' | 'never'
}
