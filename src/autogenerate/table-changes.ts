import type { Column, IndexDef, TableDifference } from '@mikro-orm/knex'
import { isPortableDefaultName } from '../operations/names.js'
import type { Operation } from '../operations/operation.js'
import type { NormalizedTable } from '../operations/table-model.js'
import type { CheckSpec, ColumnSpec } from '../operations/types.js'
import { alterColumnChange } from './alter-column.js'
import type { RenameHint } from './corrections/index.js'
import { message, type DetectedChange } from './messages.js'
import { enumCheck, neutralForeignKey, neutralIndex, neutralTable, type TableReading } from './neutral-table.js'
import { PHASES, type Phase } from './phases.js'
import { referentialActions } from '../operations/file-values.js'
import { tableCommentChange } from './table-comment.js'
import { foreignKeyOperation } from './table-state.js'
import type { PlannedOp } from './types.js'

/** Both sides of the comparison, read as neutral tables. */
export interface Readings {
  readonly live: TableReading
  readonly target: TableReading
}

export interface TableChanges {
  readonly before: NormalizedTable
  readonly ops: PlannedOp[]
  readonly changes: DetectedChange[]
}

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
  const model = neutralTable(difference.toTable, readings.target)
  const before = withModelTypes(neutralTable(difference.fromTable, readings.live), model, difference)
  const phases = Object.fromEntries(PHASES.map((phase) => [phase, [] as PlannedOp[]])) as Record<Phase, PlannedOp[]>
  const changes: DetectedChange[] = []
  const add = (phase: Phase, op: Operation, change?: DetectedChange, notes: string[] = []) => {
    phases[phase].push({ op, notes })
    if (change) changes.push(change)
  }
  const change = (kind: string, text: string, column?: string, destructive = false): DetectedChange =>
    column === undefined ? { kind, table, message: text, destructive } : { kind, table, column, message: text, destructive }
  const liveColumn = (name: string) => before.columns.find((column) => column.name === name)!
  const modelColumn = (name: string) => model.columns.find((column) => column.name === name)!

  // Foreign keys: a changed key is dropped and created again.
  const fromKeys = difference.fromTable.getForeignKeys()
  for (const [name, key] of sorted({ ...difference.removedForeignKeys, ...difference.changedForeignKeys })) {
    const old = neutralForeignKey(fromKeys[name] ?? key)
    add('dropForeignKey', foreignKeyOperation('dropForeignKey', table, old),
      change('remove_fk', message.removeForeignKey(table, old.columns, old.references.table, old.references.columns)))
  }
  const inline = new Map<string, ReturnType<typeof neutralForeignKey>>()
  for (const [, key] of sorted({ ...difference.addedForeignKeys, ...difference.changedForeignKeys })) {
    const foreignKey = neutralForeignKey(key, true)
    const text = message.addForeignKey(table, foreignKey.columns, foreignKey.references.table, foreignKey.references.columns)
    // A key on a new single column goes into its addColumn: SQLite can add that without a rebuild.
    if (foreignKey.columns.length === 1 && difference.addedColumns[foreignKey.columns[0]!] && !difference.changedForeignKeys[key.constraintName]) {
      inline.set(foreignKey.columns[0]!, foreignKey)
      changes.push(change('add_fk', text))
    } else {
      add('createForeignKey', foreignKeyOperation('createForeignKey', table, foreignKey), change('add_fk', text))
    }
  }

  // Check constraints, and the checks that stand for enum columns.
  for (const [name, check] of sorted({ ...difference.removedChecks, ...difference.changedChecks })) {
    const old = difference.fromTable.getCheck(name) ?? check
    if (typeof old.expression !== 'string') continue
    add('dropCheck', { kind: 'dropCheck', table, name, expression: old.expression }, change('remove_check', message.removeCheck(name, table)))
  }
  for (const [, check] of sorted({ ...difference.addedChecks, ...difference.changedChecks })) {
    if (typeof check.expression !== 'string') continue
    add('createCheck', { kind: 'createCheck', table, name: check.name, expression: check.expression },
      change('add_check', message.addCheck(check.name, table)))
  }
  // An enum's own check goes with its column (alterColumn); one that older revisions wrote as a
  // constraint of its own is dropped when the column changes, as the model's enum never has one.
  for (const name of Object.keys(difference.changedColumns)) {
    const old = liveEnumCheck(table, difference.fromTable.getColumn(name), readings.live)
    if (old) add('dropCheck', { kind: 'dropCheck', table, ...old })
  }

  // Indexes and unique constraints (a changed or renamed one is dropped and created again).
  const dropIndex = (index: IndexDef) => {
    if (index.primary) return
    if (index.unique && index.constraint) {
      add('dropIndex', { kind: 'dropUnique', table, name: index.keyName, columns: index.columnNames }, change('remove_unique', message.removeUnique(index.keyName, table)))
    } else {
      add('dropIndex', { kind: 'dropIndex', table, ...neutralIndex(index) }, change('remove_index', message.removeIndex(index.keyName, table)))
    }
  }
  const createIndex = (index: IndexDef) => {
    if (index.primary) return
    const spec = neutralIndex(index)
    if (index.expression) {
      changes.push(change('add_index', `${message.addIndex(index.keyName, table, index.columnNames, index.unique)} (expression index: not generated, write it by hand)`))
    } else if (index.unique && index.constraint) {
      add('createIndex', { kind: 'createUnique', table, name: spec.name, columns: spec.columns },
        change('add_unique', message.addUnique(index.keyName, table, index.columnNames)))
    } else {
      add('createIndex', { kind: 'createIndex', table, ...spec }, change('add_index', message.addIndex(index.keyName, table, index.columnNames, index.unique)))
    }
  }
  for (const [, index] of sorted(difference.removedIndexes)) dropIndex(index)
  for (const [name, index] of sorted(difference.changedIndexes)) {
    dropIndex(difference.fromTable.getIndex(name) ?? index)
    createIndex(index)
  }
  for (const [name, index] of sorted(difference.renamedIndexes)) {
    const old = difference.fromTable.getIndex(name)
    if (old) dropIndex(old)
    createIndex(index)
  }
  for (const [, index] of sorted(difference.addedIndexes)) createIndex(index)

  // Columns.
  for (const name of Object.keys(difference.addedColumns)) {
    const key = inline.get(name)
    const spec: ColumnSpec = key
      ? { ...modelColumn(name), references: { table: key.references.table, column: key.references.columns[0]!, ...(isPortableDefaultName(key.name, table, [name], 'foreign') ? {} : { name: key.name }), ...referentialActions(key) } }
      : modelColumn(name)
    const notes = spec.nullable === false && spec.default === undefined && spec.defaultRaw === undefined
      ? [`'${table}.${name}' is NOT NULL without a default: the upgrade fails if '${table}' has rows (add a default, or add it nullable, backfill, then alter)`]
      : []
    add('addColumn', { kind: 'addColumn', table, column: spec }, change('add_column', message.addColumn(table, name), name), notes)
  }
  for (const [name, column] of Object.entries(difference.removedColumns)) {
    const old = liveEnumCheck(table, column, readings.live)
    if (old) add('dropCheck', { kind: 'dropCheck', table, ...old })
    const rename = renames.find((hint) => hint.table === table && hint.from === name)
    const notes = [`destructive — drops column '${table}.${name}' and its data`]
    if (rename) {
      const call = batch ? `batch.renameColumn('${name}', '${rename.to}')` : `op.renameColumn('${table}', '${name}', '${rename.to}')`
      notes.push(`'${table}.${name}' and the added '${table}.${rename.to}' have the same definition. If this is a rename, replace this dropColumn and that addColumn with: await ${call}`)
    }
    add('dropColumn', { kind: 'dropColumn', table, column: name, existing: liveColumn(name) }, change('remove_column', message.removeColumn(table, name), name, true), notes)
  }
  for (const [name, changed] of Object.entries(difference.changedColumns)) {
    const unsigned = { from: Boolean(changed.fromColumn.unsigned), to: Boolean(changed.column.unsigned) }
    const altered = alterColumnChange(table, name, [...changed.changedProperties], liveColumn(name), modelColumn(name), dialect, unsigned)
    if (altered.op) add('alterColumn', altered.op, undefined, altered.notes)
    changes.push(...altered.changes)
  }
  const comment = tableCommentChange(difference, before.comment)
  if (comment) add('tableComment', comment.op, comment.change)

  return { before, ops: PHASES.flatMap((phase) => phases[phase]), changes }
}

/**
 * The live table with the model's neutral type on every column whose type the comparison
 * found unchanged. The database only knows its own dialect's type (SQLite says `integer` for a
 * boolean, `text` for a `string(100)`), and `existing`/`copyFrom` written from that would
 * change the column's type when the revision runs on another dialect.
 */
function withModelTypes(live: NormalizedTable, model: NormalizedTable, difference: TableDifference): NormalizedTable {
  const columns = live.columns.map((column) => {
    const modelled = model.columns.find((candidate) => candidate.name === column.name)
    const changed = difference.changedColumns[column.name]?.changedProperties
    if (!modelled || changed?.has('type') || changed?.has('enumItems')) return column
    // A text column whose enum check is a constraint of its own is not the model's enum (which carries its check).
    if ((modelled.type === 'enum') !== (column.type === 'enum')) return column
    const { type, length, precision, scale } = modelled
    const { length: _length, precision: _precision, scale: _scale, ...rest } = column
    return { ...rest, type, ...(length === undefined ? {} : { length }), ...(precision === undefined ? {} : { precision }), ...(scale === undefined ? {} : { scale }) }
  })
  return { ...live, columns }
}

/** The live check behind an enum column, when it is a constraint of its own (see `enum-columns.ts`). */
function liveEnumCheck(table: string, column: Column | undefined, reading: TableReading): CheckSpec | undefined {
  const name = column && reading.enumCheckNames?.get(`${table}.${column.name}`)
  return name ? enumCheck(table, column, name) : undefined
}

/** Entries by name: introspection order differs between dialects, the revision should not. */
function sorted<T>(entries: Record<string, T>): [string, T][] {
  return Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
