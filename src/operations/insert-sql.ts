import { MigError } from '../errors.js'
import { renderLiteral } from './literals.js'
import { quoteIdentifier, quoteList } from './quote.js'
import type { Dialect, Row } from './types.js'
import { requireName } from './validate.js'

/** Rows per `insert` statement: large enough to be quick, small enough for any driver's packet limit. */
const ROWS_PER_STATEMENT = 500

/**
 * `insert` statements for literal rows (no bind parameters, so offline output is complete).
 * Consecutive rows with the same columns share a multi-row `insert`; a key that is missing or
 * `undefined` is left out, so the column's default applies — never silently `null`.
 *
 * @example
 * bulkInsertSql('postgresql', 'role', [{ id: 1, name: 'admin' }, { id: 2, name: "o'brien" }])
 * // => [`insert into "role" ("id", "name") values (1, 'admin'), (2, 'o''brien')`]
 */
export function bulkInsertSql(dialect: Dialect, table: string, rows: readonly Row[]): string[] {
  requireName('bulkInsert()', 'table name', table)
  if (!Array.isArray(rows)) throw new MigError('BAD_OPERATION', `bulkInsert('${table}'): the rows must be an array of objects`)
  const statements: string[] = []
  let group: { columns: string[]; key: string; values: string[] } | undefined
  const flush = () => {
    if (!group) return
    statements.push(`insert into ${quoteIdentifier(dialect, table)} (${quoteList(dialect, group.columns)}) values ${group.values.join(', ')}`)
    group = undefined
  }
  rows.forEach((row, index) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      throw new MigError('BAD_OPERATION', `bulkInsert('${table}'): row ${index + 1} is not an object`)
    }
    const columns = Object.keys(row).filter((column) => row[column] !== undefined)
    if (columns.length === 0) {
      flush()
      statements.push(defaultRowSql(dialect, table))
      return
    }
    // Rows with the same set of columns may list them in any order; the group's order wins.
    const key = JSON.stringify([...columns].sort())
    if (group && (group.key !== key || group.values.length >= ROWS_PER_STATEMENT)) flush()
    group ??= { columns, key, values: [] }
    const values = group.columns.map((column) => {
      try {
        return renderLiteral(dialect, row[column])
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new MigError('BAD_OPERATION', `bulkInsert('${table}'): row ${index + 1}, column '${column}': ${message}`, { cause: error })
      }
    })
    group.values.push(`(${values.join(', ')})`)
  })
  flush()
  return statements
}

function defaultRowSql(dialect: Dialect, table: string): string {
  // MySQL has no `default values`; an empty column list means the same there.
  if (dialect === 'mysql') return `insert into ${quoteIdentifier(dialect, table)} () values ()`
  return `insert into ${quoteIdentifier(dialect, table)} default values`
}
