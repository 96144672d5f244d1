import { MigError } from '../errors.js'
import { alterColumnSql } from './alter-column-sql.js'
import { addColumnSql, addIndexSql, dropColumnSql, dropIndexSql, renameColumnSql } from './alter-sql.js'
import {
  createCheckSql,
  createForeignKeySql,
  createUniqueSql,
  dropCheckSql,
  dropForeignKeySql,
  dropUniqueSql,
  validateCheck,
} from './constraint-change-sql.js'
import { validateIndexType } from './fulltext-index-sql.js'
import type { TableChange } from './operation.js'
import { createTableCommentSql, dropTableCommentSql } from './table-comment-sql.js'
import { foreignKeyOf } from './foreign-keys.js'
import type { ColumnSpec, Dialect } from './types.js'
import { requireName } from './validate.js'

// What an alterColumn may say that needs no copy on SQLite: a rename is done in place, and
// SQLite has no comments and no unsigned integers.
const SQLITE_NO_OP_CHANGES: ReadonlySet<string> = new Set(['newName', 'existing', 'comment', 'unsigned'])

// A default SQLite's `add column` accepts: a literal, not current_timestamp or an expression.
const CONSTANT_DEFAULT = /^\s*(?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'(?:[^']|'')*'|null|true|false|x'[0-9a-f]*')\s*$/i

/**
 * The statements one table change becomes, outside SQLite's move-and-copy: every change on
 * PostgreSQL and MySQL/MariaDB, and the ones SQLite can make in place. `existing` looks up a
 * column's current definition (from `batchAlterTable`'s `copyFrom`) for MySQL's `modify`.
 *
 * @example
 * tableChangeSql('mysql', 'book', { kind: 'dropForeignKey', name: 'book_author_id_foreign' })
 * // => ['alter table `book` drop foreign key `book_author_id_foreign`']
 */
export function tableChangeSql(
  dialect: Dialect,
  table: string | undefined,
  change: TableChange,
  existing?: (column: string) => ColumnSpec | undefined,
): string[] {
  if (change.kind === 'dropIndex') return dropIndexSql(dialect, change.name, table)
  requireName(`${change.kind}()`, 'table name', table)
  validateChange(table, change)
  if (dialect === 'sqlite' && copiesOnSqlite(change)) {
    throw new MigError(
      'OFFLINE_UNSUPPORTED',
      `${describeChange(table, change)} copies table '${table}' on SQLite, which needs the table's current definition: ` +
        `in offline (--sql) mode write it inside op.batchAlterTable('${table}', (batch) => { ... }, { copyFrom: { columns: [...], ... } })`,
    )
  }
  switch (change.kind) {
    case 'addColumn':
      return addColumnSql(dialect, table, change.column)
    case 'dropColumn':
      return dropColumnSql(dialect, table, change.column)
    case 'renameColumn':
      return renameColumnSql(dialect, table, change.from, change.to)
    case 'alterColumn': {
      const known = change.changes.existing ?? existing?.(change.column)
      return alterColumnSql(dialect, table, change.column, { ...change.changes, existing: known })
    }
    case 'createIndex':
      return addIndexSql(dialect, change.name, table, change.columns, change.unique === true, change.type)
    case 'createUnique':
      return createUniqueSql(dialect, change.name, table, change.columns)
    case 'dropUnique':
      return dropUniqueSql(dialect, change.name, table)
    case 'createCheck':
      return createCheckSql(dialect, change.name, table, change.expression)
    case 'dropCheck':
      return dropCheckSql(dialect, change.name, table)
    case 'createForeignKey':
      return createForeignKeySql(dialect, table, foreignKeyOf(change))
    case 'dropForeignKey':
      return dropForeignKeySql(dialect, change.name, table)
    case 'createTableComment':
      return createTableCommentSql(dialect, table, change.comment)
    case 'dropTableComment':
      return dropTableCommentSql(dialect, table)
  }
}

/**
 * Whether SQLite can only make this change by copying the table, whatever the table holds.
 * (Dropping a column also needs the copy when the column is in a key, index or constraint;
 * that depends on the table, and `sqlite-batch.ts` decides it.)
 *
 * @example
 * copiesOnSqlite({ kind: 'createCheck', name: 'c', expression: 'a > 0' }) // => true
 * copiesOnSqlite({ kind: 'renameColumn', from: 'a', to: 'b' })           // => false
 */
export function copiesOnSqlite(change: TableChange): boolean {
  switch (change.kind) {
    case 'addColumn': {
      const column = change.column
      const hasDefault = column.default !== undefined && column.default !== null
      if (column.primary || column.autoincrement) return true
      if (column.defaultRaw !== undefined && !CONSTANT_DEFAULT.test(column.defaultRaw)) return true
      // SQLite refuses NOT NULL without a default even on an empty table, and a reference with a non-NULL default.
      if (column.nullable === false && !hasDefault && column.defaultRaw === undefined) return true
      return column.references !== undefined && (hasDefault || (column.defaultRaw !== undefined && !/^\s*null\s*$/i.test(column.defaultRaw)))
    }
    case 'alterColumn':
      return Object.entries(change.changes).some(([key, value]) => !SQLITE_NO_OP_CHANGES.has(key) && value !== undefined)
    case 'createCheck':
    case 'dropCheck':
    case 'createForeignKey':
    case 'dropForeignKey':
      return true
    default:
      return false
  }
}

/**
 * The change as the call that made it, for error messages.
 *
 * @example
 * describeChange('user', { kind: 'alterColumn', column: 'email', changes: {} }) // => "op.alterColumn('user', 'email')"
 */
export function describeChange(table: string, change: TableChange): string {
  // Index and constraint calls take their name first, column calls the table first.
  if ('name' in change) return `op.${change.kind}('${change.name}', '${table}')`
  if (change.kind === 'createTableComment' || change.kind === 'dropTableComment') return `op.${change.kind}('${table}')`
  const column = change.kind === 'renameColumn' ? change.from : typeof change.column === 'string' ? change.column : change.column?.name
  return `op.${change.kind}('${table}', '${column}')`
}

function requireExistingComment(where: string, existing: unknown): void {
  if (existing !== undefined && typeof existing !== 'string') {
    throw new MigError('BAD_OPERATION', `${where}: existingComment must be a string (the comment the table has now)`)
  }
}

/**
 * Checks a change's arguments before any SQL runs (revision files may be plain JavaScript).
 *
 * @example
 * validateChange('user', { kind: 'createUnique', name: 'u', columns: [] }) // throws BAD_OPERATION
 */
export function validateChange(table: string, change: TableChange): void {
  const where = describeChange(table, change)
  const requireColumns = (what: string, columns: unknown) => {
    if (!Array.isArray(columns) || columns.length === 0 || columns.some((column) => typeof column !== 'string' || column === '')) {
      throw new MigError('BAD_OPERATION', `${where}: give the ${what} as a non-empty list of column names`)
    }
  }
  if ('name' in change) requireName(where, 'constraint name', change.name)
  switch (change.kind) {
    case 'createIndex':
      validateIndexType(where, change.type, change.unique)
      return requireColumns('columns', change.columns)
    case 'createUnique':
      return requireColumns('columns', change.columns)
    case 'createCheck':
      return validateCheck(where, { name: change.name, expression: change.expression })
    case 'createForeignKey':
      requireColumns('columns', change.columns)
      requireName(where, 'referenced table', change.referencedTable)
      requireColumns('referenced columns', change.referencedColumns)
      if (change.columns.length !== change.referencedColumns.length) {
        throw new MigError('BAD_OPERATION', `${where}: a foreign key needs as many referenced columns as columns`)
      }
      return
    case 'createTableComment':
      if (typeof change.comment !== 'string') {
        throw new MigError('BAD_OPERATION', `${where}: give the comment as a string (op.dropTableComment removes it)`)
      }
      return requireExistingComment(where, change.existingComment)
    case 'dropTableComment':
      return requireExistingComment(where, change.existingComment)
    default:
      return
  }
}
