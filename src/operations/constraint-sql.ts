import { referencesSql } from './column-sql.js'
import { fulltextIndexSql } from './fulltext-index-sql.js'
import { renderLiteral } from './literals.js'
import { defaultName } from './names.js'
import { quoteIdentifier, quoteList } from './quote.js'
import type { ColumnSpec, Dialect, ForeignKeySpec, IndexType, UniqueSpec } from './types.js'

/**
 * The foreign key a column declares with `references`, as a table-level spec.
 *
 * @example
 * columnForeignKey({ name: 'author_id', type: 'integer', references: { table: 'author', column: 'id' } })
 * // => { name: undefined, columns: ['author_id'], references: { table: 'author', columns: ['id'] }, ... }
 */
export function columnForeignKey(column: ColumnSpec): ForeignKeySpec | undefined {
  const reference = column.references
  if (!reference) return undefined
  return {
    name: reference.name,
    columns: [column.name],
    references: { table: reference.table, columns: [reference.column] },
    onDelete: reference.onDelete,
    onUpdate: reference.onUpdate,
  }
}

/**
 * A named `constraint ... foreign key (...) references ...` clause, for `create table` or `add`.
 *
 * @example
 * foreignKeySql('postgresql', 'book', { columns: ['author_id'], references: { table: 'author', columns: ['id'] } })
 * // => 'constraint "book_author_id_foreign" foreign key ("author_id") references "author" ("id")'
 */
export function foreignKeySql(dialect: Dialect, table: string, foreignKey: ForeignKeySpec): string {
  const name = foreignKey.name ?? defaultName(dialect, table, foreignKey.columns, 'foreign')
  const target = { ...foreignKey.references, onDelete: foreignKey.onDelete, onUpdate: foreignKey.onUpdate }
  return `constraint ${quoteIdentifier(dialect, name)} foreign key (${quoteList(dialect, foreignKey.columns)}) ${referencesSql(dialect, target)}`
}

/**
 * A named `constraint ... unique (...)` clause (PostgreSQL and MySQL; SQLite uses `uniqueIndexSql`).
 *
 * @example
 * uniqueSql('mysql', 'user', { columns: ['email'] }) // => 'constraint `user_email_unique` unique (`email`)'
 */
export function uniqueSql(dialect: Dialect, table: string, unique: UniqueSpec): string {
  const name = unique.name ?? defaultName(dialect, table, unique.columns, 'unique')
  return `constraint ${quoteIdentifier(dialect, name)} unique (${quoteList(dialect, unique.columns)})`
}

/**
 * The statement that makes a unique constraint on an existing table. SQLite cannot add
 * constraints, and a named unique index is what MikroORM creates there too.
 *
 * @example
 * addUniqueSql('sqlite', 'user', { columns: ['email'] })
 * // => 'create unique index "user_email_unique" on "user" ("email")'
 */
export function addUniqueSql(dialect: Dialect, table: string, unique: UniqueSpec): string {
  if (dialect === 'sqlite') {
    const name = unique.name ?? defaultName(dialect, table, unique.columns, 'unique')
    return createIndexSql(dialect, name, table, unique.columns, true)
  }
  return `alter table ${quoteIdentifier(dialect, table)} add ${uniqueSql(dialect, table, unique)}`
}

/**
 * `create [unique] index`; the same statement works on all three dialects. A fulltext index
 * is each dialect's own (see `fulltextIndexSql`).
 *
 * @example
 * createIndexSql('mysql', 'post_title_index', 'post', ['title'], false)
 * // => 'create index `post_title_index` on `post` (`title`)'
 */
export function createIndexSql(dialect: Dialect, name: string, table: string, columns: readonly string[], unique: boolean, type?: IndexType): string {
  if (type === 'fulltext') return fulltextIndexSql(dialect, name, table, columns)
  const kind = unique ? 'create unique index' : 'create index'
  return `${kind} ${quoteIdentifier(dialect, name)} on ${quoteIdentifier(dialect, table)} (${quoteList(dialect, columns)})`
}

/**
 * PostgreSQL keeps comments outside the column definition: `comment on column "t"."c" is '...'`.
 *
 * @example
 * columnCommentSql('user', 'email', 'login name') // => `comment on column "user"."email" is 'login name'`
 */
export function columnCommentSql(table: string, column: string, comment: string): string {
  const target = `${quoteIdentifier('postgresql', table)}.${quoteIdentifier('postgresql', column)}`
  return `comment on column ${target} is ${renderLiteral('postgresql', comment)}`
}
