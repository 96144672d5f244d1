import { OfflineScript } from '../runtime/offline.js'
import type { RunDatabase } from '../runtime/migration-run.js'

/**
 * The `--sql` script of every database: `write` fills one script per database; for multidb each
 * follows a `-- bind: <name>` header, so the one script can be split by database.
 *
 * @example
 * await offlineSql(databases, false, (database, output) => output.execute('CREATE TABLE t (id INTEGER)')) // 'CREATE TABLE t (id INTEGER);\n\n'
 */
export async function offlineSql(
  databases: readonly RunDatabase[],
  multidb: boolean,
  write: (database: RunDatabase, output: OfflineScript) => Promise<void>,
): Promise<string> {
  let sql = ''
  for (const database of databases) {
    const output = new OfflineScript(database.target.dialect)
    await write(database, output)
    sql += (multidb ? `-- bind: ${database.name}\n\n` : '') + output.toString()
  }
  return sql
}
