/**
 * The revision sources mig keeps beside the version table: one row per applied revision, with the
 * file's text as it was applied. A revision whose file is gone later (a `git switch`) can still be
 * downgraded from it (`mig sync`), and one whose file changed since is noticed by its hash.
 */
import { createHash } from 'node:crypto'
import type { Connection } from './connection.js'
import type { StoredRevision, StoredState } from './steps.js'
import { tableExists } from './version-table.js'

export type { StoredRevision, StoredState }

/** The source table of the database at `connection` as it is now, read only when asked. */
export function storedState(connection: Connection, versionTable: string): StoredState {
  const table = sourceTableName(versionTable)
  // Read once: `current` asks for phantoms and for edits from the same state.
  let revisions: Promise<StoredRevision[]> | undefined
  return { revisions: () => (revisions ??= readStoredRevisions(connection, table)), sources: (ids) => readStoredSources(connection, table, ids) }
}

/** Where a run records sources, and the git state it records with them; undefined turns keeping off. */
export interface SourceKeeping {
  readonly table: string
  /** Read when the first source is recorded: a run that records none (`current`) reads no git files. */
  provenance(): { readonly branch: string | null; readonly commit: string | null }
}

/** The source table of a version table (`mig_version` → `mig_version_source`). */
export function sourceTableName(versionTable: string): string {
  return `${versionTable}_source`
}

export function sourceHash(source: string): string {
  return createHash('sha256').update(source.replace(/\r\n/g, '\n')).digest('hex')
}

/** The table is created by the first run that records a source; `table` is a validated identifier. */
export function createSourceTableSql(table: string, dialect: Connection['dialect']): string {
  // MySQL's TEXT stops at 64 KB; a data migration can be larger.
  const text = dialect === 'mysql' ? 'MEDIUMTEXT' : 'TEXT'
  return [
    `CREATE TABLE ${table} (`,
    `    revision VARCHAR(32) NOT NULL, `,
    `    hash VARCHAR(64) NOT NULL, `,
    `    path VARCHAR(255) NOT NULL, `,
    `    source ${text} NOT NULL, `,
    `    applied_at VARCHAR(32) NOT NULL, `,
    `    git_branch VARCHAR(255), `,
    `    git_commit VARCHAR(64), `,
    `    CONSTRAINT ${table}_pkc PRIMARY KEY (revision, hash)`,
    `)`,
  ].join('\n')
}

export async function ensureSourceTable(connection: Connection, table: string): Promise<void> {
  if (!(await tableExists(connection, table))) await connection.execute(createSourceTableSql(table, connection.dialect))
}

/** What the table records (without the sources themselves); none when it does not exist. */
export async function readStoredRevisions(connection: Connection, table: string): Promise<StoredRevision[]> {
  if (!(await tableExists(connection, table))) return []
  const rows = await connection.query<{ revision: string; hash: string; path: string; applied_at: string; git_branch: string | null; git_commit: string | null }>(
    `SELECT revision, hash, path, applied_at, git_branch, git_commit FROM ${table} ORDER BY applied_at`,
  )
  return rows.map((row) => ({ revision: row.revision, hash: row.hash, path: row.path, appliedAt: row.applied_at, branch: row.git_branch, commit: row.git_commit }))
}

/** The stored source of each of `revisions` that has one. */
export async function readStoredSources(connection: Connection, table: string, revisions: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  if (revisions.length === 0 || !(await tableExists(connection, table))) return found
  const marks = revisions.map((_, index) => (connection.dialect === 'postgresql' ? `$${index + 1}` : '?')).join(', ')
  const rows = await connection.query<{ revision: string; source: string }>(`SELECT revision, source FROM ${table} WHERE revision IN (${marks})`, [...revisions])
  for (const row of rows) found.set(row.revision, row.source)
  return found
}

/** Records `revision` as applied from `source` (replacing what an earlier application recorded). */
export async function recordSource(
  connection: Connection,
  keeping: SourceKeeping,
  entry: { readonly revision: string; readonly path: string; readonly source: string },
): Promise<void> {
  const { table } = keeping
  const provenance = keeping.provenance()
  await connection.run(`DELETE FROM ${table} WHERE revision = ?`, [entry.revision])
  await connection.run(`INSERT INTO ${table} (revision, hash, path, source, applied_at, git_branch, git_commit) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    entry.revision,
    sourceHash(entry.source),
    entry.path,
    entry.source,
    new Date().toISOString(),
    provenance.branch,
    provenance.commit,
  ])
}

/** Forgets `revision`: it is no longer applied. */
export async function forgetSource(connection: Connection, table: string, revision: string): Promise<void> {
  await connection.run(`DELETE FROM ${table} WHERE revision = ?`, [revision])
}
