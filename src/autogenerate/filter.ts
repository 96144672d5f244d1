import type { CheckDef, DatabaseTable, ForeignKey, IndexDef, SchemaDifference, TableDifference } from '@mikro-orm/knex'
import type { SchemaObject } from '../config/types.js'
import { pruneEmpty } from './corrections/table-difference.js'

export type { SchemaObject }

/** The user's filter (`includeObject` in mig.config.ts): false leaves the object out of autogenerate. */
export type IncludeObject = (object: SchemaObject) => boolean

export interface FilterOptions {
  readonly includeObject?: IncludeObject | undefined
  /** false: type and length changes are not compared (`compareType`). */
  readonly compareType: boolean
}

/**
 * Removes from the difference what the user asked autogenerate to ignore.
 *
 * @example
 * filterDifference(diff, { compareType: true, includeObject: ({ type, name }) => !(type === 'table' && name.startsWith('tmp_')) })
 */
export function filterDifference(diff: SchemaDifference, options: FilterOptions): void {
  const include = options.includeObject ?? (() => true)
  for (const part of ['newTables', 'removedTables', 'changedTables'] as const) {
    for (const name of Object.keys(diff[part])) if (!include({ type: 'table', name })) delete diff[part][name]
  }
  for (const table of Object.values(diff.newTables)) filterNewTable(table, include)
  for (const difference of Object.values(diff.changedTables)) {
    filterTable(difference, include)
    if (!options.compareType) {
      for (const change of Object.values(difference.changedColumns)) change.changedProperties.delete('type')
    }
  }
  pruneEmpty(diff)
}

/**
 * A new table's indexes, foreign keys and checks are asked about one by one. Its columns come
 * with it, as in Alembic: a table created without some of its model's columns could not be used.
 */
function filterNewTable(table: DatabaseTable, include: IncludeObject): void {
  const keep = (type: 'index' | 'foreignKey' | 'check', name: string) => include({ type, name, table: table.name })
  // Plain fields at runtime, private only in MikroORM's types.
  const parts = table as unknown as { indexes: IndexDef[]; foreignKeys: Record<string, ForeignKey>; checks: CheckDef[] }
  parts.indexes = parts.indexes.filter((index) => index.primary || keep('index', index.keyName))
  for (const name of Object.keys(parts.foreignKeys)) if (!keep('foreignKey', name)) delete parts.foreignKeys[name]
  parts.checks = parts.checks.filter((check) => keep('check', check.name))
}

function filterTable(difference: TableDifference, include: IncludeObject): void {
  const table = difference.name
  const keep = (type: 'column' | 'index' | 'foreignKey' | 'check', name: string) => include({ type, name, table })
  const sections = [
    ['column', ['addedColumns', 'removedColumns', 'changedColumns', 'renamedColumns']],
    ['index', ['addedIndexes', 'removedIndexes', 'changedIndexes', 'renamedIndexes']],
    ['check', ['addedChecks', 'removedChecks', 'changedChecks']],
    ['foreignKey', ['addedForeignKeys', 'removedForeignKeys', 'changedForeignKeys']],
  ] as const
  for (const [type, parts] of sections) {
    for (const part of parts) {
      const entries = difference[part] as Record<string, unknown>
      for (const name of Object.keys(entries)) if (!keep(type, nameOf(entries[name], name))) delete entries[name]
    }
  }
}

/** Renamed entries are keyed by their old name but the object carries the new one. */
function nameOf(entry: unknown, key: string): string {
  const object = entry as { name?: string; keyName?: string; constraintName?: string }
  return object.keyName ?? object.constraintName ?? key
}
