import { MigError } from '../errors.js'
import type { TableChange } from './operation.js'
import { sqliteBatchSql } from './sqlite-batch.js'
import { tableChangeSql } from './table-change-sql.js'
import { modelOf, type CurrentTable } from './table-model.js'
import type { BatchOptions, Dialect } from './types.js'
import { requireName } from './validate.js'

/**
 * The statements of a batch of changes to one table, without touching the database.
 * PostgreSQL and MySQL/MariaDB get the plain ALTERs in order (MySQL's `modify` takes a
 * column's current definition from `copyFrom` when `alterColumn` has no `existing`). SQLite
 * gets plain ALTERs when it can make every change in place, else one move-and-copy of the
 * table, built from `current` (reflected) or `options.copyFrom`.
 *
 * @example
 * batchSql('sqlite', 'item', [{ kind: 'alterColumn', column: 'qty', changes: { type: 'integer' } }], {
 *   copyFrom: { columns: [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'string' }] },
 * })
 * // => ['create table "_mig_tmp_item" (...)', 'insert into "_mig_tmp_item" ("id", "qty") select "id", cast("qty" as integer) from "item"', ...]
 */
export function batchSql(
  dialect: Dialect,
  table: string,
  changes: readonly TableChange[],
  options: BatchOptions = {},
  current?: CurrentTable,
): string[] {
  requireName('batchAlterTable()', 'table name', table)
  if (!Array.isArray(changes)) throw new MigError('BAD_OPERATION', `batchAlterTable('${table}'): the changes must be a list`)
  if (dialect !== 'sqlite') {
    const columns = options.copyFrom?.columns ?? []
    const existing = (name: string) => columns.find((column) => column.name === name)
    return changes.flatMap((change) => tableChangeSql(dialect, table, change, existing))
  }
  const known = current ?? (options.copyFrom ? { definition: options.copyFrom } : undefined)
  return sqliteBatchSql(table, changes, known && modelOf(table, known), options.recreate ?? 'auto')
}
