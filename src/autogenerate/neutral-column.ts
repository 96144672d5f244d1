import type { Column } from '@mikro-orm/knex'
import { columnTypeSql } from '../operations/column-sql.js'
import type { ColumnSpec, Dialect, NeutralType } from '../operations/types.js'
import { enumColumnType } from './enum-columns.js'
import type { PropertyType } from './properties.js'

/** The column type part of a `ColumnSpec`. */
export interface NeutralColumnType {
  readonly type: string
  readonly length?: number
  readonly precision?: number
  readonly scale?: number
  readonly items?: readonly string[]
}

/** Where a column sits in its table: what decides `primary`, `autoincrement` and MySQL's `unsigned`. */
export interface ColumnPlace {
  readonly dialect: Dialect
  readonly primaryKey: readonly string[]
  readonly foreignKeyColumns: ReadonlySet<string>
  readonly property?: PropertyType | undefined
  /** A live enum column whose check is a constraint of its own (see `enum-columns.ts`). */
  readonly separateEnumCheck?: boolean
}

// Names a model or MikroORM uses for a type, and SQL type names, mapped to the neutral types
// whose SQL (operations/column-sql.ts) MikroORM reads back as the same type on every dialect.
const NEUTRAL: Readonly<Record<string, NeutralType>> = {
  integer: 'integer', int: 'integer', int4: 'integer', number: 'integer', integertype: 'integer',
  smallint: 'smallint', int2: 'smallint', smallinttype: 'smallint',
  tinyint: 'tinyint', tinyinttype: 'tinyint',
  bigint: 'bigint', int8: 'bigint', biginttype: 'bigint',
  string: 'string', varchar: 'string', 'character varying': 'string', stringtype: 'string',
  text: 'text', texttype: 'text',
  boolean: 'boolean', bool: 'boolean', booleantype: 'boolean',
  float: 'float', real: 'float', float4: 'float', floattype: 'float',
  double: 'double', 'double precision': 'double', float8: 'double', doubletype: 'double',
  decimal: 'decimal', numeric: 'decimal', decimaltype: 'decimal',
  date: 'date', datetype: 'date',
  time: 'time', timetype: 'time',
  datetime: 'datetime', timestamp: 'datetime', timestamptz: 'datetime', datetimetype: 'datetime',
  json: 'json', jsonb: 'json', jsontype: 'json',
  uuid: 'uuid', uuidtype: 'uuid',
  blob: 'blob', bytea: 'blob', blobtype: 'blob', uint8arraytype: 'blob', buffer: 'blob',
}

// Lengths the dialect gives these types when none is written; writing them would only add noise.
const DEFAULT_LENGTH: Record<Dialect, Partial<Record<NeutralType, number>>> = {
  sqlite: { string: 255 },
  postgresql: { string: 255, datetime: 6, time: 0 },
  mysql: { string: 255, datetime: 0, time: 0 },
}

const INTEGER: ReadonlySet<string> = new Set(['integer', 'bigint', 'smallint'])

/**
 * The neutral type of a column. For a model column the candidates are, in order, the type its
 * property names (the dialect's own type loses `string` vs `text`, and `boolean` on SQLite),
 * MikroORM's mapped type, and the SQL type name; the first whose SQL on this dialect is the very
 * type MikroORM wants wins, so the revision converges. A live column (no property) takes its
 * mapped type. Types with no neutral name stay the dialect's own SQL type.
 *
 * @example
 * neutralType('postgresql', { type: 'varchar(128)', length: 128, mappedType: stringType }) // => { type: 'string', length: 128 }
 */
export function neutralType(dialect: Dialect, column: Column, property?: PropertyType, separateCheck = false): NeutralColumnType {
  const enumType = enumColumnType(column, property, separateCheck)
  if (enumType) return enumType
  const candidates = property
    ? [propertyTypeName(property), mappedTypeName(dialect, column), sqlTypeName(column.type)]
    : [liveTypeName(dialect, column)]
  for (const name of candidates) {
    if (!name) continue
    const result = withArguments(dialect, name, column)
    if (!property || sameSqlType(dialect, columnTypeSql(dialect, { name: column.name, ...result }), column.type)) return result
  }
  return { type: column.type.toLowerCase() }
}

function propertyTypeName(property: PropertyType): NeutralType | undefined {
  // `Date` (the JS class) means a timestamp; `date` means a calendar date.
  if (property.name === 'Date') return 'datetime'
  // Not a string enum (that returned above): MikroORM stores it as a tinyint, as numbers.
  if (property.enum) return 'tinyint'
  return NEUTRAL[property.name.toLowerCase().replace(/\(.*$/, '')]
}

function mappedTypeName(dialect: Dialect, column: Column): NeutralType | undefined {
  // MySQL's booleans are tinyint(1); a model's plain tinyint is not a boolean anywhere else.
  if (dialect === 'mysql' && /^tinyint\(1\)/i.test(column.type)) return 'boolean'
  const mapped = column.mappedType?.constructor?.name
  return mapped && mapped !== 'UnknownType' ? NEUTRAL[mapped.toLowerCase()] : undefined
}

// SQLite keeps the declared type as written, and `varchar(128)` says more than the type
// MikroORM maps it to; elsewhere the catalog's type is MikroORM's mapped one.
function liveTypeName(dialect: Dialect, column: Column): NeutralType | undefined {
  if (dialect === 'sqlite' && /\(/.test(column.type)) return sqlTypeName(column.type) ?? mappedTypeName(dialect, column)
  return mappedTypeName(dialect, column) ?? sqlTypeName(column.type)
}

function sqlTypeName(type: string): NeutralType | undefined {
  return NEUTRAL[type.toLowerCase().replace(/\(.*$/, '').replace(/ unsigned$/, '').trim()]
}

function withArguments(dialect: Dialect, type: NeutralType, column: Column): NeutralColumnType {
  const result: { type: string; length?: number; precision?: number; scale?: number } = { type }
  const [first, second] = parseArguments(column.type)
  if (type === 'string' || type === 'datetime' || type === 'time') {
    const length = numberOr(column.length, first)
    if (length !== undefined && length !== DEFAULT_LENGTH[dialect][type]) result.length = length
  } else if (type === 'decimal') {
    const precision = numberOr(column.precision, first)
    const scale = numberOr(column.scale, second)
    if (precision !== undefined && precision !== 10) result.precision = precision
    if (scale !== undefined && scale !== 0) result.scale = scale
  }
  return result
}

/** MikroORM leaves NaN and null in length fields; both mean "none". */
function numberOr(value: number | null | undefined, fallback: number | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  return fallback !== undefined && Number.isFinite(fallback) ? fallback : undefined
}

function sameSqlType(dialect: Dialect, a: string, b: string): boolean {
  const normalize = (type: string) => type.toLowerCase().replace(/\s*([(),])\s*/g, '$1').replace(/\s+/g, ' ').trim()
  // MikroORM's SQLite types carry no string length or datetime precision (`text`, `datetime`);
  // mig's declare them (`varchar(128)`), so there the names are compared without arguments.
  const sqlite = (type: string) => normalize(type).replace(/^(varchar|character varying|char)\b/, 'text').replace(/^(text|datetime)\(.*\)$/, '$1')
  return dialect === 'sqlite' ? sqlite(a) === sqlite(b) : normalize(a) === normalize(b)
}

/** `numeric(10,2)` → [10, 2]; `varchar(36)` → [36]. */
function parseArguments(type: string): (number | undefined)[] {
  const match = /\(([\d\s,]+)\)/.exec(type)
  return match ? match[1]!.split(',').map((part) => Number(part.trim())) : []
}

/**
 * A column default as `default` (a value `renderLiteral` writes back the same on every dialect)
 * or `defaultRaw` (SQL kept verbatim, e.g. `CURRENT_TIMESTAMP`).
 *
 * @example
 * neutralDefault("'draft'", 'string') // => { default: 'draft' }
 * neutralDefault('now()', 'datetime')  // => { defaultRaw: 'now()' }
 */
export function neutralDefault(value: string | null | undefined, type: string): { default?: unknown; defaultRaw?: string } {
  if (value === null || value === undefined) return {}
  const text = String(value).trim()
  if (text === '' || /^null$/i.test(text)) return {}
  const quoted = /^'((?:[^']|'')*)'$/.exec(text)
  if (quoted) return { default: quoted[1]!.replaceAll("''", "'") }
  if (/^(true|false)$/i.test(text)) return { default: text.toLowerCase() === 'true' }
  if (/^-?\d+(\.\d+)?$/.test(text) && String(Number(text)) === text) {
    if (type === 'boolean' && (text === '0' || text === '1')) return { default: text === '1' }
    return { default: Number(text) }
  }
  return { defaultRaw: text }
}

/**
 * A MikroORM column as a neutral `ColumnSpec`: what `createTable`, `addColumn` and a batch's
 * `copyFrom` take.
 *
 * @example
 * neutralColumn(column, { dialect: 'sqlite', primaryKey: ['id'], foreignKeyColumns: new Set() })
 * // => { name: 'id', type: 'integer', autoincrement: true }
 */
export function neutralColumn(column: Column, place: ColumnPlace): ColumnSpec {
  const type = neutralType(place.dialect, column, place.property, place.separateEnumCheck)
  const primary = place.primaryKey.includes(column.name)
  const single = primary && place.primaryKey.length === 1
  const spec: Record<string, unknown> = { name: column.name, ...type }
  if (single && column.autoincrement && INTEGER.has(type.type)) spec.autoincrement = true
  else if (primary) spec.primary = true
  if (!primary) spec.nullable = column.nullable === true
  if (place.dialect === 'mysql' && INTEGER.has(type.type)) {
    // ColumnSpec's default mirrors MikroORM: unsigned for integer keys and the columns pointing at them.
    const usual = primary || place.foreignKeyColumns.has(column.name)
    if (Boolean(column.unsigned) !== usual) spec.unsigned = Boolean(column.unsigned)
  }
  if (!spec.autoincrement) Object.assign(spec, neutralDefault(column.default, type.type))
  if (typeof column.comment === 'string' && column.comment !== '') spec.comment = column.comment
  return spec as unknown as ColumnSpec
}
