import { MigError } from '../errors.js'
import { renderLiteral } from './literals.js'
import { quoteIdentifier } from './quote.js'
import type { ColumnSpec, Dialect } from './types.js'

/**
 * SQL for `type: 'enum'` columns, written as MikroORM 6.6 writes a string enum so that its
 * comparison finds the same column again: a native `enum('a', 'b')` on MySQL/MariaDB, and
 * elsewhere `text` with the check inline (`"kind" text check ("kind" in ('a', 'b'))`), which
 * PostgreSQL names `<table>_<column>_check` and SQLite keeps in the table's own SQL.
 */

/**
 * The type of an enum column.
 *
 * @example
 * enumTypeSql('mysql', ['a', "it's"]) // => "enum('a', 'it''s')"
 * enumTypeSql('sqlite', ['a'])       // => 'text'
 */
export function enumTypeSql(dialect: Dialect, items: readonly string[] | undefined): string {
  return dialect === 'mysql' ? `enum(${itemList(dialect, items)})` : 'text'
}

/**
 * The inline check an enum column carries outside MySQL (none there: the type is the check).
 *
 * @example
 * enumCheckSql('postgresql', { name: 'kind', type: 'enum', items: ['a', 'b'] }) // => `check ("kind" in ('a', 'b'))`
 */
export function enumCheckSql(dialect: Dialect, column: ColumnSpec): string | undefined {
  if (column.type !== 'enum' || dialect === 'mysql') return undefined
  return `check (${enumCondition(dialect, column.name, column.items)})`
}

/**
 * The name PostgreSQL gives an inline column check, which MikroORM also drops and re-adds when
 * the items change.
 *
 * @example
 * enumConstraintName('post', 'status') // => 'post_status_check'
 */
export function enumConstraintName(table: string, column: string): string {
  return `${table}_${column}_check`
}

/**
 * `"kind" in ('a', 'b')`: the condition of an enum column's check.
 *
 * @example
 * enumCondition('sqlite', 'kind', ['a']) // => `"kind" in ('a')`
 */
export function enumCondition(dialect: Dialect, column: string, items: readonly string[] | undefined): string {
  return `${quoteIdentifier(dialect, column)} in (${itemList(dialect, items)})`
}

/**
 * Rejects an enum without string items, and items on another type.
 *
 * @example
 * validateEnumColumn("createTable('post')", { name: 'kind', type: 'enum' }) // throws BAD_OPERATION
 */
export function validateEnumColumn(where: string, column: ColumnSpec): void {
  const items = column.items
  if (column.type === 'enum') {
    if (!Array.isArray(items) || items.length === 0 || !items.every((item) => typeof item === 'string')) {
      throw new MigError('BAD_OPERATION', `${where}: column '${column.name}' has type 'enum' and needs its values as strings, e.g. items: ['draft', 'live']`)
    }
  } else if (items !== undefined) {
    throw new MigError('BAD_OPERATION', `${where}: column '${column.name}' has items but type '${column.type}'; items belong to type: 'enum'`)
  }
}

function itemList(dialect: Dialect, items: readonly string[] | undefined): string {
  return (items ?? []).map((item) => renderLiteral(dialect, item)).join(', ')
}
