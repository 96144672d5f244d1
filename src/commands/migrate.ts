import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import type { DetectedChange } from '../autogenerate/index.js'
import { readVersions } from '../runtime/version-table.js'
import { isMultidb } from './binds.js'
import { loadScript, withDatabase, type DatabaseCommandOptions, type Script } from './common.js'
import { writeNewRevision, type RevisionOptions } from './revision.js'

export type MigrateCommandOptions = DatabaseCommandOptions & Omit<RevisionOptions, 'upgrades' | 'downgrades' | 'imports'>

export interface MigrateCommandResult {
  /** What the models have that the database has not (empty: nothing written). */
  changes: DetectedChange[]
  /** The revision written, when there were changes. */
  id?: string
  path?: string
  /** Multidb only: each bind's changes (possibly none), in config order. */
  binds?: Array<{ bind: string; changes: DetectedChange[] }>
}

/**
 * `revision --autogenerate`: compares the models with the database, which must be at the heads,
 * and writes a revision with the operations that bring the database to the models.
 *
 * @example
 * const { changes, path } = await migrate(config, { message: 'add email' })
 * changes.map((c) => c.message) // ["Detected added column 'user.email'"]
 */
export async function migrate(config: MigConfig, options: MigrateCommandOptions = {}): Promise<MigrateCommandResult> {
  if (isMultidb(config)) {
    const { allChanges, compareBinds, renderBindRevision } = await import('./migrate-binds.js')
    const script = await loadScript(config)
    const found = await compareBinds(config, script, options, 'migrate')
    const changes = allChanges(found)
    const binds = found.map((f) => ({ bind: f.bind, changes: f.changes }))
    // One revision covers every bind; nothing is written only when no bind has a change.
    if (changes.length === 0) return { changes, binds }
    return { changes, binds, ...writeNewRevision(config, script, { ...options, ...renderBindRevision(found) }) }
  }
  const script = await loadScript(config)
  return withDatabase(config, script, 'migrate', options, async (connection) => {
    await requireUpToDate(script, await readVersions(connection, config.versionTable))
    const { autogenerate } = await import('../autogenerate/index.js')
    const result = await autogenerate(config, connection.target, { versionTable: config.versionTable })
    if (result.changes.length === 0) return { changes: [] }
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

async function requireUpToDate(script: Script, rows: readonly string[]): Promise<void> {
  const heads = script.graph.realHeads
  const same = rows.length === heads.length && rows.every((row) => heads.includes(row))
  if (!same) throw new MigError('NOT_UP_TO_DATE', 'Target database is not up to date.')
}
