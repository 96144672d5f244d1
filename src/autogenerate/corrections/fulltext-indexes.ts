import type { DatabaseTable, IndexDef } from '@mikro-orm/knex'
import { isSqliteFulltextIndex } from '../../operations/fulltext-index-sql.js'
import { keptTables, tableDifference } from './table-difference.js'
import type { Correction, CorrectionContext } from './types.js'

/**
 * MikroORM writes `@Index({ type: 'fulltext' })` as each dialect's own fulltext index but reads
 * none back as one: PostgreSQL's GIN over `to_tsvector(...)` comes back as an expression index,
 * MariaDB's FULLTEXT index as a plain one, and the comparator compares such indexes by name
 * only — so an index that became fulltext, or stopped being one, or indexes other columns, is
 * never seen. This reads the live fulltext indexes (on SQLite, the empty index mig writes in
 * their place) and reports an index whose type or fulltext columns changed as changed.
 */
export const fulltextIndexes: Correction = {
  name: 'fulltext-indexes',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  async prepare(context) {
    const read = { sqlite: readSqlite, postgresql: readPostgresql, mysql: readMysql }[context.dialect]
    for (const table of context.live.getTables()) await read(context, table)
  },
  amend(diff, context) {
    for (const [from, to] of keptTables(diff, context)) {
      for (const index of to.getIndexes()) {
        const live = from.getIndex(index.keyName)
        if (!live || index.primary || !fulltextChanged(live, index)) continue
        const difference = tableDifference(diff, to.name, from, to)
        delete difference.addedIndexes[index.keyName]
        delete difference.removedIndexes[index.keyName]
        difference.changedIndexes[index.keyName] = index
      }
    }
  },
}

function fulltextChanged(live: IndexDef, model: IndexDef): boolean {
  const fulltext = (index: IndexDef) => index.type === 'fulltext'
  if (fulltext(live) !== fulltext(model)) return true
  return fulltext(model) && live.columnNames.join('\0') !== model.columnNames.join('\0')
}

function markFulltext(index: IndexDef, columns: readonly string[]): void {
  Object.assign(index, { type: 'fulltext', columnNames: [...columns], composite: columns.length > 1, expression: undefined })
}

async function readSqlite(context: CorrectionContext, table: DatabaseTable): Promise<void> {
  const rows = await context.query<{ name: string; sql: string | null }>(`select name, sql from sqlite_master where type = 'index' and tbl_name = ?`, [table.name])
  for (const row of rows) {
    const index = table.getIndex(row.name)
    if (index && isSqliteFulltextIndex(row.sql)) markFulltext(index, index.columnNames)
  }
}

async function readMysql(context: CorrectionContext, table: DatabaseTable): Promise<void> {
  const rows = await context.query<{ index_name: string }>(
    `select distinct index_name as index_name from information_schema.statistics
     where table_schema = database() and table_name = ? and index_type = 'FULLTEXT'`,
    [table.name],
  )
  for (const row of rows) {
    const index = table.getIndex(row.index_name)
    if (index) markFulltext(index, index.columnNames)
  }
}

async function readPostgresql(_context: CorrectionContext, table: DatabaseTable): Promise<void> {
  for (const index of table.getIndexes()) {
    const columns = typeof index.expression === 'string' ? tsvectorColumns(index.expression, table) : undefined
    if (columns) markFulltext(index, columns)
  }
}

/**
 * The columns of a GIN index over `to_tsvector(...)`, as PostgreSQL prints its definition, in
 * the order they appear; undefined for any other index.
 *
 * @example
 * tsvectorColumns(`CREATE INDEX post_tb ON public.post USING gin (to_tsvector('simple'::regconfig, (((title)::text || ' '::text) || body)))`, post)
 * // => ['title', 'body']
 */
export function tsvectorColumns(definition: string, table: DatabaseTable): string[] | undefined {
  const match = /\busing\s+gin\s*\(\s*to_tsvector\s*\((.*)\)\s*\)\s*$/is.exec(definition)
  if (!match) return undefined
  const text = match[1]!.replace(/'(?:[^']|'')*'/g, ' ').replace(/::\s*(?:"[^"]*"|\w+(?:\s+varying)?)/g, ' ')
  const columns: string[] = []
  for (const [, quoted, bare] of text.matchAll(/"((?:[^"]|"")*)"|([A-Za-z_]\w*)/g)) {
    const name = quoted === undefined ? bare! : quoted.replaceAll('""', '"')
    if (table.getColumn(name) && !columns.includes(name)) columns.push(name)
  }
  return columns.length > 0 ? columns : undefined
}
