import { MigError } from '../../errors.js'
import { validateColumn } from '../column-sql.js'
import { validateCheck } from '../constraint-change-sql.js'
import type { TableOperationEntry } from '../entry.js'
import { columnValue } from '../file-values.js'
import { validateIndexType } from '../fulltext-index-sql.js'
import { renderString, renderValue } from '../render-value.js'
import { createTableSql, primaryKeyOf } from '../table-sql.js'
import type { ColumnSpec, CreateTableOptions } from '../types.js'
import { requireColumns, requireName } from '../validate.js'

export const createTable: TableOperationEntry<'createTable'> = {
  params: ['table', 'columns', 'options'],
  validate: (op) => {
    requireName('createTable()', 'table name', op.table)
    validateTableDefinition(`createTable('${op.table}')`, op.columns, op.options ?? {})
  },
  sql: (dialect, op) => createTableSql(dialect, op.table, op.columns, op.options),
  render: (op) => renderCreateTable(op.table, op.columns, op.options),
  reverse: (op) => ({ kind: 'dropTable', table: op.table, columns: op.columns, options: op.options }),
}

/**
 * Checks a whole table description before any SQL runs: `createTable`'s arguments, and the
 * table SQLite's move-and-copy builds from a batch's changes (see `rebuildSql`).
 *
 * @example
 * validateTableDefinition("createTable('t')", [{ name: 'a', type: 'integer' }], { indexes: [{ columns: ['b'] }] })
 * // throws BAD_OPERATION: createTable('t'): the index names unknown column(s) 'b'
 */
export function validateTableDefinition(where: string, columns: readonly ColumnSpec[], options: CreateTableOptions): void {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new MigError('BAD_OPERATION', `${where}: a table needs at least one column`)
  }
  const seen = new Set<string>()
  for (const column of columns) {
    if (!column || typeof column !== 'object') throw new MigError('BAD_OPERATION', `${where}: every column must be a ColumnSpec object`)
    if (seen.has(column.name)) throw new MigError('BAD_OPERATION', `${where}: column '${column.name}' is declared twice`)
    seen.add(column.name)
  }
  if (options.primaryKey) requireColumns(where, 'primary key', options.primaryKey, columns)
  const primaryKey = primaryKeyOf(columns, options)
  for (const column of columns) validateColumn(where, column, primaryKey.includes(column.name))

  const autoincrement = columns.filter((column) => column.autoincrement)
  if (autoincrement.length > 0 && primaryKey.length > 1) {
    throw new MigError(
      'BAD_OPERATION',
      `${where}: autoincrement column '${autoincrement[0]!.name}' must be the whole primary key (found ${primaryKey.join(', ')})`,
    )
  }
  for (const index of options.indexes ?? []) {
    requireColumns(where, `index ${index.name ?? ''}`.trim(), index.columns, columns)
    validateIndexType(where, index.type, index.unique)
  }
  for (const unique of options.uniques ?? []) requireColumns(where, `unique ${unique.name ?? ''}`.trim(), unique.columns, columns)
  for (const check of options.checks ?? []) validateCheck(where, check)
  for (const foreignKey of options.foreignKeys ?? []) {
    requireColumns(where, `foreign key ${foreignKey.name ?? ''}`.trim(), foreignKey.columns, columns)
    if (foreignKey.references?.columns?.length !== foreignKey.columns.length) {
      throw new MigError('BAD_OPERATION', `${where}: a foreign key needs as many referenced columns as columns`)
    }
  }
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
