import { MigError } from '../errors.js'
import type { VersionChange as VersionRowChange } from './steps.js'
import type { Connection } from './connection.js'

/**
 * The version table: one row per current head. `table` is validated as a plain identifier when
 * the config is read, so it is safe to splice into SQL.
 */
export function createVersionTableSql(table: string): string {
  return `CREATE TABLE ${table} (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT ${table}_pkc PRIMARY KEY (version_num)\n)`
}

/** The statement for one row change, with literals (for `--sql` output). */
export function versionChangeSql(table: string, change: VersionRowChange): string {
  switch (change.kind) {
    case 'insert':
      return `INSERT INTO ${table} (version_num) VALUES ('${change.id}')`
    case 'update':
      return `UPDATE ${table} SET version_num='${change.to}' WHERE ${table}.version_num = '${change.from}'`
    case 'delete':
      return `DELETE FROM ${table} WHERE ${table}.version_num = '${change.id}'`
  }
}

/** Whether `table` exists in the connection's database (schema); mig's own tables are looked up this way. */
export async function tableExists(connection: Connection, table: string): Promise<boolean> {
  const sql = {
    sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`,
    postgresql: `SELECT to_regclass($1) AS name`,
    mysql: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?`,
  }[connection.dialect]
  const rows = await connection.query<{ name: string | null }>(sql, [table])
  return rows.length > 0 && rows[0]!.name !== null
}

/** The current heads, or none when the table does not exist yet (nothing is created). */
export async function readVersions(connection: Connection, table: string): Promise<string[]> {
  if (!(await tableExists(connection, table))) return []
  const rows = await connection.query<{ version_num: string }>(`SELECT version_num FROM ${table}`)
  return rows.map((row) => row.version_num)
}

export async function ensureVersionTable(connection: Connection, table: string): Promise<void> {
  if (!(await tableExists(connection, table))) await connection.execute(createVersionTableSql(table))
}

/**
 * Applies row changes; an update or delete that does not hit exactly one row means the table was
 * changed behind mig's back, and the step is rolled back rather than guessed at.
 */
export async function applyVersionChanges(
  connection: Connection,
  table: string,
  changes: readonly VersionRowChange[],
): Promise<void> {
  for (const change of changes) {
    if (change.kind === 'insert') {
      await connection.run(`INSERT INTO ${table} (version_num) VALUES (?)`, [change.id])
      continue
    }
    const hit =
      change.kind === 'update'
        ? await connection.run(`UPDATE ${table} SET version_num = ? WHERE version_num = ?`, [change.to, change.from])
        : await connection.run(`DELETE FROM ${table} WHERE version_num = ?`, [change.id])
    if (hit !== 1) {
      const row = change.kind === 'update' ? change.from : change.id
      throw new MigError(
        'VERSION_TABLE',
        `Version table ${table}: expected one row '${row}' to ${change.kind}, found ${hit}; was it changed by hand? (see 'mig stamp --purge')`,
      )
    }
  }
}

export async function purgeVersions(connection: Connection, table: string): Promise<void> {
  if (await tableExists(connection, table)) await connection.execute(`DELETE FROM ${table}`)
}
