import { enumCheckName } from '../neutral-table.js'
import { readConstraints } from './sqlite-ddl.js'
import type { Correction } from './types.js'

/**
 * MikroORM reads no check constraints on SQLite (`getChecks` returns `[]`), so a model check is
 * "added" on every comparison, and an enum whose check is not written exactly as MikroORM writes
 * it inline loses its items and never converges. This reads every check, named or inline, from
 * the `CREATE TABLE` text (enum checks become enums in `enum-checks`).
 */
export const sqliteChecks: Correction = {
  name: 'sqlite-checks',
  dialects: ['sqlite'],
  async prepare(context) {
    for (const table of context.live.getTables()) {
      const [definition] = await context.query<{ sql: string }>(`select sql from sqlite_master where type = 'table' and name = ?`, [table.name])
      let unnamed = 0
      for (const constraint of readConstraints(definition?.sql ?? '')) {
        if (constraint.kind !== 'check' || constraint.expression === undefined) continue
        const column = constraint.inline ? constraint.columns[0] : undefined
        const name = constraint.name ?? (column ? enumCheckName(table.name, column) : `${table.name}_check${++unnamed}`)
        if (table.hasCheck(name)) continue
        table.addCheck({ name, expression: constraint.expression, definition: `check (${constraint.expression})`, columnName: column })
      }
    }
  },
}
