import { MigError } from '../../errors.js'
import { batchSql } from '../batch-sql.js'
import type { TableOperationEntry } from '../entry.js'
import { bulkInsertSql } from '../insert-sql.js'
import type { Operation } from '../operation.js'
import { splitStatements } from '../split.js'
import { dropTableSql, renameTableSql } from '../table-sql.js'
import { requireName } from '../validate.js'
import { notReversible } from './columns.js'

// Data and raw SQL have no reverse, as in Alembic.
const irreversible = (op: Operation): never => {
  throw new MigError('BAD_OPERATION', `${op.kind}() cannot be reversed`)
}

export const execute: TableOperationEntry<'execute'> = {
  params: ['sql'],
  validate: (op) => {
    if (typeof op.sql !== 'string') throw new MigError('BAD_OPERATION', 'execute(): give the SQL as a string')
  },
  sql: (dialect, op) => splitStatements(dialect, op.sql),
  reverse: irreversible,
}

export const dropTable: TableOperationEntry<'dropTable'> = {
  params: ['table'],
  validate: (op) => requireName('dropTable()', 'table name', op.table),
  sql: (dialect, op) => dropTableSql(dialect, op.table),
  reverse: (op) => ({ kind: 'createTable', table: op.table, columns: op.columns ?? notReversible(op, 'columns'), options: op.options }),
}

export const renameTable: TableOperationEntry<'renameTable'> = {
  params: ['from', 'to'],
  validate: (op) => {
    requireName('renameTable()', 'current table name', op.from)
    requireName('renameTable()', 'new table name', op.to)
  },
  sql: (dialect, op) => renameTableSql(dialect, op.from, op.to),
  reverse: (op) => ({ kind: 'renameTable', from: op.to, to: op.from }),
}

export const bulkInsert: TableOperationEntry<'bulkInsert'> = {
  params: ['table', 'rows'],
  sql: (dialect, op) => bulkInsertSql(dialect, op.table, op.rows),
  reverse: irreversible,
}

export const batchAlterTable: TableOperationEntry<'batchAlterTable'> = {
  // The body (a function) records the changes: see `recordChanges`.
  params: ['table', 'changes', 'options'],
  sql: (dialect, op) => batchSql(dialect, op.table, op.changes, op.options),
  reverse: irreversible,
}
