import type { DatabaseTable, SchemaDifference } from '@mikro-orm/knex'
import { CORRECTIONS, type CorrectionContext } from './corrections/index.js'
import { filterDifference, type FilterOptions } from './filter.js'
import type { OrmSession } from './orm.js'
import { propertyLookup } from './properties.js'

export interface CompareOptions extends FilterOptions {
  /**
   * Corrections to leave out, by name. For tests that show what each correction fixes;
   * never needed otherwise.
   */
  readonly skipCorrections?: readonly string[]
}

/** The corrected difference, with the facts the corrections found along the way. */
export interface Comparison {
  readonly diff: SchemaDifference
  readonly context: CorrectionContext
}

/**
 * Compares the live database with the models using MikroORM's comparator, with its known
 * defects corrected (see `corrections/`) and the user's filters applied.
 *
 * @example
 * const { diff } = await compareSchemas(session, { compareType: true })
 * Object.keys(diff.newTables) // ['user']
 */
export async function compareSchemas(session: OrmSession, options: CompareOptions): Promise<Comparison> {
  const skip = new Set(options.skipCorrections ?? [])
  const corrections = CORRECTIONS.filter((correction) => correction.dialects.includes(session.dialect) && !skip.has(correction.name))
  const context: CorrectionContext = {
    dialect: session.dialect,
    platform: session.platform,
    live: session.live,
    target: session.target,
    properties: propertyLookup(session.orm),
    query: session.query,
    enumCheckNames: new Map(),
    columnRenames: [],
    tableRenames: [],
  }
  for (const correction of corrections) await correction.prepare?.(context)
  const diff = new session.Comparator(session.platform).compare(session.live, session.target)
  plainTableNames(diff)
  for (const correction of corrections) correction.amend?.(diff, context)
  filterDifference(diff, options)
  return { diff, context }
}

/**
 * The comparator keys tables by `schema.table` on PostgreSQL (`public.user`); revisions name
 * tables alone (the operations quote a dot as part of the name), so the keys lose the schema.
 */
function plainTableNames(diff: SchemaDifference): void {
  const rekey = <T>(entries: Record<string, T>, table: (entry: T) => DatabaseTable) =>
    Object.fromEntries(Object.values(entries).map((entry) => [table(entry).name, entry]))
  diff.newTables = rekey(diff.newTables, (table) => table)
  diff.removedTables = rekey(diff.removedTables, (table) => table)
  diff.changedTables = rekey(diff.changedTables, (difference) => difference.toTable)
  for (const difference of Object.values(diff.changedTables)) difference.name = difference.toTable.name
}
