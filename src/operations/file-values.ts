/** Values as a revision file writes them: readable key order, nothing said that goes without saying. */
import type { ColumnSpec, IndexSpec } from './types.js'

/**
 * A column as a revision file writes it: keys in a readable order, `nullable` only when false
 * (`undefined` keys are left out when rendered).
 *
 * @example
 * columnValue({ nullable: false, name: 'email', type: 'string' }) // => { name: 'email', type: 'string', nullable: false, ... }
 */
export function columnValue(column: ColumnSpec): Record<string, unknown> {
  const { name, type, length, precision, scale, items, primary, autoincrement, nullable, unsigned, unique, comment, references } = column
  const value: Record<string, unknown> = { name, type, length, precision, scale, items }
  if (autoincrement) value.autoincrement = true
  else if (primary) value.primary = true
  if (nullable === false && !primary && !autoincrement) value.nullable = false
  value.unsigned = unsigned
  if (unique) value.unique = true
  if ('default' in column && column.default !== undefined) value.default = column.default
  value.defaultRaw = column.defaultRaw
  value.comment = comment
  value.references = references
  return value
}

/**
 * `createIndex`'s options: none for a plain index, `unique` or else `type`.
 *
 * @example
 * indexOptions({ type: 'fulltext' }) // => { type: 'fulltext' }
 */
export function indexOptions(index: Pick<IndexSpec, 'unique' | 'type'>): Pick<IndexSpec, 'unique' | 'type'> {
  if (index.unique) return { unique: true }
  return index.type ? { type: index.type } : {}
}

/**
 * The rules of a foreign key that are set, as `createForeignKey`'s options.
 *
 * @example
 * referentialActions({ onDelete: 'cascade', onUpdate: undefined }) // => { onDelete: 'cascade' }
 */
export function referentialActions<T extends { onDelete?: string | undefined; onUpdate?: string | undefined }>(key: T): Pick<T, 'onDelete' | 'onUpdate'> {
  return { ...(key.onDelete ? { onDelete: key.onDelete } : {}), ...(key.onUpdate ? { onUpdate: key.onUpdate } : {}) } as Pick<T, 'onDelete' | 'onUpdate'>
}
