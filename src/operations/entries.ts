import { changeEntry, isTableChangeKind } from './change-entries.js'
import type { OperationEntry, TableOperationEntry } from './entry.js'
import { validateConstraint } from './kinds/constraints.js'
import { createTable } from './kinds/create-table.js'
import { batchAlterTable, bulkInsert, dropTable, execute, renameTable } from './kinds/tables.js'
import type { Operation, OperationKind, TableChange } from './operation.js'

type TableLevelKind = Exclude<OperationKind, TableChange['kind']>

/** The operations that are not a change inside one table (the compiler checks none is missing). */
export const TABLE_OPERATIONS: { readonly [K in TableLevelKind]: TableOperationEntry<K> } = {
  execute, createTable, dropTable, renameTable, bulkInsert, batchAlterTable, validateConstraint,
}

/**
 * The entry of any kind of operation, typed for any operation (each entry only ever receives
 * its own kind).
 *
 * @example
 * entryOf('dropTable').params // => ['table']
 */
export function entryOf(kind: OperationKind): OperationEntry<OperationKind> {
  if (isTableChangeKind(kind)) return changeEntry(kind) as unknown as OperationEntry<OperationKind>
  return TABLE_OPERATIONS[kind] as unknown as OperationEntry<OperationKind>
}

/**
 * The operation that undoes `op`, as Alembic's `reverse()`. A drop can be undone only when it
 * carries what it drops (autogenerate's do); raw SQL, inserted rows and batches cannot.
 *
 * @example
 * reverseOperation({ kind: 'dropColumn', table: 'user', column: 'age', existing: { name: 'age', type: 'integer' } })
 * // => { kind: 'addColumn', table: 'user', column: { name: 'age', type: 'integer' } }
 */
export function reverseOperation(op: Operation): Operation {
  return entryOf(op.kind).reverse(op)
}
