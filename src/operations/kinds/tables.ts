import { MigError } from '../../errors.js'
import { batchSql } from '../batch-sql.js'
import { columnValue } from '../file-values.js'
import type { TableOperationEntry } from '../entry.js'
import { bulkInsertSql } from '../insert-sql.js'
import type { Operation } from '../operation.js'
import { renderString, renderValue } from '../render-value.js'
import { splitStatements } from '../split.js'
import { createTableSql, dropTableSql, renameTableSql } from '../table-sql.js'
import type { ColumnSpec, CreateTableOptions } from '../types.js'
import { notReversible } from './columns.js'

// Data and raw SQL have no reverse, as in Alembic.
const irreversible = (op: Operation): never => {
  throw new MigError('BAD_OPERATION', `${op.kind}() cannot be reversed`)
}

export const execute: TableOperationEntry<'execute'> = {
  params: ['sql'],
  sql: (dialect, op) => {
    if (typeof op.sql !== 'string') throw new MigError('BAD_OPERATION', 'execute(): give the SQL as a string')
    return splitStatements(dialect, op.sql)
  },
  reverse: irreversible,
}

export const createTable: TableOperationEntry<'createTable'> = {
  params: ['table', 'columns', 'options'],
  sql: (dialect, op) => createTableSql(dialect, op.table, op.columns, op.options),
  render: (op) => renderCreateTable(op.table, op.columns, op.options),
  reverse: (op) => ({ kind: 'dropTable', table: op.table, columns: op.columns, options: op.options }),
}

export const dropTable: TableOperationEntry<'dropTable'> = {
  params: ['table'],
  sql: (dialect, op) => dropTableSql(dialect, op.table),
  reverse: (op) => ({ kind: 'createTable', table: op.table, columns: op.columns ?? notReversible(op, 'columns'), options: op.options }),
}

export const renameTable: TableOperationEntry<'renameTable'> = {
  params: ['from', 'to'],
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

/** `createTable` with one column per line. */
function renderCreateTable(table: string, columns: readonly ColumnSpec[], options: CreateTableOptions | undefined): string[] {
  const lines = columns.map((column) => {
    // The keys a column holds for `createTable` only come last, after what `columnValue` writes.
    const { unique, references, ...plain } = column
    const value = columnValue(plain)
    if (unique) value.unique = true
    if (references) value.references = references
    return `  ${renderValue(value, '  ')},`
  })
  const close = options ? `], ${renderValue(options, '')})` : '])'
  return [`await op.createTable(${renderString(table)}, [`, ...lines.flatMap((line) => line.split('\n')), ...close.split('\n')]
}
