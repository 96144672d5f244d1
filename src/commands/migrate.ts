import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import type { DetectedChange } from '../autogenerate/index.js'
import { readVersions } from '../runtime/version-table.js'
import { isMultidb } from './binds.js'
import { loadScript, withDatabase, type DatabaseCommandOptions, type Script } from './common.js'
import { writeNewRevision, type RevisionOptions } from './revision.js'

export type MigrateCommandOptions = DatabaseCommandOptions & Omit<RevisionOptions, 'upgrades' | 'downgrades' | 'imports'> & {
  /**
   * Compare the models with an empty database of the configured dialect, not with the
   * database's schema: the revision creates every table. The baseline for a database that
   * already has the schema (one MikroORM created): write it, then `stamp head` that database.
   * Its schema and version table are not read. In a repository that has revisions already,
   * `head` must say where the revision goes (`base` for a new base). Default false.
   */
  fromEmpty?: boolean
}

export interface MigrateCommandResult {
  /** What the models have that the database has not (empty: nothing written). */
  changes: DetectedChange[]
  /** The revision written, when there were changes. */
  id?: string
  path?: string
  /** Multidb only: each bind's changes (possibly none), in config order. */
  binds?: Array<{ bind: string; changes: DetectedChange[] }>
  /** What to do next when nothing was written but the database is not under mig yet. */
  note?: string
}

/**
 * No changes and no revisions: the database already has the models' tables (MikroORM made
 * them), and the user who just ran `init` and `migrate` needs the baseline path.
 */
const ADOPT_NOTE =
  "The database already has the models' tables, but no revision creates them: write a baseline with " +
  "'mig migrate --from-empty -m baseline', then record that the database has it with 'mig stamp head'."

/**
 * `revision --autogenerate`: compares the models with the database, which must be at the heads,
 * and writes a revision with the operations that bring the database to the models.
 *
 * @example
 * const { changes, path } = await migrate(config, { message: 'add email' })
 * changes.map((c) => c.message) // ["Detected added column 'user.email'"]
 * await migrate(config, { message: 'baseline', fromEmpty: true }) // creates every table
 */
export async function migrate(config: MigConfig, options: MigrateCommandOptions = {}): Promise<MigrateCommandResult> {
  const fromEmpty = Boolean(options.fromEmpty)
  if (isMultidb(config)) {
    const { allChanges, compareBinds, renderBindRevision } = await import('./migrate-binds.js')
    const script = await loadScript(config)
    if (fromEmpty) requireBaselinePlace(script, options)
    const found = await compareBinds(config, script, { ...options, fromEmpty }, 'migrate')
    const changes = allChanges(found)
    const binds = found.map((f) => ({ bind: f.bind, changes: f.changes }))
    // One revision covers every bind; nothing is written only when no bind has a change.
    if (changes.length === 0) return { changes, binds, ...adoptNote(script) }
    return { changes, binds, ...writeNewRevision(config, script, { ...options, ...renderBindRevision(found) }) }
  }
  const script = await loadScript(config)
  if (fromEmpty) requireBaselinePlace(script, options)
  return withDatabase(config, script, 'migrate', options, async (connection) => {
    // From empty, the database is not compared: where its version table stands does not matter.
    if (!fromEmpty) await requireUpToDate(script, await readVersions(connection, config.versionTable))
    const { autogenerate } = await import('../autogenerate/index.js')
    const result = await autogenerate(config, connection.target, { versionTable: config.versionTable, fromEmpty })
    if (result.changes.length === 0) return { changes: [], ...adoptNote(script) }
    const written = writeNewRevision(config, script, { ...options, upgrades: result.upgrades, downgrades: result.downgrades, imports: result.imports })
    return { changes: result.changes, ...written }
  })
}

export interface CheckResult {
  /** Pending model changes; empty when the migrations cover the models. */
  changes: DetectedChange[]
  /** Multidb only: each bind's changes (possibly none), in config order. */
  binds?: Array<{ bind: string; changes: DetectedChange[] }>
}

/**
 * The comparison of `migrate` without writing anything: for CI. A database behind the heads
 * is an error.
 *
 * @example
 * if ((await check(config)).changes.length > 0) process.exitCode = 1
 */
export async function check(config: MigConfig, options: DatabaseCommandOptions = {}): Promise<CheckResult> {
  if (isMultidb(config)) {
    const { allChanges, compareBinds } = await import('./migrate-binds.js')
    const found = await compareBinds(config, await loadScript(config), options, 'check')
    return { changes: allChanges(found), binds: found.map((f) => ({ bind: f.bind, changes: f.changes })) }
  }
  const script = await loadScript(config)
  return withDatabase(config, script, 'check', options, async (connection) => {
    await requireUpToDate(script, await readVersions(connection, config.versionTable))
    const { autogenerate } = await import('../autogenerate/index.js')
    const { changes } = await autogenerate(config, connection.target, { versionTable: config.versionTable })
    return { changes }
  })
}

function adoptNote(script: Script): { note?: string } {
  return script.graph.heads.length === 0 ? { note: ADOPT_NOTE } : {}
}

/**
 * A revision that creates the whole schema belongs at a base: on top of existing revisions it
 * would create tables they already created. There, `head` must be given explicitly.
 */
function requireBaselinePlace(script: Script, options: MigrateCommandOptions): void {
  if (script.graph.heads.length === 0 || options.head !== undefined) return
  throw new MigError(
    'USAGE',
    `--from-empty writes a revision that creates every table, but the repository already has revisions (head ${script.graph.heads.join(', ')}): ` +
      'pass --head base to start a new base, or leave --from-empty out',
  )
}

async function requireUpToDate(script: Script, rows: readonly string[]): Promise<void> {
  const heads = script.graph.realHeads
  const same = rows.length === heads.length && rows.every((row) => heads.includes(row))
  if (!same) throw new MigError('NOT_UP_TO_DATE', 'Target database is not up to date.')
}
