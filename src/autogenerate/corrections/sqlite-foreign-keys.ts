import type { ForeignKey } from '@mikro-orm/knex'
import { readConstraints } from './sqlite-ddl.js'
import type { Correction, CorrectionContext } from './types.js'

interface ForeignKeyRow {
  id: number
  seq: number
  table: string
  from: string
  to: string | null
  on_update: string
  on_delete: string
}

/**
 * MikroORM's SQLite introspection keys foreign keys by column name while the models key them
 * by constraint name, so the comparator pairs nothing and every table with a foreign key shows
 * a spurious `removedForeignKeys` entry. It also splits composite keys into one key per column.
 * This re-reads them (one key per `pragma foreign_key_list` id, named as the `CREATE TABLE`
 * text names it, else as MikroORM names it) and keys them by constraint name.
 */
export const sqliteForeignKeys: Correction = {
  name: 'sqlite-foreign-keys',
  dialects: ['sqlite'],
  async prepare(context) {
    for (const table of context.live.getTables()) {
      const keys = await readForeignKeys(context, table.name)
      const current = table.getForeignKeys()
      for (const key of Object.keys(current)) delete current[key]
      for (const key of keys) current[key.constraintName] = key
    }
  },
}

async function readForeignKeys(context: CorrectionContext, table: string): Promise<ForeignKey[]> {
  const rows = await context.query<ForeignKeyRow>('select * from pragma_foreign_key_list(?) order by id, seq', [table])
  if (rows.length === 0) return []
  const [definition] = await context.query<{ sql: string }>(`select sql from sqlite_master where type = 'table' and name = ?`, [table])
  const named = readConstraints(definition?.sql ?? '').filter((constraint) => constraint.kind === 'foreign' && constraint.name)
  const byId = new Map<number, ForeignKeyRow[]>()
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row])
  return [...byId.values()].map((group) => {
    const columns = group.map((row) => row.from)
    const referenced = context.live.getTable(group[0]!.table)
    // `references author` without columns points at the primary key.
    const primary = referenced?.getPrimaryKey()?.columnNames ?? []
    const name =
      named.find((constraint) => constraint.columns.join('\0') === columns.join('\0'))?.name ??
      context.platform.getIndexName(table, columns, 'foreign')
    return {
      constraintName: name,
      columnNames: columns,
      localTableName: table,
      referencedTableName: group[0]!.table,
      referencedColumnNames: group.map((row, index) => row.to ?? primary[index] ?? row.from),
      updateRule: group[0]!.on_update.toLowerCase(),
      deleteRule: group[0]!.on_delete.toLowerCase(),
    }
  })
}
