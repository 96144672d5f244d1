import type { DatabaseTable } from '@mikro-orm/knex'
import type { Comparison } from './compare.js'
import { message, type DetectedChange } from './messages.js'
import { neutralForeignKey, neutralTable, shortTableName } from './neutral-table.js'
import { tableChanges, type Readings } from './table-changes.js'
import type { Operation } from '../operations/operation.js'
import type { NamedForeignKey, NormalizedTable } from '../operations/table-model.js'
import { tableOperation } from './table-operation.js'
import { applyOps, foreignKeyOperation } from './table-state.js'
import type { PlannedOp, PlanStep } from './types.js'

const INTEGER: ReadonlySet<string> = new Set(['integer', 'bigint', 'smallint'])

/** The revision's content: its steps in upgrade order, and what was detected. */
export interface Plan {
  readonly steps: readonly PlanStep[]
  readonly changes: readonly DetectedChange[]
}

/**
 * Turns the corrected difference into dialect-neutral operations, in an order that works on
 * every dialect: new tables (referenced ones first), then one batch per changed table, then
 * dropped tables (referencing ones first). Each operation knows its reverse; the renderer
 * writes the downgrade from them.
 *
 * @example
 * const plan = planOperations(comparison, readings, { batch: true })
 * plan.changes.map((change) => change.message) // ["Detected added table 'user'"]
 */
export function planOperations(comparison: Comparison, readings: Readings, options: { readonly batch: boolean }): Plan {
  const { diff, context } = comparison
  const steps: PlanStep[] = []
  const changes: DetectedChange[] = []

  // New tables. A foreign key to a new table that comes later (a cycle) is added afterwards.
  const created = new Set<string>()
  const deferred: { table: string; definition: NormalizedTable; keys: NamedForeignKey[] }[] = []
  const newTables = Object.keys(diff.newTables)
  for (const [name, table] of Object.entries(diff.newTables)) {
    const definition = neutralTable(table, readings.target)
    const later = definition.foreignKeys.filter((key) => key.references.table !== name && newTables.includes(key.references.table) && !created.has(key.references.table))
    // Without its key in createTable, MySQL would not know the column is a key column: say it
    // is unsigned like the key it will point at (ignored elsewhere), or the key cannot be added.
    const deferredColumns = new Set(later.flatMap((key) => key.columns))
    const columns = definition.columns.map((column) =>
      deferredColumns.has(column.name) && INTEGER.has(column.type) && column.unsigned === undefined ? { ...column, unsigned: true } : column,
    )
    const now = { ...definition, columns, foreignKeys: definition.foreignKeys.filter((key) => !later.includes(key)) }
    steps.push(single(tableOperation('createTable', name, now)))
    changes.push({ kind: 'add_table', table: name, message: message.addTable(name), destructive: false })
    created.add(name)
    if (later.length > 0) deferred.push({ table: name, definition: now, keys: later })
  }
  for (const { table, definition, keys } of deferred) {
    const ops = keys.map((foreignKey): PlannedOp => ({ op: foreignKeyOperation('createForeignKey', table, foreignKey), notes: [] }))
    steps.push({ kind: 'batch', table, ops, before: definition, after: applyOps(definition, ops.map((planned) => planned.op)) })
  }

  // Changed tables. Keys MikroORM left in orphanedForeignKeys (only when the correction that
  // files them under their tables is off) are dropped the way MikroORM does: blindly.
  const orphans = new Map<string, Operation[]>()
  for (const key of diff.orphanedForeignKeys) {
    const table = shortTableName(key.localTableName)
    orphans.set(table, [...(orphans.get(table) ?? []), foreignKeyOperation('dropForeignKey', table, neutralForeignKey(key))])
  }
  for (const difference of Object.values(diff.changedTables)) {
    const result = tableChanges(difference, readings, context.columnRenames, options.batch)
    const ops = [...(orphans.get(difference.name) ?? []).map((op): PlannedOp => ({ op, notes: [] })), ...result.ops]
    changes.push(...result.changes)
    if (ops.length === 0) continue
    steps.push({ kind: 'batch', table: difference.name, ops, before: result.before, after: applyOps(result.before, ops.map((planned) => planned.op)) })
  }

  // Dropped tables, referencing tables first.
  for (const [name, table] of dropOrder(diff.removedTables)) {
    const rename = context.tableRenames.find((hint) => hint.from === name)
    const notes = [`destructive — drops table '${name}' and all its rows`]
    if (rename) {
      notes.push(
        `'${name}' and the new table '${rename.to}' have the same columns. If '${name}' was renamed, replace ` +
          `createTable('${rename.to}') above and this dropTable with: await op.renameTable('${name}', '${rename.to}') (keeps the rows)`,
      )
    }
    steps.push(single(tableOperation('dropTable', name, neutralTable(table, readings.live)), notes))
    changes.push({ kind: 'remove_table', table: name, message: message.removeTable(name), destructive: true })
  }
  return { steps, changes }
}

function single(op: Operation, notes: string[] = []): PlanStep {
  return { kind: 'op', planned: { op, notes } }
}

/** Tables in an order where no table is dropped while another dropped table still refers to it. */
function dropOrder(tables: Record<string, DatabaseTable>): [string, DatabaseTable][] {
  const pending = new Map(Object.entries(tables))
  const ordered: [string, DatabaseTable][] = []
  while (pending.size > 0) {
    const referenced = new Set<string>()
    for (const [name, table] of pending) {
      for (const key of Object.values(table.getForeignKeys())) {
        const target = shortTableName(key.referencedTableName)
        if (target !== name) referenced.add(target)
      }
    }
    // A cycle leaves every table referenced: drop the rest in any order (all go in one step).
    const next = [...pending].filter(([name]) => !referenced.has(name))
    for (const entry of next.length > 0 ? next : [...pending]) {
      ordered.push(entry)
      pending.delete(entry[0])
    }
  }
  return ordered
}
