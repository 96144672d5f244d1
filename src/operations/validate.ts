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
 * The options object of `createTableComment`/`dropTableComment`, as the keys of the recorded
 * change. A revision written as JavaScript may pass the old comment where the options go (as
 * Alembic's positional `existing_comment`), which would otherwise be ignored without a word.
 *
 * @example
 * commentOptions('op.dropTableComment()', { existingComment: 'writers' }) // => { existingComment: 'writers' }
 * commentOptions('op.dropTableComment()', 'writers')                      // throws BAD_OPERATION
 */
export function commentOptions(where: string, options: unknown): { existingComment?: string } {
  if (options === undefined) return {}
  if (options === null || typeof options !== 'object') {
    throw new MigError('BAD_OPERATION', `${where}: the options are an object, { existingComment: '...' }`)
  }
  const { existingComment } = options as { existingComment?: string }
  return existingComment === undefined ? {} : { existingComment }
}
