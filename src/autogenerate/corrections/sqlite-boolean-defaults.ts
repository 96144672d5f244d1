import { pruneEmpty } from './table-difference.js'
import type { Correction } from './types.js'

/**
 * SQLite has no boolean type: a boolean column is `integer` there, so MikroORM's comparator
 * takes its boolean branch only on the other dialects and compares SQLite defaults as text.
 * `p.boolean().default(0)` is `0` in the model and `false` once written (or the other way
 * round for a database MikroORM or knex created: `0`, `'0'`), and `check` never comes clean.
 * SQLite reads `true`/`false` as 1/0, and an integer column stores `'0'` as 0, so such
 * defaults are compared as the numbers SQLite stores.
 */
export const sqliteBooleanDefaults: Correction = {
  name: 'sqlite-boolean-defaults',
  dialects: ['sqlite'],
  amend(diff) {
    for (const difference of Object.values(diff.changedTables)) {
      for (const change of Object.values(difference.changedColumns)) {
        if (!change.changedProperties.has('default') || !integerAffinity(change.fromColumn.type)) continue
        const from = storedNumber(change.fromColumn.default)
        if (from !== undefined && from === storedNumber(change.column.default)) change.changedProperties.delete('default')
      }
    }
    pruneEmpty(diff)
  },
}

/**
 * The number an integer-affinity column stores for a default, or undefined when it is not one.
 *
 * @example
 * storedNumber('false') // => 0
 * storedNumber("'1'")   // => 1
 */
export function storedNumber(value: string | null | undefined): number | undefined {
  const text = value?.toString().trim().replace(/^\((.*)\)$/, '$1').replace(/^'(.*)'$/, '$1').trim().toLowerCase()
  if (text === 'true') return 1
  if (text === 'false') return 0
  return text !== undefined && /^[-+]?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined
}

// SQLite's first affinity rule: a declared type containing INT has integer affinity.
function integerAffinity(type: string | undefined): boolean {
  return /int/i.test(type ?? '')
}
