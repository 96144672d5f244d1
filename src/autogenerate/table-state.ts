import { foreignKeyFields } from '../operations/foreign-keys.js'
import type { Operation, TableOperation } from '../operations/operation.js'
import { splitTableOperation } from '../operations/operation-sql.js'
import { applyChanges } from '../operations/table-model-changes.js'
import { modelOf, normalizedOf, type NamedForeignKey, type NormalizedTable } from '../operations/table-model.js'

/**
 * The table after some operations of one table, worked out on paper with the table model the
 * operations themselves use: a batch's downgrade needs the table as the upgrade left it (its
 * `copyFrom`), which is not the model when filters or `compareType` held changes back.
 *
 * @example
 * applyOps(before, [{ kind: 'addColumn', table: 'user', column: { name: 'email', type: 'string' } }]).columns.length
 */
export function applyOps(table: NormalizedTable, ops: readonly Operation[]): NormalizedTable {
  const changes = ops.map((op) => splitTableOperation(op as TableOperation))
  const name = changes.find((change) => change.table !== undefined)?.table ?? ''
  // Unchecked: the operations follow what the database holds, as MikroORM reported it.
  return normalizedOf(applyChanges(modelOf(name, { definition: table }), changes.map(({ change }) => change), false))
}

/** A foreign key of the table as the operation that creates or drops it. */
export function foreignKeyOperation(kind: 'createForeignKey' | 'dropForeignKey', table: string, key: NamedForeignKey): Operation {
  return { kind, table, ...foreignKeyFields(key) }
}
