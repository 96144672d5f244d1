import { MigError } from '../errors.js'
import type { ColumnSpec } from './types.js'

/**
 * Throws `BAD_OPERATION` unless `value` is a non-empty string. Revision files are plain
 * TypeScript that may be run as JavaScript, so a missing argument must fail here, with the
 * operation named, rather than as odd SQL.
 *
 * @example
 * requireName("dropTable()", 'table name', '') // throws: dropTable(): the table name must be a non-empty string
 */
export function requireName(where: string, what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new MigError('BAD_OPERATION', `${where}: the ${what} must be a non-empty string`)
  }
}

/**
 * Throws `BAD_OPERATION` when a constraint or index names a column the table does not have
 * (checked offline too, where the database cannot say so until the SQL is run).
 *
 * @example
 * requireColumns("createTable('t')", 'index', ['nope'], [{ name: 'id', type: 'integer' }]) // throws
 */
export function requireColumns(where: string, what: string, names: readonly string[], columns: readonly ColumnSpec[]): void {
  if (!Array.isArray(names) || names.length === 0) {
    throw new MigError('BAD_OPERATION', `${where}: the ${what} needs at least one column`)
  }
  const known = new Set(columns.map((column) => column.name))
  const missing = names.filter((name) => !known.has(name))
  if (missing.length > 0) {
    throw new MigError('BAD_OPERATION', `${where}: the ${what} names unknown column(s) ${missing.map((m) => `'${m}'`).join(', ')}`)
  }
}

/**
 * Throws `BAD_OPERATION` unless `columns` is a non-empty list of column names.
 *
 * @example
 * requireColumnList("op.createUnique('u', 'user')", 'columns', []) // throws: ...: give the columns as a non-empty list of column names
 */
export function requireColumnList(where: string, what: string, columns: unknown): void {
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((column) => typeof column !== 'string' || column === '')) {
    throw new MigError('BAD_OPERATION', `${where}: give the ${what} as a non-empty list of column names`)
  }
}
