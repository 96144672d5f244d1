import { raw, type RawSql } from './literals.js'
import { operationSql, type Operation } from './operation.js'
import type { ColumnSpec, CreateIndexOptions, CreateTableOptions, Dialect, Executor, Row } from './types.js'

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

  /** @example await op.createIndex('post_title_index', 'post', ['title'], { unique: true }) */
  createIndex(name: string, table: string, columns: string | readonly string[], options?: CreateIndexOptions): Promise<void>

  /**
   * Drops an index. Give the table too: MySQL/MariaDB needs it (the others ignore it).
   * @example await op.dropIndex('post_title_index', 'post')
   */
  dropIndex(name: string, table?: string): Promise<void>

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
}

/**
 * Builds the `op` object on top of an executor from the runtime.
 *
 * @example
 * const op = createOperations(executor)
 * await op.createTable('tag', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'label', type: 'string' }])
 */
export function createOperations(executor: Executor): Operations {
  const run = (operation: Operation) => runOperation(executor, operation)
  return Object.freeze({
    dialect: executor.dialect,
    offline: executor.offline,
    execute: (sql) => run({ kind: 'execute', sql }),
    createTable: (table, columns, options) => run({ kind: 'createTable', table, columns, options }),
    dropTable: (table) => run({ kind: 'dropTable', table }),
    renameTable: (from, to) => run({ kind: 'renameTable', from, to }),
    addColumn: (table, column) => run({ kind: 'addColumn', table, column }),
    dropColumn: (table, column) => run({ kind: 'dropColumn', table, column }),
    renameColumn: (table, from, to) => run({ kind: 'renameColumn', table, from, to }),
    createIndex: (name, table, columns, options) =>
      run({ kind: 'createIndex', name, table, columns: typeof columns === 'string' ? [columns] : columns, unique: options?.unique }),
    dropIndex: (name, table) => run({ kind: 'dropIndex', name, table }),
    bulkInsert: (table, rows) => run({ kind: 'bulkInsert', table, rows }),
    raw,
  } satisfies Operations)
}

/**
 * Runs one operation: renders all its statements first (so a bad argument fails before any SQL
 * ran), then executes them one per call, in order.
 *
 * @example
 * await runOperation(executor, { kind: 'dropTable', table: 'post' })
 */
export async function runOperation(executor: Executor, operation: Operation): Promise<void> {
  for (const statement of operationSql(executor.dialect, operation)) await executor.execute(statement)
}
