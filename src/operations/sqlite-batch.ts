import { MigError } from '../errors.js'
import type { TableChange } from './operation.js'
import { rebuildSql } from './sqlite-rebuild.js'
import { copiesOnSqlite, describeChange, tableChangeSql } from './table-change-sql.js'
import { applyChanges } from './table-model-changes.js'
import { cloneModel, columnUse, type TableModel } from './table-model.js'
import type { BatchOptions } from './types.js'

/**
 * Whether a batch on SQLite needs the table's current definition: always for a move-and-copy,
 * and for dropping a column (in place only when nothing else uses the column).
 *
 * @example
 * sqliteNeedsDefinition([{ kind: 'addColumn', column: { name: 'a', type: 'text' } }], 'auto') // => false
 */
export function sqliteNeedsDefinition(changes: readonly TableChange[], recreate: BatchOptions['recreate'] = 'auto'): boolean {
  if (recreate === 'never') return false
  if (recreate === 'always') return true
  return changes.some((change) => copiesOnSqlite(change) || change.kind === 'dropColumn')
}

/**
 * The statements of a batch on SQLite: the plain ALTERs when SQLite can make every change in
 * place (and `recreate` is not `'always'`), else ONE move-and-copy of the table for the whole
 * batch. `current` is the table before the batch (from `copyFrom` or reflection); without it
 * only in-place changes can be written, and a dropped column is assumed unused.
 *
 * @example
 * sqliteBatchSql('item', [{ kind: 'createCheck', name: 'item_qty_check', expression: 'qty > 0' }], model, 'auto')
 * // => ['create table "_mig_tmp_item" (..., constraint "item_qty_check" check (qty > 0))', 'insert into ...', ...]
 */
export function sqliteBatchSql(
  table: string,
  changes: readonly TableChange[],
  current: TableModel | undefined,
  recreate: BatchOptions['recreate'] = 'auto',
): string[] {
  if (recreate !== 'auto' && recreate !== 'always' && recreate !== 'never') {
    throw new MigError('BAD_OPERATION', `batchAlterTable('${table}'): recreate must be 'auto', 'always' or 'never'`)
  }
  const needsCopy = recreate === 'always' ? describeAlways(table) : firstCopyReason(table, changes, current)
  if (needsCopy === undefined) return changes.flatMap((change) => tableChangeSql('sqlite', table, change))
  if (recreate === 'never') {
    throw new MigError('BAD_OPERATION', `batchAlterTable('${table}', ..., { recreate: 'never' }): ${needsCopy} needs a move-and-copy of the table on SQLite`)
  }
  if (!current) {
    throw new MigError(
      'OFFLINE_UNSUPPORTED',
      `${needsCopy} needs a move-and-copy of table '${table}' on SQLite, and offline (--sql) mode cannot read the table's current definition: ` +
        `write the change inside op.batchAlterTable('${table}', (batch) => { ... }, { copyFrom: { columns: [...], primaryKey, indexes, uniques, foreignKeys, checks } }) ` +
        `with copyFrom describing the table as it is before the change`,
    )
  }
  return rebuildSql(applyChanges(current, changes))
}

function describeAlways(table: string): string {
  return `recreate: 'always' on table '${table}'`
}

/**
 * Why the batch needs the copy, or undefined when every change can be made in place. Changes
 * are followed in order, so dropping an index and then its column stays in place.
 */
function firstCopyReason(table: string, changes: readonly TableChange[], current: TableModel | undefined): string | undefined {
  const copying = changes.find(copiesOnSqlite)
  if (copying) return describeChange(table, copying)
  if (!current) return undefined
  let model = cloneModel(current)
  for (const change of changes) {
    if (change.kind === 'dropColumn') {
      const use = model.columns.some((column) => column.name === change.column) ? columnUse(model, change.column) : undefined
      if (use) return `${describeChange(table, change)} (the column is used by ${use})`
    }
    model = applyChanges(model, [change])
  }
  return undefined
}
