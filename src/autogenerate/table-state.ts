import { applyColumnChanges } from '../operations/column-changes.js'
import { defaultName } from '../operations/names.js'
import type { ColumnChanges, ColumnSpec } from '../operations/types.js'
import type { AlterChanges, NamedForeignKey, SchemaOp, TableDefinition } from './types.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The table after some operations, worked out on paper: a batch's downgrade needs the table as
 * the upgrade left it (its `copyFrom`), which is not the model when filters or `compareType`
 * held changes back.
 *
 * @example
 * applyOps(before, [{ kind: 'addColumn', table: 'user', column: { name: 'email', type: 'string' } }]).columns.length
 */
export function applyOps(table: TableDefinition, ops: readonly SchemaOp[]): TableDefinition {
  return ops.reduce(applyOp, table)
}

function applyOp(table: TableDefinition, op: SchemaOp): TableDefinition {
  const next: Mutable<TableDefinition> = { ...table }
  switch (op.kind) {
    case 'addColumn': {
      const { references, ...column } = op.column
      next.columns = [...table.columns, column]
      if (references) next.foreignKeys = [...table.foreignKeys, inlineForeignKey(op.table, column.name, references)]
      break
    }
    case 'dropColumn': {
      const gone = (columns: readonly string[]) => columns.includes(op.column.name)
      next.columns = table.columns.filter((column) => column.name !== op.column.name)
      next.indexes = table.indexes.filter((index) => !gone(index.columns))
      next.uniques = table.uniques.filter((unique) => !gone(unique.columns))
      next.foreignKeys = table.foreignKeys.filter((foreignKey) => !gone(foreignKey.columns))
      break
    }
    case 'alterColumn':
      next.columns = table.columns.map((column) => (column.name === op.column ? alterColumn(column, op.changes) : column))
      break
    case 'createIndex':
      next.indexes = [...table.indexes, op.index]
      break
    case 'dropIndex':
      next.indexes = table.indexes.filter((index) => index.name !== op.index.name)
      break
    case 'createUnique':
      next.uniques = [...table.uniques, op.unique]
      break
    case 'dropUnique':
      next.uniques = table.uniques.filter((unique) => unique.name !== op.unique.name)
      break
    case 'createCheck':
      next.checks = [...table.checks, op.check]
      break
    case 'dropCheck':
      next.checks = table.checks.filter((check) => check.name !== op.check.name)
      break
    case 'createForeignKey':
      next.foreignKeys = [...table.foreignKeys, op.foreignKey]
      break
    case 'dropForeignKey':
      next.foreignKeys = table.foreignKeys.filter((foreignKey) => foreignKey.name !== op.foreignKey.name)
      break
    case 'createTableComment':
      next.comment = op.comment
      break
    case 'dropTableComment':
      next.comment = undefined
      break
    case 'createTable':
    case 'dropTable':
      break
  }
  return next
}

/**
 * The foreign key a column's `references` declares, named as `addColumn` names it.
 *
 * @example
 * inlineForeignKey('book', 'author_id', { table: 'author', column: 'id' })
 * // => { name: 'book_author_id_foreign', columns: ['author_id'], references: { table: 'author', columns: ['id'] } }
 */
export function inlineForeignKey(table: string, column: string, references: NonNullable<ColumnSpec['references']>): NamedForeignKey {
  const foreignKey: Mutable<NamedForeignKey> = {
    name: references.name ?? defaultName('sqlite', table, [column], 'foreign'),
    columns: [column],
    references: { table: references.table, columns: [references.column] },
  }
  if (references.onDelete) foreignKey.onDelete = references.onDelete
  if (references.onUpdate) foreignKey.onUpdate = references.onUpdate
  return foreignKey
}

/**
 * A column with `alterColumn`'s changes applied, exactly as the operations apply them.
 *
 * @example
 * alterColumn({ name: 'n', type: 'string', length: 20 }, { type: 'text' }) // => { name: 'n', type: 'text' }
 */
export function alterColumn(column: ColumnSpec, changes: AlterChanges): ColumnSpec {
  return applyColumnChanges(column, changes as ColumnChanges)
}

/**
 * The operation that undoes `op`.
 *
 * @example
 * reverseOp({ kind: 'dropColumn', table: 'user', column: { name: 'age', type: 'integer' } })
 * // => { kind: 'addColumn', table: 'user', column: { name: 'age', type: 'integer' } }
 */
export function reverseOp(op: SchemaOp): SchemaOp {
  switch (op.kind) {
    case 'createTable':
      return { kind: 'dropTable', table: op.table, definition: op.definition }
    case 'dropTable':
      return { kind: 'createTable', table: op.table, definition: op.definition }
    case 'addColumn':
      return { kind: 'dropColumn', table: op.table, column: op.column }
    case 'dropColumn':
      return { kind: 'addColumn', table: op.table, column: op.column }
    case 'alterColumn':
      return {
        kind: 'alterColumn',
        table: op.table,
        column: op.column,
        changes: op.previous,
        previous: op.changes,
        existing: alterColumn(op.existing, op.changes),
      }
    case 'createIndex':
      return { kind: 'dropIndex', table: op.table, index: op.index }
    case 'dropIndex':
      return { kind: 'createIndex', table: op.table, index: op.index }
    case 'createUnique':
      return { kind: 'dropUnique', table: op.table, unique: op.unique }
    case 'dropUnique':
      return { kind: 'createUnique', table: op.table, unique: op.unique }
    case 'createCheck':
      return { kind: 'dropCheck', table: op.table, check: op.check }
    case 'dropCheck':
      return { kind: 'createCheck', table: op.table, check: op.check }
    case 'createForeignKey':
      return { kind: 'dropForeignKey', table: op.table, foreignKey: op.foreignKey }
    case 'dropForeignKey':
      return { kind: 'createForeignKey', table: op.table, foreignKey: op.foreignKey }
    case 'createTableComment':
      // The comment the upgrade replaced comes back; a table that had none loses it again.
      return op.existingComment === undefined
        ? { kind: 'dropTableComment', table: op.table, existingComment: op.comment }
        : { kind: 'createTableComment', table: op.table, comment: op.existingComment, existingComment: op.comment }
    case 'dropTableComment':
      return { kind: 'createTableComment', table: op.table, comment: op.existingComment }
  }
}
