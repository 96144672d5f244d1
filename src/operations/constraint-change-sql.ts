import { MigError } from '../errors.js'
import { addUniqueSql, foreignKeySql } from './constraint-sql.js'
import { quoteIdentifier } from './quote.js'
import type { CheckSpec, Dialect, ForeignKeySpec } from './types.js'
import { requireName } from './validate.js'

/**
 * The `constraint "name" check (expression)` clause, inside `create table` or after `add`.
 *
 * @example
 * checkSql('postgresql', { name: 'post_status_check', expression: "status in ('draft', 'live')" })
 * // => `constraint "post_status_check" check (status in ('draft', 'live'))`
 */
export function checkSql(dialect: Dialect, check: CheckSpec): string {
  return `constraint ${quoteIdentifier(dialect, check.name)} check (${check.expression})`
}

/**
 * Throws `BAD_OPERATION` unless the check has a name and an SQL expression.
 *
 * @example
 * validateCheck("createCheck('post')", { name: 'c', expression: '' }) // throws
 */
export function validateCheck(where: string, check: CheckSpec): void {
  if (!check || typeof check !== 'object') throw new MigError('BAD_OPERATION', `${where}: a check is { name, expression }`)
  requireName(where, 'check name', check.name)
  if (typeof check.expression !== 'string' || check.expression.trim() === '') {
    throw new MigError('BAD_OPERATION', `${where}: check '${check.name}' needs its SQL expression as a non-empty string`)
  }
}

/**
 * Adds a named unique constraint. SQLite has no `add constraint`; a unique index is what
 * MikroORM makes there too.
 *
 * @example
 * createUniqueSql('postgresql', 'user_email_unique', 'user', ['email'])
 * // => ['alter table "user" add constraint "user_email_unique" unique ("email")']
 */
export function createUniqueSql(dialect: Dialect, name: string, table: string, columns: readonly string[]): string[] {
  return [addUniqueSql(dialect, table, { name, columns })]
}

/**
 * Drops a unique constraint: MySQL/MariaDB drop its index, SQLite the unique index.
 *
 * @example
 * dropUniqueSql('mysql', 'user_email_unique', 'user') // => ['alter table `user` drop index `user_email_unique`']
 */
export function dropUniqueSql(dialect: Dialect, name: string, table: string): string[] {
  const quote = (identifier: string) => quoteIdentifier(dialect, identifier)
  switch (dialect) {
    case 'sqlite':
      return [`drop index ${quote(name)}`]
    case 'postgresql':
      return [`alter table ${quote(table)} drop constraint ${quote(name)}`]
    case 'mysql':
      return [`alter table ${quote(table)} drop index ${quote(name)}`]
  }
}

/**
 * Adds a check constraint (PostgreSQL, MySQL/MariaDB; SQLite copies the table instead).
 *
 * @example
 * createCheckSql('mysql', 'post_votes_check', 'post', 'votes >= 0')
 * // => ['alter table `post` add constraint `post_votes_check` check (votes >= 0)']
 */
export function createCheckSql(dialect: Dialect, name: string, table: string, expression: string): string[] {
  return [`alter table ${quoteIdentifier(dialect, table)} add ${checkSql(dialect, { name, expression })}`]
}

/**
 * Drops a check constraint. `drop constraint` is what MikroORM writes for both MariaDB (10.2+)
 * and MySQL (8.0.19+); mig cannot tell the two apart offline.
 *
 * @example
 * dropCheckSql('postgresql', 'post_votes_check', 'post') // => ['alter table "post" drop constraint "post_votes_check"']
 */
export function dropCheckSql(dialect: Dialect, name: string, table: string): string[] {
  return [`alter table ${quoteIdentifier(dialect, table)} drop constraint ${quoteIdentifier(dialect, name)}`]
}

/**
 * Adds a foreign key (PostgreSQL, MySQL/MariaDB; SQLite copies the table instead).
 *
 * @example
 * createForeignKeySql('postgresql', 'book', { name: 'book_author_id_foreign', columns: ['author_id'], references: { table: 'author', columns: ['id'] } })
 * // => ['alter table "book" add constraint "book_author_id_foreign" foreign key ("author_id") references "author" ("id")']
 */
export function createForeignKeySql(dialect: Dialect, table: string, foreignKey: ForeignKeySpec): string[] {
  return [`alter table ${quoteIdentifier(dialect, table)} add ${foreignKeySql(dialect, table, foreignKey)}`]
}

/**
 * Drops a foreign key: MySQL/MariaDB say `drop foreign key`, PostgreSQL `drop constraint`.
 *
 * @example
 * dropForeignKeySql('mysql', 'book_author_id_foreign', 'book') // => ['alter table `book` drop foreign key `book_author_id_foreign`']
 */
export function dropForeignKeySql(dialect: Dialect, name: string, table: string): string[] {
  const kind = dialect === 'mysql' ? 'foreign key' : 'constraint'
  return [`alter table ${quoteIdentifier(dialect, table)} drop ${kind} ${quoteIdentifier(dialect, name)}`]
}
