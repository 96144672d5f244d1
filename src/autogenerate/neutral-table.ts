import type { CheckDef, Column, DatabaseTable, ForeignKey, IndexDef } from '@mikro-orm/knex'
import type { NamedForeignKey, NamedIndex, NormalizedTable } from '../operations/table-model.js'
import type { CheckSpec, Dialect, ReferentialAction } from '../operations/types.js'
import { neutralColumn } from './neutral-column.js'
import type { PropertyLookup } from './properties.js'

/** How to read one side of the comparison. */
export interface TableReading {
  readonly dialect: Dialect
  /** Model properties, for the target side only. */
  readonly properties?: PropertyLookup | undefined
  /** The real names of enum checks found in the live database, by `table.column`. */
  readonly enumCheckNames?: ReadonlyMap<string, string> | undefined
}

/**
 * A MikroORM table as a neutral `NormalizedTable`. String enum columns have the `enum` type,
 * which carries its own check; only a live text column whose enum check is a constraint of its
 * own (what older revisions wrote) keeps that check as a check (see `enum-columns.ts`).
 *
 * @example
 * neutralTable(live.getTable('book'), { dialect: 'sqlite' })
 * // => { columns: [...], primaryKey: ['id'], indexes: [{ name: 'book_title_index', columns: ['title'] }], ... }
 */
export function neutralTable(table: DatabaseTable, reading: TableReading): NormalizedTable {
  const name = table.name
  // Only the model side says `no action`/`restrict` on purpose; a database reports them for every key.
  const foreignKeys = Object.values(table.getForeignKeys()).map((key) => neutralForeignKey(key, reading.properties !== undefined))
  const foreignKeyColumns = new Set(foreignKeys.flatMap((foreignKey) => foreignKey.columns))
  const primaryKey = primaryKeyOf(table)
  const columns = table.getColumns().map((column) =>
    neutralColumn(column, {
      dialect: reading.dialect, primaryKey, foreignKeyColumns, property: reading.properties?.(name, column.name),
      separateEnumCheck: reading.enumCheckNames?.has(`${name}.${column.name}`),
    }),
  )
  const indexes: NamedIndex[] = []
  const uniques: NamedIndex[] = []
  for (const index of table.getIndexes()) {
    if (index.primary || index.expression) continue
    if (index.unique && index.constraint) uniques.push({ name: index.keyName, columns: index.columnNames })
    else indexes.push(neutralIndex(index))
  }
  const checks: CheckSpec[] = []
  for (const column of table.getColumns()) {
    if (!reading.enumCheckNames?.has(`${name}.${column.name}`)) continue
    const check = enumCheck(name, column, reading.enumCheckNames?.get(`${name}.${column.name}`))
    if (check) checks.push(check)
  }
  for (const check of table.getChecks()) {
    const spec = neutralCheck(check)
    if (spec && !checks.some((known) => known.name === spec.name)) checks.push(spec)
  }
  return { columns, primaryKey, indexes: dedupe(indexes), uniques: dedupe(uniques), foreignKeys, checks, comment: table.comment || undefined }
}

/**
 * The primary-key columns, in key order.
 *
 * @example
 * primaryKeyOf(live.getTable('edition')!) // => ['isbn', 'printing']
 */
export function primaryKeyOf(table: DatabaseTable): string[] {
  const key = table.getPrimaryKey()
  if (key) return [...key.columnNames]
  return table.getColumns().filter((column) => column.primary).map((column) => column.name)
}

/**
 * MikroORM's index as a neutral one.
 *
 * @example
 * neutralIndex({ keyName: 'book_title_index', columnNames: ['title'], unique: false, ... }) // => { name: 'book_title_index', columns: ['title'] }
 */
export function neutralIndex(index: IndexDef): NamedIndex {
  if (index.unique) return { name: index.keyName, columns: index.columnNames, unique: true }
  return index.type === 'fulltext' ? { name: index.keyName, columns: index.columnNames, type: 'fulltext' } : { name: index.keyName, columns: index.columnNames }
}

/**
 * MikroORM's foreign key as a neutral one; referenced tables lose the default schema (`public.`).
 * A model's key (`explicit`) keeps a `no action` or `restrict` rule, which MikroORM writes out;
 * a database's loses them, as every dialect reports its default rule for every key.
 *
 * @example
 * neutralForeignKey({ constraintName: 'book_author_id_foreign', columnNames: ['author_id'], referencedTableName: 'public.author', referencedColumnNames: ['id'], deleteRule: 'cascade', ... })
 * // => { name: 'book_author_id_foreign', columns: ['author_id'], references: { table: 'author', columns: ['id'] }, onDelete: 'cascade' }
 */
export function neutralForeignKey(foreignKey: ForeignKey, explicit = false): NamedForeignKey {
  const spec: { -readonly [K in keyof NamedForeignKey]: NamedForeignKey[K] } = {
    name: foreignKey.constraintName,
    columns: foreignKey.columnNames,
    references: { table: shortTableName(foreignKey.referencedTableName), columns: foreignKey.referencedColumnNames },
  }
  const onDelete = referentialAction(foreignKey.deleteRule, explicit)
  const onUpdate = referentialAction(foreignKey.updateRule, explicit)
  if (onDelete) spec.onDelete = onDelete
  if (onUpdate) spec.onUpdate = onUpdate
  return spec
}

/**
 * Revisions name tables without the schema (the operations quote a dot as part of a name).
 *
 * @example
 * shortTableName('public.author') // => 'author'
 */
export function shortTableName(name: string): string {
  return name.includes('.') ? name.slice(name.indexOf('.') + 1) : name
}

// `restrict` and `no action` are every dialect's default and MikroORM's comparison treats them as equal.
function referentialAction(rule: string | undefined, explicit: boolean): ReferentialAction | undefined {
  const normalized = rule?.toLowerCase().replace(/"/g, '').trim()
  if (!normalized || (!explicit && (normalized === 'restrict' || normalized === 'no action'))) return undefined
  return normalized as ReferentialAction
}

function neutralCheck(check: CheckDef): CheckSpec | undefined {
  if (typeof check.expression !== 'string') return undefined
  return { name: check.name, expression: check.expression }
}

/**
 * The check that stands for an enum column: `kind in ('a', 'b')`.
 *
 * @example
 * enumCheck('post', { name: 'status', enumItems: ['draft', 'live'], ... }) // => { name: 'post_status_check', expression: "status in ('draft', 'live')" }
 */
export function enumCheck(table: string, column: Column, name?: string): CheckSpec | undefined {
  const items = column.enumItems
  if (column.mappedType?.constructor?.name !== 'EnumType' || !items || items.length === 0) return undefined
  return { name: name ?? enumCheckName(table, column.name), expression: enumExpression(column.name, items) }
}

/**
 * PostgreSQL's name for a column check, which MikroORM's enums get there.
 *
 * @example
 * enumCheckName('post', 'status') // => 'post_status_check'
 */
export function enumCheckName(table: string, column: string): string {
  return `${table}_${column}_check`
}

/**
 * The check expression of an enum column.
 *
 * @example
 * enumExpression('status', ['draft', "it's"]) // => "status in ('draft', 'it''s')"
 */
export function enumExpression(column: string, items: readonly string[]): string {
  return `${checkIdentifier(column)} in (${items.map((item) => `'${item.replaceAll("'", "''")}'`).join(', ')})`
}

// A check expression is written once for every dialect, and no quote character means an
// identifier on all three; plain lower-case names need none (MySQL reads "x" as a string).
const RESERVED = new Set([
  'all', 'and', 'as', 'asc', 'between', 'by', 'case', 'check', 'column', 'constraint', 'create', 'default', 'delete', 'desc',
  'distinct', 'drop', 'else', 'end', 'from', 'group', 'having', 'in', 'index', 'insert', 'into', 'is', 'join', 'key', 'like',
  'limit', 'not', 'null', 'on', 'or', 'order', 'primary', 'references', 'select', 'set', 'table', 'then', 'to', 'union',
  'unique', 'update', 'user', 'using', 'values', 'when', 'where', 'with',
])

function checkIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`
}

function dedupe(indexes: NamedIndex[]): NamedIndex[] {
  const seen = new Set<string>()
  return indexes.filter((index) => !seen.has(index.name) && seen.add(index.name))
}
