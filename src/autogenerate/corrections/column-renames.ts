import type { Correction } from './types.js'

/**
 * The comparator turns a dropped and an added column with identical definitions into a rename,
 * silently: two unrelated `text` columns on SQLite qualify, while the same model change is a
 * drop + add on PostgreSQL (text vs varchar). mig never guesses: the pair goes back to a drop
 * and an add, and the revision gets a note suggesting `renameColumn` if a rename was meant.
 */
export const columnRenames: Correction = {
  name: 'column-renames',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  amend(diff, context) {
    for (const difference of Object.values(diff.changedTables)) {
      for (const [from, column] of Object.entries(difference.renamedColumns)) {
        const removed = difference.fromTable.getColumn(from)
        if (!removed) continue
        difference.removedColumns[from] = removed
        difference.addedColumns[column.name] = column
        context.columnRenames.push({ table: difference.name, from, to: column.name })
      }
      difference.renamedColumns = {}
    }
  },
}
