import { shortTableName } from '../neutral-table.js'
import { tableDifference } from './table-difference.js'
import type { Correction } from './types.js'

/**
 * Foreign keys pointing at a dropped table come back twice: in `orphanedForeignKeys`, and (when
 * the key is repointed to another table in the same change) in the table's `changedForeignKeys`.
 * MikroORM drops both, so on PostgreSQL the second `drop constraint` fails. This moves each
 * orphaned key into its own table's difference, once: dropped there unless that table already
 * drops or changes it, and forgotten when the table itself is dropped.
 */
export const foreignKeyDrops: Correction = {
  name: 'foreign-key-drops',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  amend(diff, context) {
    for (const foreignKey of diff.orphanedForeignKeys) {
      const name = shortTableName(foreignKey.localTableName)
      if (diff.removedTables[name]) continue
      const from = context.live.getTable(name)
      const to = context.target.getTable(name)
      if (!from || !to) continue
      const difference = tableDifference(diff, name, from, to)
      const key = foreignKey.constraintName
      if (difference.removedForeignKeys[key] || difference.changedForeignKeys[key]) continue
      difference.removedForeignKeys[key] = foreignKey
    }
    diff.orphanedForeignKeys = []
  },
}
