import { addIndexSql, dropIndexSql } from '../alter-sql.js'
import { createUniqueSql, dropUniqueSql } from '../constraint-change-sql.js'
import type { ChangeOf, ModelEdit, TableChangeEntry } from '../entry.js'
import { indexOptions } from '../file-values.js'
import { validateIndexType } from '../fulltext-index-sql.js'
import { onlineIndexSql, validateOnlineIndex } from '../online-sql.js'
import type { TableModel } from '../table-model.js'
import { requireColumnList } from '../validate.js'
import { notReversible } from './columns.js'

// On SQLite a unique constraint is a unique index, so either drop removes either.
function dropAnyIndex(model: TableModel, { name }: ChangeOf<'dropIndex' | 'dropUnique'>, edit: ModelEdit): void {
  if (!edit.remove(model.indexes, name) && !edit.remove(model.uniques, name) && !edit.remove(model.rawIndexes, name)) {
    edit.fail(`table '${model.table}' has no index named '${name}' (it has ${edit.names([...model.indexes, ...model.uniques, ...model.rawIndexes])})`)
  }
}

export const createIndex: TableChangeEntry<'createIndex'> = {
  params: ['name', 'table', 'columns', { options: ['unique', 'type', 'concurrently', 'algorithm', 'lock'] }],
  normalize: (op) => ({ ...op, columns: typeof op.columns === 'string' ? [op.columns] : op.columns }),
  // The online options come after `unique`/`type`, in the order the call lists them.
  shown: ({ concurrently, algorithm, lock, ...op }) => ({ ...op, unique: undefined, type: undefined, ...indexOptions(op), concurrently, algorithm, lock }),
  sql: (dialect, table, change) =>
    addIndexSql(dialect, change.name, table, change.columns, change.unique === true, change.type).map((statement) => onlineIndexSql(dialect, statement, change)),
  validate: (where, change) => {
    validateIndexType(where, change.type, change.unique)
    validateOnlineIndex(where, change)
    requireColumnList(where, 'columns', change.columns)
  },
  apply: (model, change, edit) => {
    edit.requireFreeName(change.name)
    change.columns.forEach(edit.requireColumn)
    model.indexes.push({ name: change.name, columns: [...change.columns], unique: change.unique === true, ...(change.type ? { type: change.type } : {}) })
  },
  reverse: (op) => ({ ...op, kind: 'dropIndex' }),
}

export const dropIndex: TableChangeEntry<'dropIndex'> = {
  params: ['name', 'table', { options: ['concurrently', 'algorithm', 'lock'] }],
  // MySQL/MariaDB need the table; the others take `drop index` without one (so `tableChangeSql`
  // comes straight here, and the options are checked here).
  sql: (dialect, table, change) => {
    validateOnlineIndex(`op.dropIndex('${change.name}')`, change)
    return dropIndexSql(dialect, change.name, table as string | undefined).map((statement) => onlineIndexSql(dialect, statement, change))
  },
  apply: dropAnyIndex,
  reverse: (op) => ({ ...op, kind: 'createIndex', table: op.table ?? notReversible(op, 'table'), columns: op.columns ?? notReversible(op, 'columns') }),
}

export const createUnique: TableChangeEntry<'createUnique'> = {
  params: ['name', 'table', 'columns'],
  sql: (dialect, table, change) => createUniqueSql(dialect, change.name, table, change.columns),
  validate: (where, change) => requireColumnList(where, 'columns', change.columns),
  apply: (model, change, edit) => {
    edit.requireFreeName(change.name)
    change.columns.forEach(edit.requireColumn)
    model.uniques.push({ name: change.name, columns: [...change.columns] })
  },
  reverse: (op) => ({ ...op, kind: 'dropUnique' }),
}

export const dropUnique: TableChangeEntry<'dropUnique'> = {
  params: ['name', 'table'],
  sql: (dialect, table, change) => dropUniqueSql(dialect, change.name, table),
  apply: dropAnyIndex,
  reverse: (op) => ({ ...op, kind: 'createUnique', columns: op.columns ?? notReversible(op, 'columns') }),
}
