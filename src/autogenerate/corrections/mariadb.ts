import type { Column } from '@mikro-orm/knex'
import type { Correction, CorrectionContext } from './types.js'

interface ColumnRow {
  table_name: string
  column_name: string
  column_default: string | null
  data_type: string
}

/**
 * MikroORM's MySQL driver reads MariaDB's information schema as if it were MySQL's, and two
 * things never converge:
 * - defaults: MariaDB reports them as SQL (`'draft'`, `NULL`), MySQL as bare values; MikroORM
 *   quotes them again (`'\'draft\''`, `'NULL'`), so every string default and every nullable
 *   text column without one looks changed. This re-reads them the MariaDB way.
 * - json: MariaDB stores a json column as `longtext` with a `json_valid(...)` check; MikroORM
 *   sees a longtext column and a foreign check. This turns them back into a json column.
 */
export const mariadbIntrospection: Correction = {
  name: 'mariadb-introspection',
  dialects: ['mysql'],
  async prepare(context) {
    if (!(await isMariaDb(context))) return
    const rows = await context.query<ColumnRow>(
      `select table_name as table_name, column_name as column_name, column_default as column_default, data_type as data_type
       from information_schema.columns where table_schema = database()`,
    )
    const json = context.platform.getMappedType('json')
    for (const table of context.live.getTables()) {
      const checks = table.getChecks()
      for (const column of table.getColumns()) {
        const row = rows.find((candidate) => candidate.table_name === table.name && candidate.column_name === column.name)
        if (!row) continue
        column.default = mariadbDefault(row.column_default, column)
        const jsonCheck = checks.findIndex((check) => typeof check.expression === 'string' &&
          new RegExp(`^\\(?json_valid\\(\`${column.name}\`\\)\\)?$`, 'i').test(check.expression.trim()))
        if (row.data_type === 'longtext' && jsonCheck >= 0) {
          column.type = 'json'
          column.mappedType = json
          column.length = undefined
          checks.splice(jsonCheck, 1)
        }
      }
    }
  },
}

async function isMariaDb(context: CorrectionContext): Promise<boolean> {
  const [row] = await context.query<{ version: string }>('select version() as version')
  return /mariadb/i.test(row?.version ?? '')
}

/** MariaDB's `column_default` as the SQL MikroORM's models carry (`'draft'`, `3`, `true`, `current_timestamp()`). */
function mariadbDefault(value: string | null, column: Column): string | null {
  if (value === null || value === 'NULL') return null
  if (column.mappedType.compareAsType() === 'boolean' && (value === '0' || value === '1')) return value === '1' ? 'true' : 'false'
  return value
}
