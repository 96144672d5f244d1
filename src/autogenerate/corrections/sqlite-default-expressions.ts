import { matchingParen } from './sqlite-ddl.js'
import type { Correction } from './types.js'

/**
 * SQLite takes an expression default only in parentheses (`default (lower(hex(randomblob(16))))`),
 * and MikroORM, mig and the user's `defaultRaw` write it so; but `pragma table_info`, which
 * MikroORM reads, reports it without them. Such a column then looked changed on every `check`
 * (on a database MikroORM created as on one mig did), and a move-and-copy of its table wrote
 * `default lower(...)`, which SQLite rejects. This puts the parentheses back on every default
 * that is not a literal.
 */
export const sqliteDefaultExpressions: Correction = {
  name: 'sqlite-default-expressions',
  dialects: ['sqlite'],
  prepare(context) {
    for (const table of context.live.getTables()) {
      for (const column of table.getColumns()) {
        if (typeof column.default === 'string' && needsParentheses(column.default)) column.default = `(${column.default})`
      }
    }
  },
}

/**
 * Whether SQLite needs `default` followed by parentheses for this: anything but a (signed)
 * number, a string or blob literal, `null`, `true`, `false`, `current_time`, `current_date`,
 * `current_timestamp`, or an expression already in parentheses.
 *
 * @example
 * needsParentheses('lower(hex(randomblob(16)))') // => true
 * needsParentheses("'reader'")                   // => false
 */
export function needsParentheses(value: string): boolean {
  const text = value.trim()
  const literal = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text) ||
    /^0x[0-9a-f]+$/i.test(text) ||
    /^'([^']|'')*'$/.test(text) ||
    /^x'[0-9a-f]*'$/i.test(text) ||
    /^(null|true|false|current_time|current_date|current_timestamp)$/i.test(text)
  const enclosed = text.startsWith('(') && matchingParen(text, 0) === text.length - 1
  return !literal && !enclosed
}
