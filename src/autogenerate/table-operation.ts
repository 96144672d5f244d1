import { indexOptions, referentialActions } from '../operations/file-values.js'
import { isPortableDefaultName } from '../operations/names.js'
import type { OperationOf } from '../operations/operation.js'
import type { NamedIndex, NormalizedTable } from '../operations/table-model.js'
import type { ColumnSpec, CreateTableOptions, IndexSpec } from '../operations/types.js'

/**
 * A whole table as the arguments of `createTable` (or a `dropTable` that carries them for its
 * reverse), written as a person would: a single-column unique or foreign key with its default
 * name sits on its column, and default names are left out.
 *
 * @example
 * tableOperation('createTable', 'book', neutralTable(model.getTable('book'), reading))
 * // => { kind: 'createTable', table: 'book', columns: [..., { name: 'author_id', type: 'integer', references: { table: 'author', column: 'id' } }] }
 */
export function tableOperation<K extends 'createTable' | 'dropTable'>(kind: K, table: string, definition: NormalizedTable): OperationOf<K> {
  const singleUniques = definition.uniques.filter((unique) => unique.columns.length === 1 && isPortableDefaultName(unique.name, table, unique.columns, 'unique'))
  const singleKeys = definition.foreignKeys.filter((key) => key.columns.length === 1)
  const columns = definition.columns.map((column): ColumnSpec => {
    const value: { -readonly [P in keyof ColumnSpec]: ColumnSpec[P] } = { ...column }
    if (singleUniques.some((unique) => unique.columns[0] === column.name)) value.unique = true
    const key = singleKeys.find((candidate) => candidate.columns[0] === column.name)
    if (key) {
      value.references = {
        table: key.references.table,
        column: key.references.columns[0]!,
        ...(isPortableDefaultName(key.name, table, key.columns, 'foreign') ? {} : { name: key.name }),
        ...referentialActions(key),
      }
    }
    return value
  })
  const options: { -readonly [P in keyof CreateTableOptions]: CreateTableOptions[P] } = {}
  if (definition.primaryKey.length > 1) options.primaryKey = definition.primaryKey
  if (definition.indexes.length) options.indexes = definition.indexes.map((index) => indexValue(table, index, index.unique ? 'unique' : 'index'))
  const uniques = definition.uniques.filter((unique) => !singleUniques.includes(unique))
  if (uniques.length) options.uniques = uniques.map((unique) => indexValue(table, unique, 'unique'))
  const keys = definition.foreignKeys.filter((key) => !singleKeys.includes(key))
  if (keys.length) {
    options.foreignKeys = keys.map((key) => ({
      ...(isPortableDefaultName(key.name, table, key.columns, 'foreign') ? {} : { name: key.name }),
      columns: key.columns,
      references: key.references,
      ...referentialActions(key),
    }))
  }
  if (definition.checks.length) options.checks = definition.checks
  if (definition.comment !== undefined) options.comment = definition.comment
  return { kind, table, columns, ...(Object.keys(options).length ? { options } : {}) } as OperationOf<K>
}

function indexValue(table: string, index: NamedIndex, kind: 'index' | 'unique'): IndexSpec {
  return { ...(isPortableDefaultName(index.name, table, index.columns, kind) ? {} : { name: index.name }), columns: index.columns, ...indexOptions(index) }
}
