import { batchSql } from './batch-sql.js'
import { operationFromCall } from './calls.js'
import type { SameNames } from './entry.js'
import type { TableChange } from './operation.js'
import { withExistingColumns } from './reflect-mysql.js'
import { reflectSqliteTable } from './reflect-sqlite.js'
import { sqliteNeedsDefinition } from './sqlite-batch.js'
import { requireName } from './validate.js'
import type { BatchOptions, ColumnChanges, ColumnSpec, CreateIndexOptions, DropIndexOptions, Executor, ForeignKeyOptions, NotValidOptions, TableCommentOptions } from './types.js'

/**
 * What `batchAlterTable`'s body receives: the table changes, without the table name. Calls
 * only record; the batch runs when the body has returned, as one unit.
 */
export interface BatchOperations {
  /** @example batch.addColumn({ name: 'email', type: 'string', nullable: true }) */
  addColumn(column: ColumnSpec): void
  /** @example batch.dropColumn('legacy_code') */
  dropColumn(name: string): void
  /** @example batch.alterColumn('qty', { type: 'integer', nullable: false, default: 0 }) */
  alterColumn(name: string, changes: ColumnChanges): void
  /** @example batch.renameColumn('mail', 'email') */
  renameColumn(from: string, to: string): void
  /** @example batch.createIndex('user_email_index', ['email'], { unique: true }) */
  createIndex(name: string, columns: string | readonly string[], options?: CreateIndexOptions): void
  /** @example batch.dropIndex('user_email_index') */
  dropIndex(name: string, options?: DropIndexOptions): void
  /** @example batch.createUnique('user_email_unique', ['email']) */
  createUnique(name: string, columns: readonly string[]): void
  /** @example batch.dropUnique('user_email_unique') */
  dropUnique(name: string): void
  /** @example batch.createCheck('item_qty_check', 'qty >= 0') */
  createCheck(name: string, expression: string, options?: NotValidOptions): void
  /** @example batch.dropCheck('item_qty_check') */
  dropCheck(name: string): void
  /** @example batch.createForeignKey('book_author_id_foreign', ['author_id'], 'author', ['id'], { onDelete: 'cascade' }) */
  createForeignKey(name: string, columns: readonly string[], referencedTable: string, referencedColumns: readonly string[], options?: ForeignKeyOptions): void
  /** @example batch.dropForeignKey('book_author_id_foreign') */
  dropForeignKey(name: string): void
  /** Sets the table's comment (nothing on SQLite). @example batch.createTableComment('people who write', { existingComment: 'writers' }) */
  createTableComment(comment: string, options?: TableCommentOptions): void
  /** Removes the table's comment (nothing on SQLite). @example batch.dropTableComment({ existingComment: 'writers' }) */
  dropTableComment(options?: TableCommentOptions): void
}

// Written by hand for the same reason as `Operations` (parameter names and JSDoc on hover), and
// checked the same way: one method per kind of table change, and no other.
true satisfies SameNames<keyof BatchOperations, TableChange['kind']>

/**
 * Runs `body` against a recorder and returns the changes it asked for, in order.
 *
 * @example
 * await recordChanges((batch) => { batch.dropColumn('a') }) // => [{ kind: 'dropColumn', column: 'a' }]
 */
export async function recordChanges(body: (batch: BatchOperations) => Promise<void> | void): Promise<TableChange[]> {
  const changes: TableChange[] = []
  // Each method's arguments fill the change as its entry lists them, without the table.
  const record = (kind: TableChange['kind']) => (...args: unknown[]) => {
    changes.push(operationFromCall(kind, args, true) as TableChange)
  }
  const batch: BatchOperations = Object.freeze({
    addColumn: record('addColumn'),
    dropColumn: record('dropColumn'),
    alterColumn: record('alterColumn'),
    renameColumn: record('renameColumn'),
    createIndex: record('createIndex'),
    dropIndex: record('dropIndex'),
    createUnique: record('createUnique'),
    dropUnique: record('dropUnique'),
    createCheck: record('createCheck'),
    dropCheck: record('dropCheck'),
    createForeignKey: record('createForeignKey'),
    dropForeignKey: record('dropForeignKey'),
    createTableComment: record('createTableComment'),
    dropTableComment: record('dropTableComment'),
  } satisfies BatchOperations)
  await body(batch)
  return changes
}

/**
 * Applies a batch of changes to one table: renders every statement first (so a bad change
 * fails before any SQL ran), then executes them one per call. On SQLite, when the batch needs
 * the table's definition and `copyFrom` is not given, it is read from the live table; offline
 * that is impossible, and the error says to add `copyFrom`.
 *
 * @example
 * await runBatch(executor, 'item', [{ kind: 'createCheck', name: 'item_qty_check', expression: 'qty >= 0' }])
 */
export async function runBatch(executor: Executor, table: string, changes: readonly TableChange[], options: BatchOptions = {}): Promise<void> {
  requireName('batchAlterTable()', 'table name', table)
  const reflect = executor.dialect === 'sqlite' && !executor.offline && !options.copyFrom && sqliteNeedsDefinition(changes, options.recreate)
  const current = reflect ? await reflectSqliteTable(executor, table) : undefined
  const complete = await withExistingColumns(executor, table, changes)
  for (const statement of batchSql(executor.dialect, table, complete, options, current)) await executor.execute(statement)
}
