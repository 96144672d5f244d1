import { pruneEmpty } from './table-difference.js'
import type { Correction } from './types.js'

/**
 * On SQLite only `integer primary key` is the auto-incrementing rowid, so a `bigint` (or
 * `smallint`) autoincrement key is created as `integer` — by MikroORM and by mig — and the
 * comparator then reports a type change on every run. An integer autoincrement key is what
 * such a model asks for on SQLite.
 */
export const sqliteRowidKeys: Correction = {
  name: 'sqlite-rowid-keys',
  dialects: ['sqlite'],
  amend(diff) {
    for (const difference of Object.values(diff.changedTables)) {
      for (const change of Object.values(difference.changedColumns)) {
        const { fromColumn, column } = change
        const integerKey = (mapped: string | undefined) => ['IntegerType', 'BigIntType', 'SmallIntType'].includes(mapped ?? '')
        if (fromColumn.autoincrement && column.autoincrement && /^integer$/i.test(fromColumn.type) && integerKey(column.mappedType?.constructor?.name)) {
          change.changedProperties.delete('type')
        }
      }
    }
    pruneEmpty(diff)
  },
}
