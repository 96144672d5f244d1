import { pruneEmpty } from './table-difference.js'
import type { Correction } from './types.js'

/**
 * MikroORM indexes foreign-key columns on SQLite and MySQL but not on PostgreSQL, so a revision
 * generated on SQLite creates `book_author_id_index` there too, and PostgreSQL's comparison
 * then wants it dropped — on every run, in every project that shares revisions across
 * dialects. An index MikroORM would have made for a foreign key the model still has is kept.
 */
export const foreignKeyIndexes: Correction = {
  name: 'foreign-key-indexes',
  dialects: ['postgresql'],
  amend(diff, context) {
    for (const difference of Object.values(diff.changedTables)) {
      const keys = Object.values(difference.toTable.getForeignKeys())
      for (const [name, index] of Object.entries(difference.removedIndexes)) {
        if (index.unique || index.primary) continue
        const columns = index.columnNames.join('\0')
        const key = keys.find((candidate) => candidate.columnNames.join('\0') === columns)
        if (key && name === context.platform.getIndexName(difference.toTable.name, index.columnNames, 'index')) {
          delete difference.removedIndexes[name]
        }
      }
    }
    pruneEmpty(diff)
  },
}
