import type { DatabaseTable } from '@mikro-orm/knex'
import type { Correction } from './types.js'

/**
 * MikroORM sees a renamed table as a dropped table and a new one, which loses its rows. mig does
 * not guess either (a drop + create stays a drop + create), but when exactly one dropped and one
 * new table have the same column names (two or more), the revision gets a note that `renameTable` keeps the data.
 */
export const tableRenames: Correction = {
  name: 'table-renames',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  amend(diff, context) {
    const removed = Object.entries(diff.removedTables)
    const added = Object.entries(diff.newTables)
    for (const [from, old] of removed) {
      const matches = added.filter(([, table]) => sameColumns(old, table))
      if (matches.length !== 1) continue
      const [to, table] = matches[0]!
      if (removed.filter(([, other]) => sameColumns(other, table)).length !== 1) continue
      context.tableRenames.push({ table: to, from, to })
    }
  },
}

// A key column alone says nothing about what a table holds: at least two columns must match.
function sameColumns(a: DatabaseTable, b: DatabaseTable): boolean {
  if (a.getColumns().length < 2) return false
  const names = (table: DatabaseTable) => table.getColumns().map((column) => column.name).sort().join('\0')
  return names(a) === names(b)
}
