import { pruneEmpty } from './table-difference.js'
import type { Correction } from './types.js'

/**
 * SQLite has no comments, yet the comparator reports every model comment, of a column or of a
 * table, as changed there, forever. This drops comment changes on SQLite.
 */
export const sqliteComments: Correction = {
  name: 'sqlite-comments',
  dialects: ['sqlite'],
  amend(diff) {
    for (const difference of Object.values(diff.changedTables)) {
      delete difference.changedComment
      for (const change of Object.values(difference.changedColumns)) change.changedProperties.delete('comment')
    }
    pruneEmpty(diff)
  },
}
