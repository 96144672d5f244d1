import type { Column, IndexDef, TableDifference } from '@mikro-orm/knex'
import { columnTypeSql } from '../operations/column-sql.js'
import type { ColumnSpec, Dialect } from '../operations/types.js'
import type { RenameHint } from './corrections/index.js'
import { message, type DetectedChange } from './messages.js'
import { enumCheck, neutralForeignKey, neutralIndex, neutralTable, type TableReading } from './neutral-table.js'
import type { AlterChanges, CheckSpec, PlannedOp, SchemaOp, TableDefinition } from './types.js'

/** Both sides of the comparison, read as neutral tables. */
export interface Readings {
  readonly live: TableReading
  readonly target: TableReading
}

export interface TableChanges {
  readonly before: TableDefinition
  readonly ops: PlannedOp[]
  readonly changes: DetectedChange[]
}

// The order operations run in inside one table: what depends on an object is dropped before it,
// and created after it (a foreign key needs its index and columns; a check needs its column).
const PHASES = ['dropForeignKey', 'dropCheck', 'dropIndex', 'addColumn', 'alterColumn', 'dropColumn', 'createIndex', 'createCheck', 'createForeignKey'] as const
type Phase = (typeof PHASES)[number]

/**
 * The operations and messages for one existing table whose model changed.
 *
 * @example
 * const { ops, changes } = tableChanges(diff.changedTables.user, readings, [], true)
 * changes[0].message // "Detected added column 'user.email'"
 */
export function tableChanges(difference: TableDifference, readings: Readings, renames: readonly RenameHint[], batch: boolean): TableChanges {
  const table = difference.name
  const dialect = readings.live.dialect
  const before = neutralTable(difference.fromTable, readings.live)
  const model = neutralTable(difference.toTable, readings.target)
  const phases = Object.fromEntries(PHASES.map((phase) => [phase, [] as PlannedOp[]])) as Record<Phase, PlannedOp[]>
  const changes: DetectedChange[] = []
  const add = (phase: Phase, op: SchemaOp, change?: DetectedChange, notes: string[] = []) => {
    phases[phase].push({ op, notes })
    if (change) changes.push(change)
  }
  const change = (kind: string, text: string, column?: string, destructive = false): DetectedChange =>
    column === undefined ? { kind, table, message: text, destructive } : { kind, table, column, message: text, destructive }
  const liveColumn = (name: string) => before.columns.find((column) => column.name === name)!
  const modelColumn = (name: string) => model.columns.find((column) => column.name === name)!

  // Foreign keys: a changed key is dropped and created again.
  const fromKeys = difference.fromTable.getForeignKeys()
  for (const [name, key] of Object.entries({ ...difference.removedForeignKeys, ...difference.changedForeignKeys })) {
    const old = neutralForeignKey(fromKeys[name] ?? key)
    add('dropForeignKey', { kind: 'dropForeignKey', table, foreignKey: old },
      change('remove_fk', message.removeForeignKey(table, old.columns, old.references.table, old.references.columns)))
  }
  const inline = new Map<string, ReturnType<typeof neutralForeignKey>>()
  for (const key of Object.values({ ...difference.addedForeignKeys, ...difference.changedForeignKeys })) {
    const foreignKey = neutralForeignKey(key)
    const text = message.addForeignKey(table, foreignKey.columns, foreignKey.references.table, foreignKey.references.columns)
    // A key on a new single column goes into its addColumn: SQLite can add that without a rebuild.
    if (foreignKey.columns.length === 1 && difference.addedColumns[foreignKey.columns[0]!] && !difference.changedForeignKeys[key.constraintName]) {
      inline.set(foreignKey.columns[0]!, foreignKey)
      changes.push(change('add_fk', text))
    } else {
      add('createForeignKey', { kind: 'createForeignKey', table, foreignKey }, change('add_fk', text))
    }
  }

  // Check constraints, and the checks that stand for enum columns.
  for (const [name, check] of Object.entries({ ...difference.removedChecks, ...difference.changedChecks })) {
    const old = difference.fromTable.getCheck(name) ?? check
    if (typeof old.expression !== 'string') continue
    add('dropCheck', { kind: 'dropCheck', table, check: { name, expression: old.expression } }, change('remove_check', message.removeCheck(name, table)))
  }
  for (const check of Object.values({ ...difference.addedChecks, ...difference.changedChecks })) {
    if (typeof check.expression !== 'string') continue
    add('createCheck', { kind: 'createCheck', table, check: { name: check.name, expression: check.expression } },
      change('add_check', message.addCheck(check.name, table)))
  }
  for (const column of difference.toTable.getColumns()) {
    const from = difference.fromTable.getColumn(column.name)
    if (!from || difference.addedColumns[column.name]) continue
    if (sameItems(enumItems(from), enumItems(column))) continue
    const old = liveEnumCheck(table, from, readings.live)
    const now = enumCheck(table, column)
    if (old) add('dropCheck', { kind: 'dropCheck', table, check: old })
    if (now) add('createCheck', { kind: 'createCheck', table, check: now })
    changes.push(change('modify_enum', message.enum(table, column.name, from.enumItems ?? [], column.enumItems ?? []), column.name))
  }

  // Indexes and unique constraints (a changed or renamed one is dropped and created again).
  const dropIndex = (index: IndexDef) => {
    if (index.primary) return
    if (index.unique && index.constraint) {
      add('dropIndex', { kind: 'dropUnique', table, unique: neutralIndex(index) }, change('remove_unique', message.removeUnique(index.keyName, table)))
    } else {
      add('dropIndex', { kind: 'dropIndex', table, index: neutralIndex(index) }, change('remove_index', message.removeIndex(index.keyName, table)))
    }
  }
  const createIndex = (index: IndexDef) => {
    if (index.primary) return
    const spec = neutralIndex(index)
    if (index.expression) {
      changes.push(change('add_index', `${message.addIndex(index.keyName, table, index.columnNames, index.unique)} (expression index: not generated, write it by hand)`))
    } else if (index.unique && index.constraint) {
      add('createIndex', { kind: 'createUnique', table, unique: { name: spec.name, columns: spec.columns } },
        change('add_unique', message.addUnique(index.keyName, table, index.columnNames)))
    } else {
      add('createIndex', { kind: 'createIndex', table, index: spec }, change('add_index', message.addIndex(index.keyName, table, index.columnNames, index.unique)))
    }
  }
  for (const index of Object.values(difference.removedIndexes)) dropIndex(index)
  for (const [name, index] of Object.entries(difference.changedIndexes)) {
    dropIndex(difference.fromTable.getIndex(name) ?? index)
    createIndex(index)
  }
  for (const [name, index] of Object.entries(difference.renamedIndexes)) {
    const old = difference.fromTable.getIndex(name)
    if (old) dropIndex(old)
    createIndex(index)
  }
  for (const index of Object.values(difference.addedIndexes)) createIndex(index)

  // Columns.
  for (const name of Object.keys(difference.addedColumns)) {
    const key = inline.get(name)
    const spec: ColumnSpec = key
      ? { ...modelColumn(name), references: { table: key.references.table, column: key.references.columns[0]!, name: key.name, ...actions(key) } }
      : modelColumn(name)
    const notes = spec.nullable === false && spec.default === undefined && spec.defaultRaw === undefined
      ? [`'${table}.${name}' is NOT NULL without a default: the upgrade fails if '${table}' has rows (add a default, or add it nullable, backfill, then alter)`]
      : []
    add('addColumn', { kind: 'addColumn', table, column: spec }, change('add_column', message.addColumn(table, name), name), notes)
    const check = enumCheck(table, difference.addedColumns[name]!)
    if (check) add('createCheck', { kind: 'createCheck', table, check })
  }
  for (const [name, column] of Object.entries(difference.removedColumns)) {
    const old = liveEnumCheck(table, column, readings.live)
    if (old) add('dropCheck', { kind: 'dropCheck', table, check: old })
    const rename = renames.find((hint) => hint.table === table && hint.from === name)
    const notes = [`destructive — drops column '${table}.${name}' and its data`]
    if (rename) {
      const call = batch ? `batch.renameColumn('${name}', '${rename.to}')` : `op.renameColumn('${table}', '${name}', '${rename.to}')`
      notes.push(`'${table}.${name}' and the added '${table}.${rename.to}' have the same definition. If this is a rename, replace this dropColumn and that addColumn with: await ${call}`)
    }
    add('dropColumn', { kind: 'dropColumn', table, column: liveColumn(name) }, change('remove_column', message.removeColumn(table, name), name, true), notes)
  }
  for (const [name, changed] of Object.entries(difference.changedColumns)) {
    const altered = alterColumn(table, name, [...changed.changedProperties], liveColumn(name), modelColumn(name), dialect)
    if (altered.op) add('alterColumn', altered.op, undefined, altered.notes)
    changes.push(...altered.changes)
  }
  if (difference.changedComment !== undefined) changes.push(change('modify_table_comment', message.tableComment(table)))

  return { before, ops: PHASES.flatMap((phase) => phases[phase]), changes }
}

/**
 * The `alterColumn` for one changed column (none when only unsupported properties changed),
 * with its messages. `previous` holds the old value of every changed key, for the downgrade.
 */
function alterColumn(table: string, name: string, properties: string[], from: ColumnSpec, to: ColumnSpec, dialect: Dialect) {
  const changes: Record<string, unknown> = {}
  const previous: Record<string, unknown> = {}
  const reports: DetectedChange[] = []
  const notes: string[] = []
  const report = (kind: string, text: string, destructive = false) => reports.push({ kind, table, column: name, message: text, destructive })
  if (properties.includes('type') && !sameType(from, to)) {
    for (const key of ['type', 'length', 'precision', 'scale'] as const) {
      if (to[key] !== undefined) changes[key] = to[key]
      if (from[key] !== undefined) previous[key] = from[key]
    }
    const fromSql = columnTypeSql(dialect, from)
    const toSql = columnTypeSql(dialect, to)
    const destructive = isNarrowing(from, to)
    if (destructive) notes.push(`destructive — '${table}.${name}' changes from ${fromSql} to ${toSql}: values that do not fit are cut, or the upgrade fails`)
    report('modify_type', message.type(table, name, fromSql, toSql), destructive)
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
  for (const property of properties) {
    if (['autoincrement', 'unsigned', 'extra', 'generated'].includes(property)) report(`modify_${property}`, message.unsupported(table, name, property))
  }
  const op: SchemaOp | undefined = Object.keys(changes).length === 0
    ? undefined
    : { kind: 'alterColumn', table, column: name, changes: changes as AlterChanges, previous: previous as AlterChanges, existing: from }
  return { op, notes, changes: reports }
}

function defaultChange(column: ColumnSpec): AlterChanges {
  if (column.defaultRaw !== undefined) return { defaultRaw: column.defaultRaw }
  return { default: column.default === undefined ? null : column.default }
}

function actions(key: { onDelete?: string | undefined; onUpdate?: string | undefined }) {
  return { ...(key.onDelete ? { onDelete: key.onDelete } : {}), ...(key.onUpdate ? { onUpdate: key.onUpdate } : {}) } as Pick<
    NonNullable<ColumnSpec['references']>, 'onDelete' | 'onUpdate'>
}

/** The live check behind an enum column, unless MySQL keeps it as a native `enum(...)` type. */
function liveEnumCheck(table: string, column: Column, reading: TableReading): CheckSpec | undefined {
  if (isNativeEnum(column)) return undefined
  return enumCheck(table, column, reading.enumCheckNames?.get(`${table}.${column.name}`))
}

function enumItems(column: Column): readonly string[] | undefined {
  return column.mappedType?.constructor?.name === 'EnumType' && column.enumItems?.length ? column.enumItems : undefined
}

function sameItems(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join('\0') === (b ?? []).join('\0') && (a === undefined) === (b === undefined)
}

function isNativeEnum(column: Column): boolean {
  return /^enum\s*\(/i.test(column.type)
}

function sameType(a: ColumnSpec, b: ColumnSpec): boolean {
  return a.type === b.type && a.length === b.length && a.precision === b.precision && a.scale === b.scale
}

const WIDER: Record<string, number> = { smallint: 1, integer: 2, bigint: 3, float: 1, double: 2 }

/** True when some values of the old type may not fit the new one. */
export function isNarrowing(from: ColumnSpec, to: ColumnSpec): boolean {
  if (to.type === 'text') return false
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
