import { spawn } from 'node:child_process'
import { MYSQL_URL, POSTGRES_URL, scratchMysql, scratchPostgres } from '../helpers/databases.js'
import { sqliteQuery } from './schema-dump.js'

export type Dialect = 'sqlite' | 'postgresql' | 'mysql'

/** The dialects the corpus runs on: SQLite always, the servers when their URLs are set. */
export const DIALECTS: Array<{ dialect: Dialect; name: string; enabled: boolean }> = [
  { dialect: 'sqlite', name: 'SQLite', enabled: true },
  { dialect: 'postgresql', name: 'PostgreSQL', enabled: Boolean(POSTGRES_URL) },
  { dialect: 'mysql', name: 'MariaDB', enabled: Boolean(MYSQL_URL) },
]

/** One empty database: a SQLite file, or a scratch database on a server. */
export interface CorpusDatabase {
  /** What the project's config is given (`DATABASE_URL`): a server URL; for SQLite, the file. */
  readonly url: string
  query(sql: string): Promise<Record<string, unknown>[]>
  /** Runs a SQL script the way a DBA would: piped into the dialect's own command-line client. */
  pipe(sql: string): Promise<void>
  drop(): Promise<void>
}

export async function openDatabase(dialect: Dialect, sqliteFile: string): Promise<CorpusDatabase> {
  if (dialect === 'sqlite') {
    return { url: sqliteFile, query: sqliteQuery(sqliteFile), pipe: (sql) => runClient('sqlite3', ['-bail', sqliteFile], sql), drop: async () => {} }
  }
  const database = dialect === 'postgresql' ? await scratchPostgres() : await scratchMysql()
  return {
    url: database.url,
    query: (sql) => database.query<Record<string, unknown>>(sql),
    pipe: (sql) => (dialect === 'postgresql' ? runClient('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', database.url], sql) : runClient('mysql', mysqlArguments(database.url), sql)),
    drop: () => database.drop(),
  }
}

function mysqlArguments(url: string): string[] {
  const parsed = new URL(url)
  return [
    `--host=${parsed.hostname}`,
    `--port=${parsed.port || '3306'}`,
    `--user=${decodeURIComponent(parsed.username)}`,
    ...(parsed.password ? [`--password=${decodeURIComponent(parsed.password)}`] : []),
    parsed.pathname.slice(1),
  ]
}

function runClient(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      // psql reports errors on stderr but only ON_ERROR_STOP makes them fail; all three exit non-zero then.
      if (code === 0 && !/\bERROR\b/.test(output)) resolve()
      else reject(new Error(`${command} failed (exit ${code}):\n${output}`))
    })
    child.stdin.end(input)
  })
}
