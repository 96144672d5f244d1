import { MigError } from '../errors.js'
import type { TableChange } from './operation.js'
import type { ColumnSpec, Executor } from './types.js'

interface ColumnRow {
  column_type: string
  is_nullable: string
  column_default: string | null
  extra: string
  column_comment: string
  column_key: string
  server: string
}

/**
 * On a live MariaDB/MySQL database, fills in `existing` for the `alterColumn` changes of `table`
 * written without it. MariaDB/MySQL change a column by restating all of it (`MODIFY`), so
 * whatever the change leaves alone (type, nullability, default, comment) must be known first;
 * autogenerate always writes `existing`, a hand-written revision need not. Other dialects and
 * `--sql` get the changes back as they are.
 *
 * @example
 * await withExistingColumns(executor, 'item', [{ kind: 'alterColumn', column: 'qty', changes: { nullable: false } }])
 * // => [{ kind: 'alterColumn', column: 'qty', changes: { nullable: false, existing: { name: 'qty', type: 'int(11)', nullable: true } } }]
 */
export async function withExistingColumns(executor: Executor, table: string, changes: readonly TableChange[]): Promise<readonly TableChange[]> {
  if (executor.dialect !== 'mysql' || executor.offline) return changes
  const filled: TableChange[] = []
  for (const change of changes) {
    if (change.kind === 'alterColumn' && change.changes.existing === undefined) {
      filled.push({ ...change, changes: { ...change.changes, existing: await reflectMysqlColumn(executor, table, change.column) } })
    } else {
      filled.push(change)
    }
  }
  return filled
}

/** One column as the database describes it, in the terms of a `ColumnSpec` (the type verbatim). */
async function reflectMysqlColumn(executor: Executor, table: string, column: string): Promise<ColumnSpec> {
  const [row] = await executor.query<ColumnRow>(
    `select column_type, is_nullable, column_default, extra, column_comment, column_key, version() as server
     from information_schema.columns where table_schema = database() and table_name = ? and column_name = ?`,
    [table, column],
  )
  if (!row) throw new MigError('BAD_OPERATION', `alterColumn('${table}', '${column}'): the table has no column '${column}'`)
  const extra = row.extra.toLowerCase()
  return {
    name: column,
    type: row.column_type,
    nullable: row.is_nullable === 'YES',
    ...(extra.includes('auto_increment') ? { autoincrement: true } : {}),
    ...(row.column_key === 'PRI' ? { primary: true } : {}),
    ...defaultOf(row, extra),
    ...(row.column_comment ? { comment: row.column_comment } : {}),
  }
}

/**
 * MariaDB reports a default as SQL (`'draft'`, `0`, `current_timestamp()`, or `NULL`); MySQL as
 * the bare value, marking expressions `DEFAULT_GENERATED`.
 */
function defaultOf(row: ColumnRow, extra: string): Pick<ColumnSpec, 'default' | 'defaultRaw'> {
  const value = row.column_default
  if (value === null) return {}
  if (/mariadb/i.test(row.server)) return value === 'NULL' ? {} : { defaultRaw: value }
  if (extra.includes('default_generated')) return { defaultRaw: /^\w+(\(\d*\))?$/.test(value) ? value : `(${value})` }
  return { default: value }
}
