/** The options that let a change run on a busy table, per dialect (see `OnlineIndexOptions`, `NotValidOptions`). */
import { MigError } from '../errors.js'
import { quoteIdentifier } from './quote.js'
import type { Dialect, IndexAlgorithm, IndexLock, OnlineIndexOptions } from './types.js'
import { requireName } from './validate.js'

const ALGORITHMS: readonly IndexAlgorithm[] = ['DEFAULT', 'INPLACE', 'INSTANT', 'COPY']
const LOCKS: readonly IndexLock[] = ['DEFAULT', 'NONE', 'SHARED', 'EXCLUSIVE']

/**
 * Throws `BAD_OPERATION` for an online option mig cannot write (revision files may be plain
 * JavaScript, and a misspelt lock mode must not quietly become a blocking one).
 *
 * @example
 * validateOnlineIndex("op.createIndex('post_title_index')", { lock: 'none' as never }) // throws
 */
export function validateOnlineIndex(where: string, options: OnlineIndexOptions): void {
  if (options.concurrently !== undefined && typeof options.concurrently !== 'boolean') {
    throw new MigError('BAD_OPERATION', `${where}: concurrently is true or false`)
  }
  if (options.algorithm !== undefined && !ALGORITHMS.includes(options.algorithm)) {
    throw new MigError('BAD_OPERATION', `${where}: unknown algorithm ${JSON.stringify(options.algorithm)}; use one of ${ALGORITHMS.map((a) => `'${a}'`).join(', ')}`)
  }
  if (options.lock !== undefined && !LOCKS.includes(options.lock)) {
    throw new MigError('BAD_OPERATION', `${where}: unknown lock ${JSON.stringify(options.lock)}; use one of ${LOCKS.map((l) => `'${l}'`).join(', ')}`)
  }
}

/**
 * A `create index` or `drop index` statement with its online options for the dialect:
 * PostgreSQL's `concurrently` after `index`, MySQL/MariaDB's `algorithm=` and `lock=` at the end
 * (comma-separated after an `alter table`, as a fulltext index is written there; a drop becomes
 * `alter table ... drop index`, as MariaDB's `drop index` takes neither). The options of the
 * other dialects are ignored; SQLite has none.
 *
 * @example
 * onlineIndexSql('postgresql', 'create unique index "a" on "t" ("x")', { concurrently: true })
 * // => 'create unique index concurrently "a" on "t" ("x")'
 * onlineIndexSql('mysql', 'create index `a` on `t` (`x`)', { algorithm: 'INPLACE', lock: 'NONE' })
 * // => 'create index `a` on `t` (`x`) algorithm=inplace lock=none'
 */
export function onlineIndexSql(dialect: Dialect, statement: string, options: OnlineIndexOptions): string {
  if (dialect === 'postgresql' && options.concurrently) return statement.replace(/^((?:create|drop)(?: unique)? index) /, '$1 concurrently ')
  if (dialect !== 'mysql') return statement
  const clauses = [
    ...(options.algorithm ? [`algorithm=${options.algorithm.toLowerCase()}`] : []),
    ...(options.lock ? [`lock=${options.lock.toLowerCase()}`] : []),
  ]
  if (clauses.length === 0) return statement
  const drop = /^drop index (`(?:[^`]|``)+`) on (`(?:[^`]|``)+`)$/.exec(statement)
  const altered = drop ? `alter table ${drop[2]} drop index ${drop[1]}` : statement
  return altered.startsWith('alter table ') ? `${altered}, ${clauses.join(', ')}` : `${altered} ${clauses.join(' ')}`
}

/**
 * An `alter table ... add constraint` statement marked `not valid` on PostgreSQL when asked;
 * elsewhere unchanged (MySQL/MariaDB and SQLite check the rows as the constraint is added).
 *
 * @example
 * notValidSql('postgresql', 'alter table "t" add constraint "c" check (x > 0)', true)
 * // => 'alter table "t" add constraint "c" check (x > 0) not valid'
 */
export function notValidSql(dialect: Dialect, statement: string, notValid: boolean | undefined): string {
  return dialect === 'postgresql' && notValid === true ? `${statement} not valid` : statement
}

/**
 * Checks the existing rows against a constraint added `not valid` (PostgreSQL: `validate
 * constraint`, which locks less than adding a checked constraint does). Nothing on MySQL/MariaDB
 * and SQLite: there a constraint is checked against every row when it is added, so there is
 * nothing left to validate, and the same revision runs on every dialect.
 *
 * @example
 * validateConstraintSql('postgresql', 'book', 'book_author_id_foreign')
 * // => ['alter table "book" validate constraint "book_author_id_foreign"']
 */
export function validateConstraintSql(dialect: Dialect, table: string, name: string): string[] {
  requireName('validateConstraint()', 'table name', table)
  requireName(`validateConstraint('${table}')`, 'constraint name', name)
  if (dialect !== 'postgresql') return []
  return [`alter table ${quoteIdentifier(dialect, table)} validate constraint ${quoteIdentifier(dialect, name)}`]
}
