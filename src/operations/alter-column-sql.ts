import { MigError } from '../errors.js'
import { applyColumnChanges, changesDefault, changesType, defaultSql, validateColumnChanges } from './column-changes.js'
import { columnDefinitionSql, columnTypeSql } from './column-sql.js'
import { columnCommentSql } from './constraint-sql.js'
import { enumCondition, enumConstraintName } from './enum-sql.js'
import { quoteIdentifier } from './quote.js'
import type { ColumnChanges, ColumnSpec, Dialect } from './types.js'
import { requireName } from './validate.js'

/**
 * The statements that change one column on PostgreSQL or MySQL/MariaDB, as MikroORM 6.6
 * writes them, plus two things it leaves out:
 * - a column made NOT NULL gets its default written into the NULL rows first
 *   (`update ... where ... is null`), so the same revision succeeds on every dialect (SQLite's
 *   move-and-copy does the same with `coalesce`);
 * - on PostgreSQL a known default is dropped before a type change and set again after it, as
 *   the old default may not cast to the new type.
 *
 * SQLite changes columns by copying the table (see `sqlite-rebuild.ts`); only a pure rename
 * is done in place, and that is all this function writes for it.
 *
 * @example
 * alterColumnSql('postgresql', 'item', 'qty', { type: 'integer', nullable: false, default: 0 })
 * // => ['alter table "item" alter column "qty" type int using ("qty"::int)',
 * //     'alter table "item" alter column "qty" set default 0',
 * //     'update "item" set "qty" = 0 where "qty" is null',
 * //     'alter table "item" alter column "qty" set not null']
 * alterColumnSql('mysql', 'item', 'qty', { nullable: false, existing: { name: 'qty', type: 'integer' } })
 * // => ['alter table `item` modify `qty` int not null']
 */
export function alterColumnSql(dialect: Dialect, table: string, column: string, changes: ColumnChanges): string[] {
  const where = `alterColumn('${table}', '${column}')`
  requireName('alterColumn()', 'table name', table)
  requireName('alterColumn()', 'column name', column)
  validateColumnChanges(where, column, changes)
  const { newName, existing: _existing, ...rest } = changes
  if (dialect === 'sqlite') {
    // SQLite has no comments and no unsigned integers; those changes are no-ops there.
    delete rest.comment
    delete rest.unsigned
  }
  const quote = (name: string) => quoteIdentifier(dialect, name)
  const rename = newName !== undefined && newName !== column
    ? [`alter table ${quote(table)} rename column ${quote(column)} to ${quote(newName)}`]
    : []
  const onlyRename = Object.values(rest).every((value) => value === undefined)
  if (onlyRename) return rename
  switch (dialect) {
    case 'postgresql':
      return [...postgresAlter(table, column, rest, changes.existing, where), ...rename]
    case 'mysql':
      return [...mysqlModify(table, column, rest, changes.existing, where), ...rename]
    case 'sqlite':
      throw new MigError('UNSUPPORTED', `${where}: SQLite changes a column by copying its table; run it through op.alterColumn or op.batchAlterTable`)
  }
}

function postgresAlter(table: string, column: string, changes: ColumnChanges, existing: ColumnSpec | undefined, where: string): string[] {
  const quote = (name: string) => quoteIdentifier('postgresql', name)
  const alter = `alter table ${quote(table)} alter column ${quote(column)}`
  const statements: string[] = []
  const oldDefault = defaultSql('postgresql', existing)
  // `unsigned` is MySQL's alone, so only the other type parts count here.
  const typeChange = changesType({ ...changes, unsigned: undefined })
  const next = applyColumnChanges(existing ?? { name: column, type: changes.type ?? '' }, changes)
  const newDefault = changesDefault(changes) ? defaultSql('postgresql', next) : oldDefault

  if (typeChange) {
    if (next.type === '') {
      throw new MigError('BAD_OPERATION', `${where}: a new length, precision or scale needs the type too; add type (or existing)`)
    }
    // A default of the old type may not cast to the new one ("default ... cannot be cast automatically").
    if (oldDefault !== undefined || (changesDefault(changes) && newDefault === undefined)) statements.push(`${alter} drop default`)
    // An enum's check goes with its items, as MikroORM swaps it (by the name PostgreSQL gave it).
    const enumCheck = quote(enumConstraintName(table, column))
    if (next.type === 'enum' || existing?.type === 'enum') statements.push(`alter table ${quote(table)} drop constraint if exists ${enumCheck}`)
    const type = columnTypeSql('postgresql', next)
    statements.push(`${alter} type ${type} using (${quote(column)}::${type})`)
    if (next.type === 'enum') statements.push(`alter table ${quote(table)} add constraint ${enumCheck} check (${enumCondition('postgresql', column, next.items)})`)
    if (newDefault !== undefined) statements.push(`${alter} set default ${newDefault}`)
  } else if (changesDefault(changes)) {
    statements.push(newDefault === undefined ? `${alter} drop default` : `${alter} set default ${newDefault}`)
  }
  if (changes.nullable === false) {
    if (newDefault !== undefined && existing?.nullable !== false) statements.push(backfillSql('postgresql', table, column, newDefault))
    statements.push(`${alter} set not null`)
  } else if (changes.nullable === true) {
    statements.push(`${alter} drop not null`)
  }
  if (changes.comment !== undefined) {
    statements.push(
      changes.comment === null
        ? `comment on column ${quote(table)}.${quote(column)} is null`
        : columnCommentSql(table, column, changes.comment),
    )
  }
  return statements
}

function mysqlModify(table: string, column: string, changes: ColumnChanges, existing: ColumnSpec | undefined, where: string): string[] {
  if (!existing) {
    throw new MigError(
      'BAD_OPERATION',
      `${where}: MySQL/MariaDB restate the whole column when changing it, and offline (--sql) it cannot be read from the database; pass existing: { name: '${column}', type: ..., nullable: ..., default: ... } (the column as it is now)`,
    )
  }
  const next = applyColumnChanges({ ...existing, name: column }, changes)
  const primary = next.primary === true || next.autoincrement === true
  const definition = columnDefinitionSql('mysql', next, {
    table,
    where,
    primary,
    foreignKey: next.references !== undefined,
    inlinePrimary: false,
    inlineReference: false,
    restated: true,
  })
  const statements: string[] = []
  const newDefault = defaultSql('mysql', next)
  const wasNullable = existing.nullable ?? !primary
  if (changes.nullable === false && wasNullable && newDefault !== undefined) statements.push(backfillSql('mysql', table, column, newDefault))
  statements.push(`alter table ${quoteIdentifier('mysql', table)} modify ${definition}`)
  return statements
}

/**
 * Writes a column's default into its NULL rows, so it can become NOT NULL.
 *
 * @example
 * backfillSql('postgresql', 'item', 'qty', '0') // => 'update "item" set "qty" = 0 where "qty" is null'
 */
export function backfillSql(dialect: Dialect, table: string, column: string, value: string): string {
  const quoted = quoteIdentifier(dialect, column)
  return `update ${quoteIdentifier(dialect, table)} set ${quoted} = ${value} where ${quoted} is null`
}
