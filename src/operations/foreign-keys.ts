import type { ForeignKeyFields } from './operation.js'
import type { ForeignKeySpec } from './types.js'

/**
 * The table-level spec of a foreign key given as `createForeignKey`'s arguments.
 *
 * @example
 * foreignKeyOf({ name: 'book_author_id_foreign', columns: ['author_id'], referencedTable: 'author', referencedColumns: ['id'] })
 * // => { name: 'book_author_id_foreign', columns: ['author_id'], references: { table: 'author', columns: ['id'] } }
 */
export function foreignKeyOf(fields: ForeignKeyFields & { readonly name: string }): ForeignKeySpec & { readonly name: string } {
  return {
    name: fields.name,
    columns: fields.columns,
    references: { table: fields.referencedTable, columns: fields.referencedColumns },
    onDelete: fields.onDelete,
    onUpdate: fields.onUpdate,
  }
}

/**
 * A table-level foreign key as `createForeignKey`'s arguments (the reverse of `foreignKeyOf`).
 *
 * @example
 * foreignKeyFields({ name: 'k', columns: ['author_id'], references: { table: 'author', columns: ['id'] } })
 * // => { name: 'k', columns: ['author_id'], referencedTable: 'author', referencedColumns: ['id'] }
 */
export function foreignKeyFields(key: ForeignKeySpec & { readonly name: string }): ForeignKeyFields & { readonly name: string } {
  return {
    name: key.name,
    columns: key.columns,
    referencedTable: key.references.table,
    referencedColumns: key.references.columns,
    onDelete: key.onDelete,
    onUpdate: key.onUpdate,
  }
}
