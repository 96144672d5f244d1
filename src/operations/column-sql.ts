import { MigError } from '../errors.js'
import { enumCheckSql, enumTypeSql, validateEnumColumn } from './enum-sql.js'
import { renderLiteral } from './literals.js'
import { defaultName } from './names.js'
import { quoteIdentifier, quoteList } from './quote.js'
import type { ColumnReference, ColumnSpec, Dialect, NeutralType, ReferentialAction } from './types.js'

const INTEGER_TYPES: ReadonlySet<string> = new Set(['integer', 'bigint', 'smallint'])

/** How a column is placed in its statement; `createTable` and `addColumn` differ here. */
export interface ColumnContext {
  /** The table, for default constraint names and error messages. */
  readonly table: string
  /** The operation, for error messages: `createTable('user')`. */
  readonly where: string
  /** The column belongs to the primary key (declared on it or in `createTable`'s `primaryKey`). */
  readonly primary: boolean
  /** The column is in a foreign key (its own `references` or one of `createTable`'s `foreignKeys`). */
  readonly foreignKey: boolean
  /** Write `primary key` in the column definition (a single-column key outside `createTable`). */
  readonly inlinePrimary: boolean
  /** Write `references` in the column definition (SQLite `add column`, which has no `add constraint`). */
  readonly inlineReference: boolean
  /** The column is restated with MySQL's `modify`: its table already has the key, so no `primary key` again. */
  readonly restated?: boolean
  /** Write `column.type` as is, not through `columnTypeSql` (a declared SQLite type read back from the table). */
  readonly verbatimType?: boolean
}

/**
 * The SQL type for a column on a dialect: what MikroORM 6.6 emits for the matching property
 * type, so autogenerate sees the same type again. Unknown type names are used verbatim.
 *
 * @example
 * columnTypeSql('postgresql', { name: 'at', type: 'datetime' }) // => 'timestamptz'
 * columnTypeSql('sqlite', { name: 'ok', type: 'boolean' })      // => 'integer'
 * columnTypeSql('sqlite', { name: 'nick', type: 'string', length: 40 }) // => 'varchar(40)'
 */
export function columnTypeSql(dialect: Dialect, column: ColumnSpec): string {
  const type = column.type as NeutralType
  const length = column.length
  switch (type) {
    case 'integer':
      return dialect === 'sqlite' ? 'integer' : 'int'
    case 'bigint':
      return 'bigint'
    case 'smallint':
      return dialect === 'sqlite' ? 'integer' : 'smallint'
    case 'string':
      // SQLite keeps the declared type text (TEXT affinity either way): varchar(n), not MikroORM's
      // `text`, lets a comparison on SQLite see a length change the other dialects need.
      return `varchar(${length ?? 255})`
    case 'text':
      return 'text'
    case 'boolean':
      return { sqlite: 'integer', postgresql: 'boolean', mysql: 'tinyint(1)' }[dialect]
    case 'float':
      return dialect === 'mysql' ? 'float' : 'real'
    case 'double':
      return dialect === 'postgresql' ? 'double precision' : 'double'
    case 'decimal':
      return `numeric(${column.precision ?? 10},${column.scale ?? 0})`
    case 'date':
      return 'date'
    case 'time':
      if (dialect === 'sqlite') return withLength('time', length)
      // MikroORM pins PostgreSQL times to whole seconds unless a length is given.
      return dialect === 'postgresql' ? `time(${length ?? 0})` : withLength('time', length)
    case 'datetime':
      // MikroORM writes a bare `datetime` on SQLite; the declared precision is what tells a change.
      if (dialect === 'sqlite') return withLength('datetime', length)
      return withLength(dialect === 'postgresql' ? 'timestamptz' : 'datetime', length)
    case 'json':
      return dialect === 'postgresql' ? 'jsonb' : 'json'
    case 'uuid':
      return { sqlite: 'text', postgresql: 'uuid', mysql: 'varchar(36)' }[dialect]
    case 'blob':
      return dialect === 'postgresql' ? 'bytea' : 'blob'
    case 'tinyint':
      return { sqlite: 'integer', postgresql: 'smallint', mysql: 'tinyint' }[dialect]
    case 'enum':
      return enumTypeSql(dialect, column.items)
    default:
      return column.type
  }
}

function withLength(type: string, length: number | undefined): string {
  return length === undefined ? type : `${type}(${length})`
}

/** True for the neutral integer types, the ones that may autoincrement. */
export function isIntegerType(column: ColumnSpec): boolean {
  return INTEGER_TYPES.has(column.type)
}

/**
 * Rejects column specs no dialect could honour, before any SQL runs.
 *
 * @example
 * validateColumn("addColumn('user')", { name: 'id', type: 'text', autoincrement: true }) // throws BAD_OPERATION
 */
export function validateColumn(where: string, column: ColumnSpec, primary = false): void {
  const fail = (problem: string): never => {
    throw new MigError('BAD_OPERATION', `${where}: column '${column.name}' ${problem}`)
  }
  if (typeof column.name !== 'string' || column.name === '') {
    throw new MigError('BAD_OPERATION', `${where}: every column needs a non-empty name`)
  }
  if (typeof column.type !== 'string' || column.type.trim() === '') fail('needs a type')
  validateEnumColumn(where, column)
  if (column.autoincrement && !isIntegerType(column)) fail(`has type '${column.type}'; autoincrement needs 'integer', 'bigint' or 'smallint'`)
  if (column.default !== undefined && column.defaultRaw !== undefined) fail('has both default and defaultRaw; keep one')
  if (column.autoincrement && (column.default !== undefined || column.defaultRaw !== undefined)) {
    fail('is autoincrement and cannot also have a default')
  }
  if ((primary || column.primary || column.autoincrement) && column.nullable === true) {
    fail('is part of the primary key and cannot be nullable')
  }
  const reference = column.references
  if (reference !== undefined && (typeof reference?.table !== 'string' || typeof reference.column !== 'string')) {
    fail("has references without a table and column; write references: { table: 'user', column: 'id' }")
  }
}

/**
 * The full column definition for `create table` and `add column`.
 *
 * @example
 * columnDefinitionSql('mysql', { name: 'id', type: 'integer', autoincrement: true }, context)
 * // => '`id` int unsigned not null auto_increment primary key'
 */
export function columnDefinitionSql(dialect: Dialect, column: ColumnSpec, context: ColumnContext): string {
  const primary = context.primary || column.primary === true || column.autoincrement === true
  const parts = [quoteIdentifier(dialect, column.name)]
  if (column.autoincrement) {
    const sql = autoincrementSql(dialect, column)
    parts.push(context.restated ? sql.replace(/ primary key$/, '') : sql)
  } else {
    parts.push(context.verbatimType ? column.type : columnTypeSql(dialect, column))
    const check = context.verbatimType ? undefined : enumCheckSql(dialect, column)
    if (check) parts.push(check)
    if (dialect === 'mysql' && isUnsigned(column, primary || context.foreignKey)) parts.push('unsigned')
    parts.push((column.nullable ?? !primary) ? 'null' : 'not null')
    if (context.inlinePrimary && primary) parts.push('primary key')
  }
  if (column.defaultRaw !== undefined) parts.push(`default ${column.defaultRaw}`)
  else if (column.default !== undefined) parts.push(`default ${renderLiteral(dialect, column.default)}`)
  // Only MySQL keeps comments in the column definition; PostgreSQL needs `comment on column`.
  if (dialect === 'mysql' && column.comment !== undefined) parts.push(`comment ${renderLiteral(dialect, column.comment)}`)
  if (context.inlineReference && column.references) {
    const name = column.references.name ?? defaultName(dialect, context.table, [column.name], 'foreign')
    parts.push(`constraint ${quoteIdentifier(dialect, name)} ${referencesSql(dialect, column.references)}`)
  }
  return parts.join(' ')
}

function autoincrementSql(dialect: Dialect, column: ColumnSpec): string {
  switch (dialect) {
    case 'sqlite':
      // Only `integer primary key` becomes the rowid alias SQLite can autoincrement.
      return 'integer not null primary key autoincrement'
    case 'postgresql': {
      // MikroORM 6.6 emits serial types (not identity columns); matching it keeps autogenerate quiet.
      const serial = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' }[column.type as 'integer']
      return `${serial} primary key`
    }
    case 'mysql':
      return `${columnTypeSql(dialect, column)}${column.unsigned === false ? '' : ' unsigned'} not null auto_increment primary key`
  }
}

/** MikroORM makes integer keys, and the columns pointing at them, unsigned on MySQL; a foreign key needs both sides alike. */
function isUnsigned(column: ColumnSpec, keyOrForeignKey: boolean): boolean {
  return column.unsigned ?? (isIntegerType(column) && keyOrForeignKey)
}

/**
 * The `references "table" ("columns") on delete ... on update ...` clause of a foreign key.
 *
 * @example
 * referencesSql('sqlite', { table: 'author', column: 'id', onDelete: 'cascade' })
 * // => 'references "author" ("id") on delete cascade'
 */
export function referencesSql(
  dialect: Dialect,
  reference: ColumnReference | { table: string; columns: readonly string[]; onDelete?: ReferentialAction; onUpdate?: ReferentialAction },
): string {
  const columns = 'columns' in reference ? reference.columns : [reference.column]
  let sql = `references ${quoteIdentifier(dialect, reference.table)} (${quoteList(dialect, columns)})`
  if (reference.onDelete) sql += ` on delete ${referentialAction(reference.onDelete)}`
  if (reference.onUpdate) sql += ` on update ${referentialAction(reference.onUpdate)}`
  return sql
}

const ACTIONS: ReadonlySet<string> = new Set(['cascade', 'set null', 'set default', 'restrict', 'no action'])

// The action is spliced into SQL, so only the five the standard knows get through.
function referentialAction(action: string): string {
  const normalized = action.trim().toLowerCase().replace(/\s+/g, ' ')
  if (!ACTIONS.has(normalized)) {
    throw new MigError('BAD_OPERATION', `Unknown referential action '${action}'; use one of: ${[...ACTIONS].join(', ')}`)
  }
  return normalized
}
