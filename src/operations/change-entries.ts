import type { TableChangeEntry } from './entry.js'
import { addColumn, alterColumn, dropColumn, renameColumn } from './kinds/columns.js'
import { createTableComment, dropTableComment } from './kinds/comments.js'
import { createCheck, createForeignKey, dropCheck, dropForeignKey } from './kinds/constraints.js'
import { createIndex, createUnique, dropIndex, dropUnique } from './kinds/indexes.js'
import type { TableChange } from './operation.js'

/** Every change to one table, one entry per kind (the compiler checks none is missing). */
export const TABLE_CHANGES: { readonly [K in TableChange['kind']]: TableChangeEntry<K> } = {
  addColumn, dropColumn, alterColumn, renameColumn,
  createIndex, dropIndex, createUnique, dropUnique,
  createCheck, dropCheck, createForeignKey, dropForeignKey,
  createTableComment, dropTableComment,
}

/**
 * The entry of a change's kind, typed for any change (each entry only ever receives its own
 * kind, which the compiler cannot follow through a lookup).
 *
 * @example
 * changeEntry(change.kind).sql('postgresql', 'user', change)
 */
export function changeEntry(kind: TableChange['kind']): TableChangeEntry<TableChange['kind']> {
  return TABLE_CHANGES[kind] as unknown as TableChangeEntry<TableChange['kind']>
}

/**
 * True for the kinds that change one existing table (and so also run inside a batch).
 *
 * @example
 * isTableChangeKind('dropCheck') // => true
 */
export function isTableChangeKind(kind: string): kind is TableChange['kind'] {
  return Object.hasOwn(TABLE_CHANGES, kind)
}
