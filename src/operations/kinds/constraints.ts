import { MigError } from '../../errors.js'
import { createCheckSql, createForeignKeySql, dropCheckSql, dropForeignKeySql, validateCheck } from '../constraint-change-sql.js'
import type { ModelEdit, TableChangeEntry, TableOperationEntry } from '../entry.js'
import { referentialActions } from '../file-values.js'
import { foreignKeyOf } from '../foreign-keys.js'
import { notValidSql, validateConstraintSql } from '../online-sql.js'
import type { TableModel } from '../table-model.js'
import type { Dialect } from '../types.js'
import { requireColumnList, requireName } from '../validate.js'
import { notReversible } from './columns.js'

// SQLite cannot add or drop a check or a foreign key in place: those copy the table.
const copies = () => true

type Named = { readonly name: string }

/**
 * What the drops of a named check and of a named foreign key share: `op.dropX(name, table)`,
 * their SQL, the copy on SQLite, and removing the constraint from its list in the table model
 * (or saying which the table has). Each adds its own reverse.
 */
function dropConstraint(
  what: string,
  dropSql: (dialect: Dialect, name: string, table: string) => string[],
  listOf: (model: TableModel) => Named[],
) {
  return {
    params: ['name', 'table'],
    sql: (dialect: Dialect, table: string, change: Named) => dropSql(dialect, change.name, table),
    copiesOnSqlite: copies,
    apply: (model: TableModel, change: Named, edit: ModelEdit) => {
      if (!edit.remove(listOf(model), change.name)) {
        edit.fail(`table '${model.table}' has no ${what} named '${change.name}' (it has ${edit.names(listOf(model))})`)
      }
    },
  } satisfies Omit<TableChangeEntry<'dropCheck' | 'dropForeignKey'>, 'reverse'>
}

export const createCheck: TableChangeEntry<'createCheck'> = {
  params: ['name', 'table', 'expression', { options: ['notValid'] }],
  sql: (dialect, table, change) => createCheckSql(dialect, change.name, table, change.expression).map((statement) => notValidSql(dialect, statement, change.notValid)),
  validate: (where, change) => validateCheck(where, { name: change.name, expression: change.expression }),
  copiesOnSqlite: copies,
  apply: (model, change, edit) => {
    edit.requireFreeName(change.name)
    model.checks.push({ name: change.name, expression: change.expression })
  },
  reverse: (op) => ({ ...op, kind: 'dropCheck' }),
}

export const dropCheck: TableChangeEntry<'dropCheck'> = {
  ...dropConstraint('check', dropCheckSql, (model) => model.checks),
  reverse: (op) => ({ ...op, kind: 'createCheck', expression: op.expression ?? notReversible(op, 'expression') }),
}

export const createForeignKey: TableChangeEntry<'createForeignKey'> = {
  params: ['name', 'table', 'columns', 'referencedTable', 'referencedColumns', { options: ['onDelete', 'onUpdate', 'notValid'] }],
  shown: ({ notValid, ...op }) => ({ ...op, onDelete: undefined, onUpdate: undefined, ...referentialActions(op), notValid }),
  sql: (dialect, table, change) => createForeignKeySql(dialect, table, foreignKeyOf(change)).map((statement) => notValidSql(dialect, statement, change.notValid)),
  validate: (where, change) => {
    requireColumnList(where, 'columns', change.columns)
    requireName(where, 'referenced table', change.referencedTable)
    requireColumnList(where, 'referenced columns', change.referencedColumns)
    if (change.columns.length !== change.referencedColumns.length) {
      throw new MigError('BAD_OPERATION', `${where}: a foreign key needs as many referenced columns as columns`)
    }
  },
  copiesOnSqlite: copies,
  apply: (model, change, edit) => {
    edit.requireFreeName(change.name)
    change.columns.forEach(edit.requireColumn)
    model.foreignKeys.push(foreignKeyOf(change))
  },
  reverse: (op) => ({ ...op, kind: 'dropForeignKey' }),
}

export const dropForeignKey: TableChangeEntry<'dropForeignKey'> = {
  ...dropConstraint('foreign key', dropForeignKeySql, (model) => model.foreignKeys),
  reverse: (op) => {
    const { columns, referencedTable, referencedColumns } = op
    if (!columns || !referencedTable || !referencedColumns) return notReversible(op, 'key')
    return { ...op, kind: 'createForeignKey', columns, referencedTable, referencedColumns }
  },
}

export const validateConstraint: TableOperationEntry<'validateConstraint'> = {
  params: ['table', 'name'],
  sql: (dialect, op) => validateConstraintSql(dialect, op.table, op.name),
  // Validating changes no schema: the downgrade of the revision that added the constraint drops it.
  reverse: (op) => {
    throw new MigError('BAD_OPERATION', `validateConstraint('${op.table}', '${op.name}') cannot be reversed; it changes nothing a downgrade would undo`)
  },
}
