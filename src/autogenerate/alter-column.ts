import { columnTypeSql } from '../operations/column-sql.js'
import type { Operation } from '../operations/operation.js'
import type { ColumnChanges, ColumnSpec, Dialect } from '../operations/types.js'
import { message, type DetectedChange } from './messages.js'

/**
 * The `alterColumn` for one changed column (none when only unsupported properties changed),
 * with its messages. `previous` holds the old value of every changed key, for the downgrade.
 *
 * @example
 * alterColumnChange('user', 'name', ['type'], { name: 'name', type: 'string', length: 128 }, { name: 'name', type: 'string', length: 256 }, 'postgresql', noUnsigned)
 * // => { op: { kind: 'alterColumn', changes: { type: 'string', length: 256 }, previous: { type: 'string', length: 128 }, ... },
 * //      changes: [{ kind: 'modify_type', message: "Detected type change from varchar(128) to varchar(256) on 'user.name'", ... }] }
 */
export function alterColumnChange(
  table: string,
  name: string,
  properties: string[],
  from: ColumnSpec,
  to: ColumnSpec,
  dialect: Dialect,
  unsigned: { readonly from: boolean; readonly to: boolean },
) {
  const changes: Record<string, unknown> = {}
  const previous: Record<string, unknown> = {}
  const reports: DetectedChange[] = []
  const notes: string[] = []
  const report = (kind: string, text: string, destructive = false) => reports.push({ kind, table, column: name, message: text, destructive })
  // An enum's items are part of its type (MySQL's `enum(...)`, elsewhere the column's check).
  if ((properties.includes('type') || properties.includes('enumItems')) && !sameType(from, to)) {
    Object.assign(changes, typeChange(from, to))
    Object.assign(previous, typeChange(to, from))
    const fromSql = typeText(dialect, from)
    const toSql = typeText(dialect, to)
    const destructive = isNarrowing(from, to)
    if (destructive) notes.push(`destructive — '${table}.${name}' changes from ${fromSql} to ${toSql}: values that do not fit are cut, or the upgrade fails`)
    if (from.type === 'enum' && to.type === 'enum') report('modify_enum', message.enum(table, name, from.items ?? [], to.items ?? []), destructive)
    else report('modify_type', message.type(table, name, fromSql, toSql), destructive)
  }
  if (properties.includes('nullable') && Boolean(from.nullable) !== Boolean(to.nullable)) {
    changes.nullable = Boolean(to.nullable)
    previous.nullable = Boolean(from.nullable)
    report('modify_nullable', message.nullable(table, name, Boolean(to.nullable)))
  }
  if (properties.includes('default')) {
    Object.assign(changes, defaultChange(to))
    Object.assign(previous, defaultChange(from))
    report('modify_default', message.default(table, name, to.default === undefined && to.defaultRaw === undefined))
  }
  if (properties.includes('comment')) {
    changes.comment = to.comment ?? null
    previous.comment = from.comment ?? null
    report('modify_comment', message.comment(table, name, to.comment === undefined))
  }
  // MySQL only (the comparator ignores it elsewhere): a column becoming a foreign key to an unsigned key.
  if (properties.includes('unsigned') && unsigned.from !== unsigned.to) {
    changes.unsigned = unsigned.to
    previous.unsigned = unsigned.from
    report('modify_type', message.type(table, name, `${columnTypeSql(dialect, from)}${unsigned.from ? ' unsigned' : ''}`, `${columnTypeSql(dialect, to)}${unsigned.to ? ' unsigned' : ''}`))
  }
  for (const property of properties) {
    if (['autoincrement', 'extra', 'generated'].includes(property)) report(`modify_${property}`, message.unsupported(table, name, property))
  }
  const op: Operation | undefined = Object.keys(changes).length === 0
    ? undefined
    : { kind: 'alterColumn', table, column: name, changes: { ...changes, existing: from }, previous: previous as ColumnChanges }
  return { op, notes, changes: reports }
}

// What an omitted length, precision or scale means for these types (see operations/column-sql.ts).
const ARGUMENT_DEFAULTS: Record<string, Partial<Record<'length' | 'precision' | 'scale', number>>> = {
  string: { length: 255 },
  decimal: { precision: 10, scale: 0 },
}

/**
 * The type part of `alterColumn`'s changes from `from` to `to`. A different type starts
 * afresh, so only its own arguments are written; the same type keeps what is not written, so
 * every argument that differs is written, defaults included (`precision: 10`).
 */
function typeChange(from: ColumnSpec, to: ColumnSpec): ColumnChanges {
  const change: Record<string, unknown> = { type: to.type }
  if (to.type === 'enum') change.items = to.items
  for (const key of ['length', 'precision', 'scale'] as const) {
    if (from.type !== to.type) {
      if (to[key] !== undefined) change[key] = to[key]
      continue
    }
    const fallback = ARGUMENT_DEFAULTS[to.type]?.[key]
    const now = to[key] ?? fallback
    if (now !== (from[key] ?? fallback) && now !== undefined) change[key] = now
  }
  return change as ColumnChanges
}

function defaultChange(column: ColumnSpec): ColumnChanges {
  if (column.defaultRaw !== undefined) return { defaultRaw: column.defaultRaw }
  return { default: column.default === undefined ? null : column.default }
}

const WIDER: Record<string, number> = { smallint: 1, integer: 2, bigint: 3, float: 1, double: 2 }

/**
 * True when some values of the old type may not fit the new one.
 *
 * @example
 * isNarrowing({ name: 'n', type: 'string', length: 256 }, { name: 'n', type: 'string', length: 128 }) // => true
 */
export function isNarrowing(from: ColumnSpec, to: ColumnSpec): boolean {
  if (to.type === 'text') return false
  if (to.type === 'enum') return from.type !== 'enum' || (from.items ?? []).some((item) => !to.items?.includes(item))
  if (from.type === to.type) {
    const shorter = (a: number | undefined, b: number | undefined, fallback: number) => (b ?? fallback) < (a ?? fallback)
    if (to.type === 'string') return shorter(from.length, to.length, 255)
    if (to.type === 'decimal') return shorter(from.precision, to.precision, 10) || shorter(from.scale, to.scale, 0)
    return shorter(from.length, to.length, 6)
  }
  const integers = ['smallint', 'integer', 'bigint']
  if (integers.includes(from.type) && integers.includes(to.type)) return WIDER[to.type]! < WIDER[from.type]!
  if (from.type === 'float' && to.type === 'double') return false
  if (integers.includes(from.type) && (to.type === 'double' || to.type === 'decimal')) return false
  return true
}

function sameType(a: ColumnSpec, b: ColumnSpec): boolean {
  return a.type === b.type && a.length === b.length && a.precision === b.precision && a.scale === b.scale &&
    (a.items ?? []).join('\0') === (b.items ?? []).join('\0')
}

// An enum shows its items on every dialect, not just `text` where the check holds them.
function typeText(dialect: Dialect, column: ColumnSpec): string {
  return column.type === 'enum' ? columnTypeSql('mysql', column) : columnTypeSql(dialect, column)
}
