import type { Dialect } from './types.js'

/**
 * Quotes an identifier for the dialect. mig always quotes: `user` and `order` are reserved
 * words somewhere, and quoting also keeps the case the revision file wrote.
 *
 * @example
 * quoteIdentifier('postgresql', 'user') // => '"user"'
 * quoteIdentifier('mysql', 'my`table')  // => '`my``table`'
 */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  // A dot is part of the name, never a schema separator: schemas get their own option later,
  // so that `a.b` cannot silently mean two different things.
  const quote = dialect === 'mysql' ? '`' : '"'
  return quote + name.split(quote).join(quote + quote) + quote
}

/**
 * Quotes a list of column names for a column list such as `("a", "b")` (without the parentheses).
 *
 * @example
 * quoteList('sqlite', ['a', 'b']) // => '"a", "b"'
 */
export function quoteList(dialect: Dialect, names: readonly string[]): string {
  return names.map((name) => quoteIdentifier(dialect, name)).join(', ')
}
