import { MigError } from '../errors.js'
import { renderLiteral } from './literals.js'
import type { ColumnChanges, ColumnSpec, Dialect } from './types.js'
import { requireName } from './validate.js'

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'type', 'length', 'precision', 'scale', 'items', 'nullable', 'default', 'defaultRaw', 'comment', 'newName', 'unsigned', 'existing',
])

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * Rejects `alterColumn` changes that cannot mean anything, before any SQL runs. Unknown keys
 * are refused too: a misspelt `notNull: true` must not pass as "nothing to change".
 *
 * @example
 * validateColumnChanges("alterColumn('user', 'email')", { nullable: 'no' }) // throws BAD_OPERATION
 */
export function validateColumnChanges(where: string, column: string, changes: ColumnChanges): void {
  if (!changes || typeof changes !== 'object') throw new MigError('BAD_OPERATION', `${where}: give the changes as an object`)
  const unknown = Object.keys(changes).filter((key) => !KNOWN_KEYS.has(key))
  if (unknown.length > 0) {
    throw new MigError('BAD_OPERATION', `${where}: unknown change(s) ${unknown.map((k) => `'${k}'`).join(', ')}; use ${[...KNOWN_KEYS].join(', ')}`)
  }
  if (changes.type !== undefined && (typeof changes.type !== 'string' || changes.type.trim() === '')) {
    throw new MigError('BAD_OPERATION', `${where}: type must be a non-empty string`)
  }
  if (changes.nullable !== undefined && typeof changes.nullable !== 'boolean') {
    throw new MigError('BAD_OPERATION', `${where}: nullable must be true or false`)
  }
  if (changes.default !== undefined && changes.default !== null && changes.defaultRaw !== undefined && changes.defaultRaw !== null) {
    throw new MigError('BAD_OPERATION', `${where}: give either default or defaultRaw, not both`)
  }
  if (changes.newName !== undefined) requireName(where, 'new column name', changes.newName)
  if (changes.existing !== undefined) {
    if (!changes.existing || typeof changes.existing !== 'object' || typeof changes.existing.type !== 'string') {
      throw new MigError('BAD_OPERATION', `${where}: existing must be the column's ColumnSpec ({ name, type, ... })`)
    }
    if (changes.existing.name !== undefined && changes.existing.name !== column) {
      throw new MigError('BAD_OPERATION', `${where}: existing describes column '${changes.existing.name}', not '${column}'`)
    }
  }
}

/** True when the changes touch the SQL type (type, length, precision, scale, enum items or MySQL's unsigned). */
export function changesType(changes: ColumnChanges): boolean {
  return ['type', 'length', 'precision', 'scale', 'items', 'unsigned'].some((key) => changes[key as keyof ColumnChanges] !== undefined)
}

/** True when the changes set or drop the default. */
export function changesDefault(changes: ColumnChanges): boolean {
  return changes.default !== undefined || changes.defaultRaw !== undefined
}

/**
 * The column after the changes. A new type starts without the old length, precision and
 * scale (a `varchar(100)` turned `datetime` must not become `datetime(100)`); a new default of
 * one kind replaces the other kind; `null` removes.
 *
 * @example
 * applyColumnChanges({ name: 'qty', type: 'string', length: 20 }, { type: 'integer', nullable: false })
 * // => { name: 'qty', type: 'integer', nullable: false }
 */
export function applyColumnChanges(current: ColumnSpec, changes: ColumnChanges): ColumnSpec {
  const next: Mutable<ColumnSpec> = { ...current }
  if (changes.type !== undefined && changes.type !== current.type) {
    delete next.length
    delete next.precision
    delete next.scale
    delete next.items
  }
  if (changes.type !== undefined) next.type = changes.type
  if (changes.items !== undefined) next.items = changes.items
  if (changes.length !== undefined) next.length = changes.length
  if (changes.precision !== undefined) next.precision = changes.precision
  if (changes.scale !== undefined) next.scale = changes.scale
  if (changes.nullable !== undefined) next.nullable = changes.nullable
  if (changes.unsigned !== undefined) next.unsigned = changes.unsigned
  if (changes.default !== undefined) {
    delete next.default
    delete next.defaultRaw
    if (changes.default !== null) next.default = changes.default
  }
  if (changes.defaultRaw !== undefined) {
    delete next.default
    delete next.defaultRaw
    if (changes.defaultRaw !== null) next.defaultRaw = changes.defaultRaw
  }
  if (changes.comment !== undefined) {
    delete next.comment
    if (changes.comment !== null) next.comment = changes.comment
  }
  if (changes.newName !== undefined) next.name = changes.newName
  return next
}

/**
 * The column's default as SQL, or undefined when it has none (`default: null` is no default).
 *
 * @example
 * defaultSql('postgresql', { name: 'status', type: 'string', default: 'draft' }) // => "'draft'"
 */
export function defaultSql(dialect: Dialect, column: ColumnSpec | undefined): string | undefined {
  if (column?.defaultRaw !== undefined) return column.defaultRaw
  if (column?.default !== undefined && column.default !== null) return renderLiteral(dialect, column.default)
  return undefined
}
