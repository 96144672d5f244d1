import { MigError } from '../errors.js'
import { columnDefinitionSql, validateColumn } from './column-sql.js'
import { addUniqueSql, columnCommentSql, columnForeignKey, createIndexSql, foreignKeySql } from './constraint-sql.js'
import { quoteIdentifier } from './quote.js'
import type { ColumnSpec, Dialect, IndexType } from './types.js'
import { requireName } from './validate.js'

/**
 * Adds a column, then what cannot be said inside `add column` on the dialect: the unique
 * constraint, the foreign key (PostgreSQL, MySQL — InnoDB ignores inline `references`) and
 * PostgreSQL's comment. SQLite takes the foreign key inline, having no `add constraint`.
 *
 * @example
 * addColumnSql('postgresql', 'user', { name: 'email', type: 'string', comment: 'login' })
 * // => ['alter table "user" add column "email" varchar(255) null',
 * //     `comment on column "user"."email" is 'login'`]
 */
export function addColumnSql(dialect: Dialect, table: string, column: ColumnSpec): string[] {
  requireName('addColumn()', 'table name', table)
  const where = `addColumn('${table}')`
  if (!column || typeof column !== 'object') throw new MigError('BAD_OPERATION', `${where}: the column must be a ColumnSpec object`)
  validateColumn(where, column)
  const definition = columnDefinitionSql(dialect, column, {
    table,
    where,
    primary: column.primary === true,
    foreignKey: column.references !== undefined,
    inlinePrimary: true,
    inlineReference: dialect === 'sqlite',
  })
  const statements = [`alter table ${quoteIdentifier(dialect, table)} add column ${definition}`]
  if (column.unique) statements.push(addUniqueSql(dialect, table, { columns: [column.name] }))
  const foreignKey = columnForeignKey(column)
  if (foreignKey && dialect !== 'sqlite') {
    statements.push(`alter table ${quoteIdentifier(dialect, table)} add ${foreignKeySql(dialect, table, foreignKey)}`)
  }
  if (dialect === 'postgresql' && column.comment !== undefined) statements.push(columnCommentSql(table, column.name, column.comment))
  return statements
}

/**
 * Drops a column. (SQLite refuses to drop an indexed, unique, key or referenced column; the
 * batch move-and-copy mode is the way to do that there.)
 *
 * @example
 * dropColumnSql('sqlite', 'user', 'email') // => ['alter table "user" drop column "email"']
 */
export function dropColumnSql(dialect: Dialect, table: string, column: string): string[] {
  requireName('dropColumn()', 'table name', table)
  requireName(`dropColumn('${table}')`, 'column name', column)
  return [`alter table ${quoteIdentifier(dialect, table)} drop column ${quoteIdentifier(dialect, column)}`]
}

/**
 * Renames a column in place (SQLite 3.25+, MySQL 8, MariaDB 10.5.2+, any PostgreSQL).
 *
 * @example
 * renameColumnSql('mysql', 'user', 'mail', 'email') // => ['alter table `user` rename column `mail` to `email`']
 */
export function renameColumnSql(dialect: Dialect, table: string, from: string, to: string): string[] {
  requireName('renameColumn()', 'table name', table)
  requireName(`renameColumn('${table}')`, 'current column name', from)
  requireName(`renameColumn('${table}')`, 'new column name', to)
  const quote = (name: string) => quoteIdentifier(dialect, name)
  return [`alter table ${quote(table)} rename column ${quote(from)} to ${quote(to)}`]
}

/**
 * `create [unique] index`.
 *
 * @example
 * addIndexSql('postgresql', 'post_title_index', 'post', ['title'], false)
 * // => ['create index "post_title_index" on "post" ("title")']
 */
export function addIndexSql(dialect: Dialect, name: string, table: string, columns: readonly string[], unique: boolean, type?: IndexType): string[] {
  requireName('createIndex()', 'index name', name)
  requireName(`createIndex('${name}')`, 'table name', table)
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((column) => typeof column !== 'string' || column === '')) {
    throw new MigError('BAD_OPERATION', `createIndex('${name}'): give the indexed columns as a non-empty list of names`)
  }
  return [createIndexSql(dialect, name, table, columns, unique, type)]
}

/**
 * `drop index`. MySQL/MariaDB index names are per table, so there the table is required.
 *
 * @example
 * dropIndexSql('mysql', 'post_title_index', 'post') // => ['drop index `post_title_index` on `post`']
 */
export function dropIndexSql(dialect: Dialect, name: string, table?: string): string[] {
  requireName('dropIndex()', 'index name', name)
  if (dialect !== 'mysql') return [`drop index ${quoteIdentifier(dialect, name)}`]
  if (table === undefined) {
    throw new MigError(
      'BAD_OPERATION',
      `dropIndex('${name}'): MySQL/MariaDB needs the table name too; write op.dropIndex('${name}', '<table>')`,
    )
  }
  requireName(`dropIndex('${name}')`, 'table name', table)
  return [`drop index ${quoteIdentifier(dialect, name)} on ${quoteIdentifier(dialect, table)}`]
}
