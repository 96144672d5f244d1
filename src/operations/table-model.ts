import { MigError } from '../errors.js'
import { columnTypeSql } from './column-sql.js'
import { columnForeignKey } from './constraint-sql.js'
import { defaultName } from './names.js'
import { mentionsColumn, renameColumnIn } from './sqlite-tokens.js'
import type { CheckSpec, ColumnSpec, ForeignKeySpec, IndexSpec, TableDefinition, UniqueSpec } from './types.js'

type Named<T extends { readonly name?: string }> = T & { readonly name: string }

/** An index with its name. */
export type NamedIndex = Named<IndexSpec>
/** A unique constraint with its name. */
export type NamedUnique = Named<UniqueSpec>
/** A foreign key with its name. */
export type NamedForeignKey = Named<ForeignKeySpec>

/**
 * A table in normal form: every index, key and constraint named and listed once, at table
 * level (a single-column primary key is also marked on its column). Autogenerate reads both
 * sides of a comparison into this form; `TableModel` is the same with what SQLite's copy needs.
 */
export interface NormalizedTable {
  readonly columns: readonly ColumnSpec[]
  /** Primary-key columns in key order. */
  readonly primaryKey: readonly string[]
  /** Plain and unique indexes that are not unique constraints. */
  readonly indexes: readonly NamedIndex[]
  readonly uniques: readonly NamedUnique[]
  readonly foreignKeys: readonly NamedForeignKey[]
  readonly checks: readonly CheckSpec[]
  readonly comment?: string | undefined
}

/** An index SQLite reports but a column list cannot describe (expression, partial, collated): kept as its SQL. */
export interface RawIndex {
  readonly name: string
  readonly sql: string
}

/** The table as it stands, before a batch: a definition plus what only reflection can see. */
export interface CurrentTable {
  readonly definition: TableDefinition
  /** Columns whose declared type is restated verbatim rather than mapped from a neutral type. */
  readonly verbatimTypes?: ReadonlySet<string>
  readonly rawIndexes?: readonly RawIndex[]
  /** `create trigger` statements on the table; `drop table` removes them, so they are made again. */
  readonly triggers?: readonly string[]
}

/** Where a column of the new table takes its rows from in the copy. */
export interface CopySource {
  /** The column of the old table. */
  readonly from: string
  /** Its SQLite affinity there, to tell whether a type change needs a cast. */
  readonly affinity: string
  /** SQLite affinity to cast to (`integer`, `real`, `text`, `blob`) after a type change. */
  readonly cast?: string
  /** SQL for the value that replaces NULL (a column made NOT NULL that has a default). */
  readonly fill?: string
}

/**
 * A table in one normal form, so that batch changes can be applied to it one by one: every
 * index and constraint named and listed once (column-level `primary`, `unique` and `references`
 * moved to the table level), and each new column's source in the old table.
 */
export interface TableModel {
  readonly table: string
  columns: ColumnSpec[]
  primaryKey: string[]
  indexes: NamedIndex[]
  uniques: NamedUnique[]
  foreignKeys: NamedForeignKey[]
  checks: CheckSpec[]
  /** Kept for autogenerate's paperwork; SQLite's copy has no comments. */
  comment: string | undefined
  rawIndexes: RawIndex[]
  readonly triggers: readonly string[]
  readonly verbatimTypes: Set<string>
  /** Keyed by the column's name in the new table; a new column has no entry. */
  readonly sources: Map<string, CopySource>
  /** The old table had an `autoincrement` column, whose sequence the copy carries over. */
  readonly hadAutoincrement: boolean
}

/**
 * Normalises a table definition into a model, before any change.
 *
 * @example
 * modelOf('user', { definition: { columns: [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'email', type: 'string', unique: true }] } })
 * // => { primaryKey: ['id'], uniques: [{ name: 'user_email_unique', columns: ['email'] }], sources: id → id, email → email, ... }
 */
export function modelOf(table: string, current: CurrentTable): TableModel {
  const definition = current.definition
  if (!definition || !Array.isArray(definition.columns) || definition.columns.length === 0) {
    throw new MigError('BAD_OPERATION', `batchAlterTable('${table}'): copyFrom must describe the table's columns ({ columns: [...] })`)
  }
  const columns = definition.columns.map(({ primary: _p, unique: _u, references: _r, ...column }) => column as ColumnSpec)
  const primaryKey = [...new Set([
    ...(definition.primaryKey ?? []),
    ...definition.columns.filter((column) => column.primary || column.autoincrement).map((column) => column.name),
  ])]
  const name = (columnsOf: readonly string[], kind: 'index' | 'unique' | 'foreign') => defaultName('sqlite', table, columnsOf, kind)
  const uniques = [
    ...definition.columns.filter((column) => column.unique).map((column): UniqueSpec => ({ columns: [column.name] })),
    ...(definition.uniques ?? []),
  ].map((unique) => ({ ...unique, name: unique.name ?? name(unique.columns, 'unique') }))
  const foreignKeys = [
    ...definition.columns.map(columnForeignKey).filter((fk): fk is ForeignKeySpec => fk !== undefined),
    ...(definition.foreignKeys ?? []),
  ].map((fk) => ({ ...fk, name: fk.name ?? name(fk.columns, 'foreign') }))
  const indexes = (definition.indexes ?? []).map((index) => ({
    ...index,
    name: index.name ?? name(index.columns, index.unique ? 'unique' : 'index'),
  }))
  const verbatimTypes = new Set(current.verbatimTypes ?? [])
  const typeOf = (column: ColumnSpec) => (verbatimTypes.has(column.name) ? column.type : columnTypeSql('sqlite', column))
  return {
    table,
    columns,
    primaryKey,
    indexes,
    uniques,
    foreignKeys,
    checks: [...(definition.checks ?? [])],
    comment: definition.comment,
    rawIndexes: [...(current.rawIndexes ?? [])],
    triggers: current.triggers ?? [],
    verbatimTypes,
    sources: new Map(columns.map((column) => [column.name, { from: column.name, affinity: sqliteAffinity(typeOf(column)) }])),
    hadAutoincrement: columns.some((column) => column.autoincrement),
  }
}

/**
 * The model back in normal form, as autogenerate reads tables: primary-key columns marked
 * `primary` (unless `autoincrement` says it), plain indexes without `unique: false`.
 *
 * @example
 * normalizedOf(applyChanges(modelOf('item', { definition: before }), changes)) // the table after the changes
 */
export function normalizedOf(model: TableModel): NormalizedTable {
  const columns = model.columns.map((column) =>
    model.primaryKey.includes(column.name) && !column.autoincrement ? { ...column, primary: true } : column,
  )
  const indexes = model.indexes.map(({ unique, ...index }) => (unique ? { ...index, unique } : index))
  const { primaryKey, uniques, foreignKeys, checks, comment } = model
  return { columns, primaryKey, indexes, uniques, foreignKeys, checks, ...(comment === undefined ? {} : { comment }) }
}

/**
 * The foreign key a column declares with `references`, named as `addColumn` names it.
 *
 * @example
 * namedColumnForeignKey('book', { name: 'author_id', type: 'integer', references: { table: 'author', column: 'id' } })
 * // => { name: 'book_author_id_foreign', columns: ['author_id'], references: { table: 'author', columns: ['id'] }, ... }
 */
export function namedColumnForeignKey(table: string, column: ColumnSpec): NamedForeignKey | undefined {
  const foreignKey = columnForeignKey(column)
  return foreignKey && { ...foreignKey, name: foreignKey.name ?? defaultName('sqlite', table, [column.name], 'foreign') }
}

/** A copy of the model that changes can be applied to without touching the original. */
export function cloneModel(model: TableModel): TableModel {
  return {
    ...model,
    columns: [...model.columns],
    primaryKey: [...model.primaryKey],
    indexes: [...model.indexes],
    uniques: [...model.uniques],
    foreignKeys: [...model.foreignKeys],
    checks: [...model.checks],
    rawIndexes: [...model.rawIndexes],
    verbatimTypes: new Set(model.verbatimTypes),
    sources: new Map(model.sources),
  }
}

/**
 * What keeps SQLite from dropping a column in place: the key, an index, a unique, foreign-key
 * or check constraint that uses it. Undefined when nothing does.
 *
 * @example
 * columnUse(model, 'author_id') // => "foreign key 'book_author_id_foreign'"
 */
export function columnUse(model: TableModel, column: string): string | undefined {
  if (model.primaryKey.includes(column)) return 'the primary key'
  const index = [...model.indexes, ...model.uniques].find((entry) => entry.columns.includes(column))
  if (index) return `index '${index.name}'`
  const foreignKey = model.foreignKeys.find((fk) => fk.columns.includes(column))
  if (foreignKey) return `foreign key '${foreignKey.name}'`
  const check = model.checks.find((entry) => mentionsColumn(entry.expression, column))
  if (check) return `check '${check.name}'`
  const raw = model.rawIndexes.find((entry) => mentionsColumn(entry.sql.slice(entry.sql.indexOf('(')), column))
  return raw ? `index '${raw.name}'` : undefined
}

/**
 * The SQLite type a column is declared with in the rebuilt table.
 *
 * @example
 * sqliteTypeOf(model, { name: 'ok', type: 'boolean' }) // => 'integer' (or the declared type, if read back)
 */
export function sqliteTypeOf(model: TableModel, column: ColumnSpec): string {
  return model.verbatimTypes.has(column.name) ? column.type : columnTypeSql('sqlite', column)
}

/**
 * SQLite's type affinity for a declared type (the rules of "Datatypes In SQLite", §3.1).
 *
 * @example
 * sqliteAffinity('varchar(20)') // => 'text'
 * sqliteAffinity('datetime')    // => 'numeric'
 */
export function sqliteAffinity(type: string): 'integer' | 'text' | 'blob' | 'real' | 'numeric' {
  const upper = type.toUpperCase()
  if (upper.includes('INT')) return 'integer'
  if (upper.includes('CHAR') || upper.includes('CLOB') || upper.includes('TEXT')) return 'text'
  if (upper.includes('BLOB') || upper.trim() === '') return 'blob'
  if (upper.includes('REAL') || upper.includes('FLOA') || upper.includes('DOUB')) return 'real'
  return 'numeric'
}

/**
 * Renames a column of the model, and every key, index, constraint and copy source that uses it.
 *
 * @example
 * renameModelColumn(model, 'mail', 'email', fail)
 */
export function renameModelColumn(model: TableModel, from: string, to: string, fail: (problem: string) => void): void {
  if (typeof to !== 'string' || to === '') fail('the new column name must be a non-empty string')
  if (model.columns.some((column) => column.name === to)) fail(`table '${model.table}' already has column '${to}'`)
  const swap = (name: string) => (name === from ? to : name)
  model.columns = model.columns.map((column) => (column.name === from ? { ...column, name: to } : column))
  model.primaryKey = model.primaryKey.map(swap)
  model.indexes = model.indexes.map((index) => ({ ...index, columns: index.columns.map(swap) }))
  model.uniques = model.uniques.map((unique) => ({ ...unique, columns: unique.columns.map(swap) }))
  model.foreignKeys = model.foreignKeys.map((fk) => ({
    ...fk,
    columns: fk.columns.map(swap),
    // A key that points at its own table follows the rename on the other side too.
    references: fk.references.table === model.table ? { ...fk.references, columns: fk.references.columns.map(swap) } : fk.references,
  }))
  model.checks = model.checks.map((check) => ({ ...check, expression: renameColumnIn(check.expression, from, to) }))
  model.rawIndexes = model.rawIndexes.map((index) => ({ ...index, sql: renameColumnIn(index.sql, from, to, index.sql.indexOf('(')) }))
  if (model.verbatimTypes.delete(from)) model.verbatimTypes.add(to)
  const source = model.sources.get(from)
  model.sources.delete(from)
  if (source) model.sources.set(to, source)
}
