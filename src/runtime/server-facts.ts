import { quoteIdentifier } from '../operations/quote.js'
import type { Executor } from '../operations/types.js'

/** What `mig lint` reads from a database: its server version and how full the touched tables are. */
export interface ServerFacts {
  /** What `SELECT version()` (PostgreSQL), `SELECT VERSION()` (MySQL/MariaDB) or `sqlite_version()` says. */
  readonly version: string
  /** Rows per table, counted up to `ROW_LIMIT + 1`; a table that does not exist (yet) has 0. */
  readonly rows: ReadonlyMap<string, number>
}

/** Counting stops past this many rows: "more than a million" is all a lint needs to know. */
export const ROW_LIMIT = 1_000_000

const VERSION_SQL = { postgresql: 'SELECT version() AS v', mysql: 'SELECT VERSION() AS v', sqlite: 'SELECT sqlite_version() AS v' } as const

const EXISTS_SQL = {
  postgresql: 'SELECT count(*) AS n FROM pg_class WHERE oid = to_regclass($1)',
  mysql: 'SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
  sqlite: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
} as const

/**
 * Reads the server version and counts the rows of `tables`, with reads only (a lint never
 * writes). A table is counted only when it exists, so a failed count never aborts anything.
 *
 * @example
 * await readServerFacts(connection, ['post']) // { version: 'PostgreSQL 16.2 ...', rows: Map { 'post' => 1204 } }
 */
export async function readServerFacts(executor: Executor, tables: readonly string[]): Promise<ServerFacts> {
  const { dialect } = executor
  const [row] = await executor.query<{ v: string }>(VERSION_SQL[dialect])
  const rows = new Map<string, number>()
  for (const table of new Set(tables)) {
    const name = dialect === 'postgresql' ? quoteIdentifier(dialect, table) : table
    const [exists] = await executor.query<{ n: number | string }>(EXISTS_SQL[dialect], [name])
    if (Number(exists?.n ?? 0) === 0) {
      rows.set(table, 0)
      continue
    }
    const [counted] = await executor.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM (SELECT 1 AS one FROM ${quoteIdentifier(dialect, table)} LIMIT ${ROW_LIMIT + 1}) counted`,
    )
    rows.set(table, Number(counted?.n ?? 0))
  }
  return { version: String(row?.v ?? ''), rows }
}
