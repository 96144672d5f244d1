import { applyColumnChanges } from '../operations/column-changes.js'
import { foreignKeyFields, foreignKeyOf } from '../operations/foreign-keys.js'
import { defaultName } from '../operations/names.js'
import type { Operation } from '../operations/operation.js'
import type { NamedForeignKey, NormalizedTable } from '../operations/table-model.js'
import type { ColumnSpec } from '../operations/types.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The table after some operations, worked out on paper: a batch's downgrade needs the table as
 * the upgrade left it (its `copyFrom`), which is not the model when filters or `compareType`
 * held changes back.
 *
 * @example
 * applyOps(before, [{ kind: 'addColumn', table: 'user', column: { name: 'email', type: 'string' } }]).columns.length
 */
export function applyOps(table: NormalizedTable, ops: readonly Operation[]): NormalizedTable {
  return ops.reduce(applyOp, table)
}

function applyOp(table: NormalizedTable, op: Operation): NormalizedTable {
  const next: Mutable<NormalizedTable> = { ...table }
  switch (op.kind) {
    case 'addColumn': {
      const { references, ...column } = op.column
      next.columns = [...table.columns, column]
      if (references) next.foreignKeys = [...table.foreignKeys, inlineForeignKey(op.table, column.name, references)]
      break
    }
    case 'dropColumn': {
      const gone = (columns: readonly string[]) => columns.includes(op.column)
      next.columns = table.columns.filter((column) => column.name !== op.column)
      next.indexes = table.indexes.filter((index) => !gone(index.columns))
      next.uniques = table.uniques.filter((unique) => !gone(unique.columns))
      next.foreignKeys = table.foreignKeys.filter((foreignKey) => !gone(foreignKey.columns))
      break
    }
    case 'alterColumn':
      next.columns = table.columns.map((column) => (column.name === op.column ? applyColumnChanges(column, op.changes) : column))
      break
    case 'createIndex':
      next.indexes = [...table.indexes, indexOf(op)]
      break
    case 'dropIndex':
      next.indexes = table.indexes.filter((index) => index.name !== op.name)
      break
    case 'createUnique':
      next.uniques = [...table.uniques, { name: op.name, columns: op.columns }]
      break
    case 'dropUnique':
      next.uniques = table.uniques.filter((unique) => unique.name !== op.name)
      break
    case 'createCheck':
      next.checks = [...table.checks, { name: op.name, expression: op.expression }]
      break
    case 'dropCheck':
      next.checks = table.checks.filter((check) => check.name !== op.name)
      break
    case 'createForeignKey':
      next.foreignKeys = [...table.foreignKeys, withoutUndefined(foreignKeyOf(op))]
      break
    case 'dropForeignKey':
      next.foreignKeys = table.foreignKeys.filter((foreignKey) => foreignKey.name !== op.name)
      break
    case 'createTableComment':
      next.comment = op.comment
      break
    case 'dropTableComment':
      next.comment = undefined
      break
    default:
      break
  }
  return next
}

function indexOf(op: { name: string; columns: readonly string[]; unique?: boolean | undefined; type?: 'fulltext' | undefined }) {
  return withoutUndefined({ name: op.name, columns: op.columns, unique: op.unique, type: op.type })
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T
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

/** A foreign key of the table as the operation that creates or drops it. */
export function foreignKeyOperation(kind: 'createForeignKey' | 'dropForeignKey', table: string, key: NamedForeignKey): Operation {
  return { kind, table, ...foreignKeyFields(key) }
}
