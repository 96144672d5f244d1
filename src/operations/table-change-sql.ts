import { MigError } from '../errors.js'
import { changeEntry } from './change-entries.js'
import type { TableChange } from './operation.js'
import type { ColumnSpec, Dialect } from './types.js'
import { requireName } from './validate.js'

/**
 * The statements one table change becomes, outside SQLite's move-and-copy: every change on
 * PostgreSQL and MySQL/MariaDB, and the ones SQLite can make in place. `existing` looks up a
 * column's current definition (from `batchAlterTable`'s `copyFrom`) for MySQL's `modify`.
 *
 * @example
 * tableChangeSql('mysql', 'book', { kind: 'dropForeignKey', name: 'book_author_id_foreign' })
 * // => ['alter table `book` drop foreign key `book_author_id_foreign`']
 */
export function tableChangeSql(
  dialect: Dialect,
  table: string | undefined,
  change: TableChange,
  existing?: (column: string) => ColumnSpec | undefined,
): string[] {
  // Only MySQL/MariaDB need a dropped index's table, and its SQL says so when it is missing.
  if (change.kind === 'dropIndex') return changeEntry('dropIndex').sql(dialect, table as string, change)
  requireName(`${change.kind}()`, 'table name', table)
  validateChange(table, change)
  if (dialect === 'sqlite' && copiesOnSqlite(change)) {
    throw new MigError(
      'OFFLINE_UNSUPPORTED',
      `${describeChange(table, change)} copies table '${table}' on SQLite, which needs the table's current definition: ` +
        `in offline (--sql) mode write it inside op.batchAlterTable('${table}', (batch) => { ... }, { copyFrom: { columns: [...], ... } })`,
    )
  }
  return changeEntry(change.kind).sql(dialect, table, change, existing)
}

/**
 * Whether SQLite can only make this change by copying the table, whatever the table holds.
 * (Dropping a column also needs the copy when the column is in a key, index or constraint;
 * that depends on the table, and `sqlite-batch.ts` decides it.)
 *
 * @example
 * copiesOnSqlite({ kind: 'createCheck', name: 'c', expression: 'a > 0' }) // => true
 * copiesOnSqlite({ kind: 'renameColumn', from: 'a', to: 'b' })           // => false
 */
export function copiesOnSqlite(change: TableChange): boolean {
  return changeEntry(change.kind).copiesOnSqlite?.(change) ?? false
}

/**
 * The change as the call that made it, for error messages.
 *
 * @example
 * describeChange('user', { kind: 'alterColumn', column: 'email', changes: {} }) // => "op.alterColumn('user', 'email')"
 */
export function describeChange(table: string, change: TableChange): string {
  // Index and constraint calls take their name first, column calls the table first.
  if ('name' in change) return `op.${change.kind}('${change.name}', '${table}')`
  if (change.kind === 'createTableComment' || change.kind === 'dropTableComment') return `op.${change.kind}('${table}')`
  const column = change.kind === 'renameColumn' ? change.from : typeof change.column === 'string' ? change.column : change.column?.name
  return `op.${change.kind}('${table}', '${column}')`
}

/**
 * Checks a change's arguments before any SQL runs (revision files may be plain JavaScript).
 *
 * @example
 * validateChange('user', { kind: 'createUnique', name: 'u', columns: [] }) // throws BAD_OPERATION
 */
export function validateChange(table: string, change: TableChange): void {
  const where = describeChange(table, change)
  if ('name' in change) requireName(where, 'constraint name', change.name)
  changeEntry(change.kind).validate?.(where, change)
}
