import { MigError } from '../errors.js'
import { quoteIdentifier } from './quote.js'
import type { Dialect, IndexType } from './types.js'

/**
 * The condition of the index that stands for a fulltext index on SQLite. SQLite has no
 * fulltext index (MikroORM creates nothing there); an empty partial index keeps the name and
 * columns in the database at no cost, so `check` sees it and a revision generated on SQLite
 * carries the index to PostgreSQL and MariaDB.
 */
export const SQLITE_FULLTEXT_CONDITION = 'where 0'

/**
 * True for the `create index` text of the index that stands for a fulltext index on SQLite.
 *
 * @example
 * isSqliteFulltextIndex('CREATE INDEX "post_title_index" on "post" ("title") where 0') // => true
 */
export function isSqliteFulltextIndex(sql: string | null | undefined): boolean {
  return /\)\s*where\s+0\s*;?\s*$/i.test(sql ?? '')
}

/**
 * Throws `BAD_OPERATION` for an index type mig cannot write (`'fulltext'` is the one there is),
 * or a unique fulltext index (no dialect has one).
 *
 * @example
 * validateIndexType("op.createIndex('post_title_index', 'post')", 'btree', false) // throws
 */
export function validateIndexType(where: string, type: unknown, unique: boolean | undefined): asserts type is IndexType | undefined {
  if (type === undefined) return
  if (type !== 'fulltext') {
    throw new MigError('BAD_OPERATION', `${where}: unknown index type ${JSON.stringify(type)}; the one type there is, is 'fulltext' (leave it out for a plain index)`)
  }
  if (unique) throw new MigError('BAD_OPERATION', `${where}: a fulltext index cannot be unique; leave out one of unique and type`)
}

/**
 * A fulltext index as MikroORM's schema generator writes it: a GIN index over
 * `to_tsvector('simple', ...)` of the columns joined by spaces on PostgreSQL, a `fulltext index`
 * on MySQL/MariaDB, and on SQLite an empty index that only holds its place.
 *
 * @example
 * fulltextIndexSql('postgresql', 'post_tb', 'post', ['title', 'body'])
 * // => `create index "post_tb" on "post" using gin(to_tsvector('simple', "title" || ' ' || "body"))`
 * fulltextIndexSql('mysql', 'post_title_index', 'post', ['title'])
 * // => 'alter table `post` add fulltext index `post_title_index`(`title`)'
 */
export function fulltextIndexSql(dialect: Dialect, name: string, table: string, columns: readonly string[]): string {
  const quote = (identifier: string) => quoteIdentifier(dialect, identifier)
  switch (dialect) {
    case 'postgresql':
      return `create index ${quote(name)} on ${quote(table)} using gin(to_tsvector('simple', ${columns.map(quote).join(` || ' ' || `)}))`
    case 'mysql':
      return `alter table ${quote(table)} add fulltext index ${quote(name)}(${columns.map(quote).join(',')})`
    case 'sqlite':
      return `create index ${quote(name)} on ${quote(table)} (${columns.map(quote).join(', ')}) ${SQLITE_FULLTEXT_CONDITION}`
  }
}
