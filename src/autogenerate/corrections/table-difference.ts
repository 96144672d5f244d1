import type { DatabaseSchema, DatabaseTable, SchemaDifference, TableDifference } from '@mikro-orm/knex'

const PARTS = [
  'addedColumns', 'changedColumns', 'removedColumns', 'renamedColumns', 'addedIndexes', 'changedIndexes', 'removedIndexes',
  'renamedIndexes', 'addedChecks', 'changedChecks', 'removedChecks', 'addedForeignKeys', 'changedForeignKeys', 'removedForeignKeys',
] as const

/**
 * True when a corrected table difference no longer changes anything.
 *
 * @example
 * isEmpty(diff.changedTables.book!) // => false
 */
export function isEmpty(difference: TableDifference): boolean {
  // A removed comment is `changedComment: undefined`: the key itself says the comment changed.
  return !('changedComment' in difference) && PARTS.every((part) => Object.keys(difference[part]).length === 0)
}

/**
 * Drops the column and table differences corrections emptied, so no empty batch is generated.
 *
 * @example
 * change.changedProperties.delete('comment'); pruneEmpty(diff)
 */
export function pruneEmpty(diff: SchemaDifference): void {
  for (const [name, difference] of Object.entries(diff.changedTables)) {
    for (const [column, change] of Object.entries(difference.changedColumns)) {
      if (change.changedProperties.size === 0) delete difference.changedColumns[column]
    }
    if (isEmpty(difference)) delete diff.changedTables[name]
  }
}

/**
 * The difference of a table, created empty when the comparator found none.
 *
 * @example
 * tableDifference(diff, 'e2', live.getTable('e2')!, target.getTable('e2')!).removedForeignKeys[name] = key
 */
export function tableDifference(diff: SchemaDifference, name: string, from: DatabaseTable, to: DatabaseTable): TableDifference {
  diff.changedTables[name] ??= {
    name,
    fromTable: from,
    toTable: to,
    ...(Object.fromEntries(PARTS.map((part) => [part, {}])) as Pick<TableDifference, (typeof PARTS)[number]>),
  }
  return diff.changedTables[name]
}

/**
 * The tables the comparison keeps (neither new nor dropped), as [live, model] pairs.
 *
 * @example
 * for (const [from, to] of keptTables(diff, context)) from.getColumn('title')
 */
export function keptTables(diff: SchemaDifference, sides: { readonly live: DatabaseSchema; readonly target: DatabaseSchema }): [DatabaseTable, DatabaseTable][] {
  return sides.target.getTables().flatMap((to): [DatabaseTable, DatabaseTable][] => {
    const from = sides.live.getTable(to.name)
    return from && !diff.newTables[to.name] && !diff.removedTables[to.name] ? [[from, to]] : []
  })
}
