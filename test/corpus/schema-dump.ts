import Database from 'better-sqlite3'
import type { Dialect } from './databases.js'

// A database's schema as sorted lines, read from the catalog (never through MikroORM or mig,
// whose output is what is being compared): tables, columns with type/nullability/default,
// indexes with their kind and columns, primary, unique, check and foreign-key constraints,
// and comments. Two dumps are equal exactly when the two schemas are.

type Query = (sql: string) => Promise<Record<string, unknown>[]>

export async function dumpSchema(dialect: Dialect, query: Query): Promise<string[]> {
  const lines = dialect === 'sqlite' ? await dumpSqlite(query) : dialect === 'postgresql' ? await dumpPostgres(query) : await dumpMysql(query)
  return lines.sort()
}

/** A `query` for a SQLite file, opened read-only per call. */
export function sqliteQuery(file: string): Query {
  return async (sql) => {
    const db = new Database(file, { readonly: true })
    try {
      return db.prepare(sql).all() as Record<string, unknown>[]
    } finally {
      db.close()
    }
  }
}

/** Lines of `actual` missing from `expected` (`+ …`) and of `expected` missing from `actual` (`- …`). */
export function diffDumps(actual: string[], expected: string[]): string[] {
  const inExpected = new Set(expected)
  const inActual = new Set(actual)
  return [...actual.filter((line) => !inExpected.has(line)).map((line) => `+ ${line}`), ...expected.filter((line) => !inActual.has(line)).map((line) => `- ${line}`)]
}

async function dumpSqlite(query: Query): Promise<string[]> {
  const lines: string[] = []
  const tables = await query("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
  for (const { name, sql } of tables as Array<{ name: string; sql: string }>) {
    lines.push(`table ${name}`)
    for (const column of await query(`pragma table_xinfo(\`${name}\`)`)) {
      lines.push(`column ${name}.${column.name} ${String(column.type).toLowerCase()}${column.notnull ? ' not null' : ''}${column.pk ? ` pk${column.pk}` : ''}${column.dflt_value === null ? '' : ` default ${column.dflt_value}`}`)
    }
    for (const index of await query(`pragma index_list(\`${name}\`)`)) {
      const columns = (await query(`pragma index_info(\`${index.name}\`)`)).map((column) => column.name ?? '<expression>')
      const [definition] = index.partial ? await query(`select sql from sqlite_master where type = 'index' and name = '${index.name}'`) : []
      const where = definition ? ` where ${String(definition.sql).replace(/^.*\swhere\s/is, '').trim()}` : ''
      lines.push(`index ${name}.${index.name} ${index.unique ? 'unique ' : ''}origin=${index.origin} (${columns.join(', ')})${where}`)
    }
    const keys = new Map<number, Array<Record<string, unknown>>>()
    for (const row of await query(`pragma foreign_key_list(\`${name}\`)`)) keys.set(row.id as number, [...(keys.get(row.id as number) ?? []), row])
    for (const rows of keys.values()) {
      const first = rows[0]!
      lines.push(`foreign key ${name} (${rows.map((row) => row.from).join(', ')}) references ${first.table} (${rows.map((row) => row.to).join(', ')}) on update ${String(first.on_update).toLowerCase()} on delete ${String(first.on_delete).toLowerCase()}`)
    }
    for (const check of checkClauses(sql)) lines.push(`check ${name} ${check}`)
  }
  return lines
}

// The `check (...)` clauses of a CREATE TABLE statement, with their nested parentheses.
function checkClauses(sql: string): string[] {
  const checks: string[] = []
  const pattern = /\bcheck\s*\(/gi
  for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) {
    let depth = 1
    let end = match.index + match[0].length
    for (; end < sql.length && depth > 0; end++) {
      if (sql[end] === '(') depth++
      else if (sql[end] === ')') depth--
      else if (sql[end] === "'") end = sql.indexOf("'", end + 1)
    }
    // SQLite keeps the clause as written: identifier quotes are spelling, not meaning.
    checks.push(sql.slice(match.index + match[0].length, end - 1).replace(/[`"]/g, '').replace(/\s+/g, ' ').trim())
  }
  return checks
}

async function dumpPostgres(query: Query): Promise<string[]> {
  const lines: string[] = []
  const columns = await query(`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
      pg_get_expr(d.adbin, d.adrelid) as default, col_description(c.oid, a.attnum) as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
    where n.nspname = 'public' and c.relkind = 'r'`)
  for (const row of columns) {
    lines.push(`column ${row.table}.${row.column} ${row.type}${row.notnull ? ' not null' : ''}${row.default === null ? '' : ` default ${row.default}`}${row.comment === null ? '' : ` comment ${row.comment}`}`)
  }
  for (const row of await query("select c.relname as table, obj_description(c.oid, 'pg_class') as comment from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'")) {
    lines.push(`table ${row.table}${row.comment === null ? '' : ` comment ${row.comment}`}`)
  }
  for (const row of await query("select tablename as table, indexname as name, indexdef as definition from pg_indexes where schemaname = 'public'")) {
    lines.push(`index ${row.table}.${row.name} ${String(row.definition).replace(/ ON (public\.)?("?)(\w+)\2 /, ' ON $3 ').replace(/"public"\./g, '')}`)
  }
  for (const row of await query("select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where connamespace = 'public'::regnamespace")) {
    lines.push(`constraint ${String(row.table).replace(/"/g, '')}.${row.name} ${row.definition}`)
  }
  for (const row of await query("select t.typname as name, string_agg(e.enumlabel, ', ' order by e.enumsortorder) as labels from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname")) {
    lines.push(`enum type ${row.name} (${row.labels})`)
  }
  return lines
}

async function dumpMysql(query: Query): Promise<string[]> {
  const lines: string[] = []
  for (const row of await query('select table_name as `table`, table_comment as comment from information_schema.tables where table_schema = database()')) {
    lines.push(`table ${row.table}${row.comment ? ` comment ${row.comment}` : ''}`)
  }
  const columns = await query(`select table_name as \`table\`, column_name as \`column\`, column_type as type, is_nullable as nullable,
      column_default as \`default\`, extra, column_comment as comment
    from information_schema.columns where table_schema = database()`)
  for (const row of columns) {
    lines.push(`column ${row.table}.${row.column} ${row.type}${row.nullable === 'NO' ? ' not null' : ''}${row.default === null ? '' : ` default ${row.default}`}${row.extra ? ` ${row.extra}` : ''}${row.comment ? ` comment ${row.comment}` : ''}`)
  }
  const indexes = await query(`select table_name as \`table\`, index_name as name, non_unique as nonUnique, index_type as type,
      group_concat(column_name order by seq_in_index separator ', ') as columns
    from information_schema.statistics where table_schema = database() group by table_name, index_name, non_unique, index_type`)
  for (const row of indexes) {
    lines.push(`index ${row.table}.${row.name} ${Number(row.nonUnique) ? '' : 'unique '}${String(row.type).toLowerCase()} (${row.columns})`)
  }
  const keys = await query(`select k.table_name as \`table\`, k.constraint_name as name, group_concat(k.column_name order by k.ordinal_position separator ', ') as columns,
      k.referenced_table_name as target, group_concat(k.referenced_column_name order by k.ordinal_position separator ', ') as targetColumns,
      r.update_rule as onUpdate, r.delete_rule as onDelete
    from information_schema.key_column_usage k join information_schema.referential_constraints r
      on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name
    where k.table_schema = database() and k.referenced_table_name is not null
    group by k.table_name, k.constraint_name, k.referenced_table_name, r.update_rule, r.delete_rule`)
  for (const row of keys) {
    lines.push(`foreign key ${row.table}.${row.name} (${row.columns}) references ${row.target} (${row.targetColumns}) on update ${String(row.onUpdate).toLowerCase()} on delete ${String(row.onDelete).toLowerCase()}`)
  }
  for (const row of await query('select table_name as `table`, constraint_name as name, check_clause as clause from information_schema.check_constraints where constraint_schema = database()')) {
    lines.push(`check ${row.table}.${row.name} ${row.clause}`)
  }
  return lines
}
