import type { ColumnSpec } from './types.js'

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
