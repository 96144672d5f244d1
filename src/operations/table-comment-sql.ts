import { renderLiteral } from './literals.js'
import { quoteIdentifier } from './quote.js'
import type { Dialect } from './types.js'

/**
 * PostgreSQL's table comment statement (`null` removes the comment).
 *
 * @example
 * tableCommentSql('user', 'people who log in') // => `comment on table "user" is 'people who log in'`
 * tableCommentSql('user', null)                // => 'comment on table "user" is null'
 */
export function tableCommentSql(table: string, comment: string | null): string {
  return `comment on table ${quoteIdentifier('postgresql', table)} is ${renderLiteral('postgresql', comment)}`
}

/**
 * MySQL/MariaDB's table option that sets the comment, written after `create table (...)` and
 * after `alter table`. An empty comment is how MySQL removes one.
 *
 * @example
 * mysqlTableCommentOption("the author's books") // => "comment = 'the author''s books'"
 */
export function mysqlTableCommentOption(comment: string): string {
  return `comment = ${renderLiteral('mysql', comment)}`
}

/**
 * Sets a table's comment, replacing any it had. SQLite keeps no comments: nothing is written
 * there, as for column comments, so the same revision runs on every dialect.
 *
 * @example
 * createTableCommentSql('mysql', 'author', 'people who write') // => ["alter table `author` comment = 'people who write'"]
 * createTableCommentSql('sqlite', 'author', 'people who write') // => []
 */
export function createTableCommentSql(dialect: Dialect, table: string, comment: string): string[] {
  return setTableComment(dialect, table, comment)
}

/**
 * Removes a table's comment (nothing on SQLite).
 *
 * @example
 * dropTableCommentSql('postgresql', 'author') // => ['comment on table "author" is null']
 * dropTableCommentSql('mysql', 'author')      // => ["alter table `author` comment = ''"]
 */
export function dropTableCommentSql(dialect: Dialect, table: string): string[] {
  return setTableComment(dialect, table, null)
}

function setTableComment(dialect: Dialect, table: string, comment: string | null): string[] {
  switch (dialect) {
    case 'sqlite':
      return []
    case 'postgresql':
      return [tableCommentSql(table, comment)]
    case 'mysql':
      return [`alter table ${quoteIdentifier(dialect, table)} ${mysqlTableCommentOption(comment ?? '')}`]
  }
}
