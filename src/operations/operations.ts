import { MigError } from '../errors.js'
import { recordChanges, runBatch, type BatchOperations } from './batch.js'
import { raw, type RawSql } from './literals.js'
import { operationFromCall } from './calls.js'
import type { SameNames } from './entry.js'
import type { Operation, OperationKind } from './operation.js'
import { operationSql, splitTableOperation } from './operation-sql.js'
import { withExistingColumns } from './reflect-mysql.js'
import { requireName } from './validate.js'
import type {
  BatchOptions,
  ColumnChanges,
  ColumnSpec,
  CreateIndexOptions,
  CreateTableOptions,
  Dialect,
  DropIndexOptions,
  Executor,
  ForeignKeyOptions,
  NotValidOptions,
  Row,
  TableCommentOptions,
} from './types.js'

/**
 * The `op` object a revision's `upgrade({ op })` and `downgrade({ op })` receive. Every method
 * turns into SQL for the dialect the revision runs on and works offline (`--sql`) as well.
 */
export interface Operations {
  /** The dialect these operations run on, for the rare revision that must branch on it. */
  readonly dialect: Dialect
  /** True in offline `--sql` mode, where nothing can be read from the database. */
  readonly offline: boolean

  /**
   * Runs raw SQL. Several statements separated by `;` are run one by one when they can be
   * split safely (see `splitStatements`), else the text is passed through as one.
   * @example await op.execute("update post set status = 'draft' where status is null")
   */
  execute(sql: string): Promise<void>

  /**
   * Creates a table with its columns, keys, constraints, indexes and comments.
   * @example
   * await op.createTable('post', [
   *   { name: 'id', type: 'integer', autoincrement: true },
   *   { name: 'title', type: 'string', length: 200, nullable: false },
   *   { name: 'author_id', type: 'integer', references: { table: 'user', column: 'id', onDelete: 'cascade' } },
   * ], { indexes: [{ columns: ['title'] }] })
   */
  createTable(name: string, columns: readonly ColumnSpec[], options?: CreateTableOptions): Promise<void>

  /** @example await op.dropTable('post') */
  dropTable(name: string): Promise<void>

  /** Renames a table, keeping its rows. @example await op.renameTable('user', 'account') */
  renameTable(from: string, to: string): Promise<void>

  /** @example await op.addColumn('user', { name: 'email', type: 'string', length: 320 }) */
  addColumn(table: string, column: ColumnSpec): Promise<void>

  /** @example await op.dropColumn('user', 'email') */
  dropColumn(table: string, name: string): Promise<void>

  /** Renames a column, keeping its values. @example await op.renameColumn('user', 'mail', 'email') */
  renameColumn(table: string, from: string, to: string): Promise<void>

  /**
   * Creates an index. On a busy table, build it without blocking writes: `concurrently` on
   * PostgreSQL (in a revision with `export const transactional = false`, or inside
   * `op.autocommitBlock`, as PostgreSQL refuses it in a transaction), `algorithm`/`lock` on
   * MySQL/MariaDB. Each dialect ignores the others' options, and SQLite ignores them all.
   * @example
   * await op.createIndex('post_title_index', 'post', ['title'], { unique: true })
   * await op.createIndex('post_author_index', 'post', ['author_id'], { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })
   */
  createIndex(name: string, table: string, columns: string | readonly string[], options?: CreateIndexOptions): Promise<void>

  /**
   * Drops an index. Give the table too: MySQL/MariaDB needs it (the others ignore it). The
   * online options are `createIndex`'s (`concurrently` on PostgreSQL, `algorithm`/`lock` on
   * MySQL/MariaDB, nothing on SQLite).
   * @example
   * await op.dropIndex('post_title_index', 'post')
   * await op.dropIndex('post_author_index', 'post', { concurrently: true })
   */
  dropIndex(name: string, table?: string, options?: DropIndexOptions): Promise<void>

  /**
   * Changes an existing column: type, length, nullability, default, comment, name. On SQLite
   * this copies the table (see `batchAlterTable`); MySQL/MariaDB restate the whole column, which
   * mig reads from the database when `existing` is left out (under `--sql` it cannot: pass
   * `existing` there; autogenerate always writes it).
   * @example
   * await op.alterColumn('item', 'qty', { type: 'integer', nullable: false, default: 0, existing: { name: 'qty', type: 'string' } })
   */
  alterColumn(table: string, column: string, changes: ColumnChanges): Promise<void>

  /** @example await op.createUnique('user_email_unique', 'user', ['email']) */
  createUnique(name: string, table: string, columns: readonly string[]): Promise<void>

  /** @example await op.dropUnique('user_email_unique', 'user') */
  dropUnique(name: string, table: string): Promise<void>

  /**
   * Adds a check constraint (SQLite: by copying the table). An enum is one too. `notValid`
   * (PostgreSQL) skips checking the existing rows under the lock; `op.validateConstraint`
   * checks them later.
   * @example
   * await op.createCheck('post_status_check', 'post', "status in ('draft', 'live')")
   * await op.createCheck('post_votes_check', 'post', 'votes >= 0', { notValid: true })
   */
  createCheck(name: string, table: string, expression: string, options?: NotValidOptions): Promise<void>

  /** @example await op.dropCheck('post_status_check', 'post') */
  dropCheck(name: string, table: string): Promise<void>

  /**
   * Adds a foreign key to existing columns (SQLite: by copying the table). `notValid`
   * (PostgreSQL) skips checking the existing rows under the lock; `op.validateConstraint`
   * checks them later.
   * @example
   * await op.createForeignKey('book_author_id_foreign', 'book', ['author_id'], 'author', ['id'], { onDelete: 'cascade', notValid: true })
   * await op.validateConstraint('book', 'book_author_id_foreign')
   */
  createForeignKey(
    name: string,
    table: string,
    columns: readonly string[],
    referencedTable: string,
    referencedColumns: readonly string[],
    options?: ForeignKeyOptions,
  ): Promise<void>

  /** @example await op.dropForeignKey('book_author_id_foreign', 'book') */
  dropForeignKey(name: string, table: string): Promise<void>

  /**
   * PostgreSQL: checks the rows a constraint added with `notValid: true` did not check
   * (`alter table ... validate constraint ...`), under a lock that lets reads and writes go on.
   * Nothing on MySQL/MariaDB and SQLite, which check every row when a constraint is added.
   * @example await op.validateConstraint('book', 'book_author_id_foreign')
   */
  validateConstraint(table: string, name: string): Promise<void>

  /**
   * Sets a table's comment, replacing the one it has (Alembic's `create_table_comment`).
   * PostgreSQL and MySQL/MariaDB keep it; SQLite has no comments, so nothing is written there.
   * `existingComment` is the comment before the change: not needed for the SQL, it says what a
   * downgrade puts back.
   * @example await op.createTableComment('author', 'people who write books', { existingComment: 'writers' })
   */
  createTableComment(table: string, comment: string, options?: TableCommentOptions): Promise<void>

  /**
   * Removes a table's comment (nothing on SQLite).
   * @example await op.dropTableComment('author', { existingComment: 'people who write books' })
   */
  dropTableComment(table: string, options?: TableCommentOptions): Promise<void>

  /**
   * Changes one existing table as a unit (Alembic's `batch_alter_table`). PostgreSQL and
   * MySQL/MariaDB get the plain ALTERs. SQLite gets plain ALTERs when it can make every change
   * in place, else ONE "move and copy" of the table for the whole batch: a new table, the rows
   * copied with an explicit column list, the old table dropped, the new one renamed, the
   * indexes made again. That needs the table's current definition: `copyFrom` gives it (and
   * is required offline, under `--sql`), else it is read from the database.
   * @example
   * await op.batchAlterTable('item', (batch) => {
   *   batch.alterColumn('qty', { type: 'integer', nullable: false, default: 0 })
   *   batch.createCheck('item_qty_check', 'qty >= 0')
   *   batch.dropColumn('legacy')
   * })
   */
  batchAlterTable(table: string, body: (batch: BatchOperations) => Promise<void> | void, options?: BatchOptions): Promise<void>

  /**
   * Inserts rows written as SQL literals (works offline). Missing keys take the column default.
   * @example await op.bulkInsert('role', [{ id: 1, name: 'admin' }, { id: 2, name: 'editor' }])
   */
  bulkInsert(table: string, rows: readonly Row[]): Promise<void>

  /**
   * Marks raw SQL for use as a `bulkInsert` value.
   * @example await op.bulkInsert('post', [{ title: 'Hi', created_at: op.raw('current_timestamp') }])
   */
  raw(sql: string): RawSql

  /**
   * Runs `body` outside the step's transaction, for statements a database refuses inside one
   * (PostgreSQL's `create index concurrently`), as Alembic's `autocommit_block`. On PostgreSQL and
   * MySQL/MariaDB what the step did so far is committed first, each statement of the block
   * commits on its own, and a new transaction takes the rest of the step and its version row;
   * under `--sql` the script says `COMMIT` and `BEGIN` around the block. The run's migration lock
   * stays held. On SQLite the block runs in the step's transaction (leaving it would let go of
   * the run's write lock, and no operation needs it there).
   * @example
   * await op.autocommitBlock(async () => {
   *   await op.createIndex('post_author_index', 'post', ['author_id'], { concurrently: true })
   * })
   */
  autocommitBlock<T>(body: () => Promise<T>): Promise<T>
}

// The methods above are written by hand rather than derived from the entries: a type mapped
// from the entries' `params` would show a revision's author `args_0: string` instead of each
// parameter's name, lose every method's JSDoc and example on hover, and lose the looser inputs
// some calls take (one column as a string for `createIndex`). The compiler checks instead that
// the list and the entries agree: one method per kind of operation, nothing else but
// `dialect`, `offline`, `raw` and `autocommitBlock`.
true satisfies SameNames<Exclude<keyof Operations, 'dialect' | 'offline' | 'raw' | 'autocommitBlock'>, OperationKind>

/**
 * Builds the `op` object on top of an executor from the runtime.
 *
 * @example
 * const op = createOperations(executor)
 * await op.createTable('tag', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'label', type: 'string' }])
 */
export function createOperations(executor: Executor): Operations {
  // Each method's arguments fill the operation as its entry lists them (see `operationFromCall`);
  // async, so a bad argument rejects like every other failure of an operation.
  const call = (kind: OperationKind) => async (...args: unknown[]) => runOperation(executor, operationFromCall(kind, args, false))
  return Object.freeze({
    dialect: executor.dialect,
    offline: executor.offline,
    execute: call('execute'),
    createTable: call('createTable'),
    dropTable: call('dropTable'),
    renameTable: call('renameTable'),
    addColumn: call('addColumn'),
    dropColumn: call('dropColumn'),
    renameColumn: call('renameColumn'),
    createIndex: call('createIndex'),
    dropIndex: call('dropIndex'),
    bulkInsert: call('bulkInsert'),
    alterColumn: call('alterColumn'),
    createUnique: call('createUnique'),
    dropUnique: call('dropUnique'),
    createCheck: call('createCheck'),
    dropCheck: call('dropCheck'),
    createForeignKey: call('createForeignKey'),
    dropForeignKey: call('dropForeignKey'),
    validateConstraint: call('validateConstraint'),
    createTableComment: call('createTableComment'),
    dropTableComment: call('dropTableComment'),
    async batchAlterTable(table, body, options) {
      if (typeof body !== 'function') {
        throw new MigError('BAD_OPERATION', `batchAlterTable('${table}'): give the changes as a function, (batch) => { batch.addColumn(...) }`)
      }
      await runOperation(executor, { kind: 'batchAlterTable', table, changes: await recordChanges(body), options })
    },
    raw,
    async autocommitBlock(body) {
      if (typeof body !== 'function') throw new MigError('BAD_OPERATION', 'autocommitBlock(): give the statements as a function, async () => { await op.createIndex(...) }')
      return executor.autocommit ? executor.autocommit(body) : body()
    },
  } satisfies Operations)
}

// Changes that may need SQLite's copy of the table: outside a batch they are a batch of one,
// which reads the live table when it needs the definition. (Dropping a column keeps its
// in-place SQL outside a batch; a batch decides from the table.)
const SQLITE_BATCH_KINDS: ReadonlySet<Operation['kind']> = new Set([
  'addColumn', 'alterColumn', 'createUnique', 'dropUnique', 'createCheck', 'dropCheck', 'createForeignKey', 'dropForeignKey',
])

/**
 * Runs one operation: renders all its statements first (so a bad argument fails before any SQL
 * ran), then executes them one per call, in order. On SQLite, a batch and the changes that copy
 * the table read the table's definition first when they need it and have none.
 *
 * @example
 * await runOperation(executor, { kind: 'dropTable', table: 'post' })
 */
export async function runOperation(executor: Executor, operation: Operation): Promise<void> {
  if (operation.kind === 'batchAlterTable') return runBatch(executor, operation.table, operation.changes, operation.options)
  if (executor.dialect === 'sqlite' && SQLITE_BATCH_KINDS.has(operation.kind)) {
    const { table, change } = splitTableOperation(operation as Extract<Operation, { kind: 'alterColumn' }>)
    requireName(`${operation.kind}()`, 'table name', table)
    return runBatch(executor, table, [change])
  }
  if (operation.kind === 'alterColumn') {
    const [change] = await withExistingColumns(executor, operation.table, [splitTableOperation(operation).change])
    operation = { ...(change as typeof operation), table: operation.table }
  }
  for (const statement of operationSql(executor.dialect, operation)) await executor.execute(statement)
}
