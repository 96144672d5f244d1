import { MigError } from '../errors.js'
import { isSqliteFulltextIndex } from './fulltext-index-sql.js'
import { defaultName } from './names.js'
import { parseCreateTable, type ParsedConstraint } from './sqlite-ddl-parse.js'
import type { CurrentTable, RawIndex } from './table-model.js'
import type { CheckSpec, ColumnSpec, Executor, ForeignKeySpec, IndexSpec, ReferentialAction, UniqueSpec } from './types.js'

interface ColumnRow { name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }
interface IndexRow { name: string; unique: number; origin: string; partial: number }
interface IndexColumnRow { cid: number; name: string | null; desc: number; coll: string | null; key: number }
interface ForeignKeyRow { id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }

/**
 * Reads a live SQLite table back into a definition for the move-and-copy (online only): the
 * columns, key and foreign keys from the pragmas, and from the stored `create table` text what
 * only it holds — check constraints, constraint names and `autoincrement`. Indexes a column list
 * cannot describe (expressions, partial, collations) and triggers are kept as their SQL.
 *
 * Declared types are restated verbatim, so the columns a batch leaves alone keep their exact
 * type text; defaults come back as raw SQL for the same reason.
 *
 * @example
 * const current = await reflectSqliteTable(executor, 'item')
 * current.definition.columns // => [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'text', defaultRaw: "'0'" }]
 */
export async function reflectSqliteTable(executor: Executor, table: string): Promise<CurrentTable> {
  const [master] = await executor.query<{ sql: string }>(`select sql from sqlite_master where type = 'table' and name = ?`, [table])
  if (!master) throw new MigError('BAD_OPERATION', `batchAlterTable('${table}'): there is no table '${table}' in the database`)
  const parsed = parseCreateTable(master.sql)

  const rows = await executor.query<ColumnRow>('select name, type, "notnull", dflt_value, pk, hidden from pragma_table_xinfo(?) order by cid', [table])
  const generated = rows.find((row) => row.hidden !== 0)
  if (generated) {
    throw new MigError('UNSUPPORTED', `batchAlterTable('${table}'): column '${generated.name}' is generated or hidden; mig cannot copy such a table, change it with op.execute()`)
  }
  const primaryKey = rows.filter((row) => row.pk > 0).sort((a, b) => a.pk - b.pk).map((row) => row.name)
  const verbatimTypes = new Set<string>()
  const columns = rows.map((row): ColumnSpec => {
    if (row.name === parsed.autoincrement) return { name: row.name, type: 'integer', autoincrement: true }
    verbatimTypes.add(row.name)
    return {
      name: row.name,
      // A column declared without a type has BLOB affinity, the same as `blob`.
      type: parsed.types.get(row.name) ?? (row.type === '' ? 'blob' : row.type),
      // A key column is NOT NULL in the copy either way (mig never declares a nullable key).
      ...(row.pk > 0 ? {} : { nullable: row.notnull === 0 }),
      ...(row.dflt_value === null ? {} : { defaultRaw: row.dflt_value }),
    }
  })

  const { indexes, uniques, rawIndexes } = await reflectIndexes(executor, table, parsed.uniques)
  return {
    definition: {
      columns,
      primaryKey: parsed.autoincrement ? [parsed.autoincrement] : primaryKey,
      indexes,
      uniques,
      foreignKeys: await reflectForeignKeys(executor, table, parsed.foreignKeys),
      checks: namedChecks(table, parsed.checks),
    },
    verbatimTypes,
    rawIndexes,
    triggers: (await executor.query<{ sql: string }>(`select sql from sqlite_master where type = 'trigger' and tbl_name = ? order by rowid`, [table]))
      .map((row) => row.sql),
  }
}

async function reflectIndexes(executor: Executor, table: string, parsedUniques: readonly ParsedConstraint[]) {
  const indexes: IndexSpec[] = []
  const uniques: UniqueSpec[] = []
  const rawIndexes: RawIndex[] = []
  const list = await executor.query<IndexRow>('select name, "unique", origin, partial from pragma_index_list(?)', [table])
  for (const index of list) {
    if (index.origin === 'pk') continue
    const keyColumns = (await executor.query<IndexColumnRow>('select cid, name, "desc", coll, "key" from pragma_index_xinfo(?) order by seqno', [index.name]))
      .filter((row) => row.key === 1)
    const columns = keyColumns.map((row) => row.name ?? '')
    if (index.origin === 'u') {
      // A `unique` written in `create table`: SQLite names it sqlite_autoindex_*; mig gives it the constraint's name.
      const named = parsedUniques.find((unique) => sameColumns(unique.columns, columns) && unique.name !== undefined)
      uniques.push({ name: named?.name ?? defaultName('sqlite', table, columns, 'unique'), columns })
      continue
    }
    const plainColumns = keyColumns.every((row) => row.cid >= 0 && row.desc === 0 && (row.coll ?? 'BINARY').toUpperCase() === 'BINARY')
    if (plainColumns && index.partial === 0) {
      indexes.push({ name: index.name, columns, unique: index.unique === 1 })
      continue
    }
    const [row] = await executor.query<{ sql: string }>(`select sql from sqlite_master where type = 'index' and name = ?`, [index.name])
    if (plainColumns && isSqliteFulltextIndex(row!.sql)) indexes.push({ name: index.name, columns, type: 'fulltext' })
    else rawIndexes.push({ name: index.name, sql: row!.sql })
  }
  return { indexes, uniques, rawIndexes }
}

async function reflectForeignKeys(executor: Executor, table: string, parsed: readonly ParsedConstraint[]): Promise<ForeignKeySpec[]> {
  const rows = await executor.query<ForeignKeyRow>('select id, seq, "table", "from", "to", on_update, on_delete from pragma_foreign_key_list(?) order by id, seq', [table])
  const byId = new Map<number, ForeignKeyRow[]>()
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row])
  // SQLite numbers foreign keys from the last declared one; declaration order keeps the copy's text stable.
  const groups = [...byId.entries()].sort(([a], [b]) => b - a).map(([, group]) => group)
  const unused = [...parsed]
  const foreignKeys: ForeignKeySpec[] = []
  for (const group of groups) {
    const first = group[0]!
    const columns = group.map((row) => row.from)
    let referenced = group.map((row) => row.to)
    if (referenced.some((column) => column === null)) {
      // `references parent` without columns means the parent's primary key.
      referenced = (await executor.query<{ name: string }>('select name from pragma_table_info(?) where pk > 0 order by pk', [first.table])).map((row) => row.name)
    }
    const at = unused.findIndex((entry) => sameColumns(entry.columns, columns))
    const name = (at >= 0 ? unused.splice(at, 1)[0]!.name : undefined) ?? defaultName('sqlite', table, columns, 'foreign')
    foreignKeys.push({
      name,
      columns,
      references: { table: first.table, columns: referenced as string[] },
      ...action('onDelete', first.on_delete),
      ...action('onUpdate', first.on_update),
    })
  }
  return foreignKeys
}

function action(key: 'onDelete' | 'onUpdate', value: string): Partial<Record<'onDelete' | 'onUpdate', ReferentialAction>> {
  const normalized = value.toLowerCase()
  // NO ACTION is what SQLite reports when the clause was left out; restating it would change the text.
  return normalized === 'no action' || normalized === '' ? {} : { [key]: normalized as ReferentialAction }
}

function namedChecks(table: string, checks: ReturnType<typeof parseCreateTable>['checks']): CheckSpec[] {
  let unnamed = 0
  return checks.map((check) => ({
    // MikroORM names a column's (enum) check <table>_<column>_check.
    name: check.name ?? (check.column ? `${table}_${check.column}_check` : `${table}_${++unnamed}_check`),
    expression: check.expression,
  }))
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((column, i) => column.toLowerCase() === b[i]!.toLowerCase())
}
