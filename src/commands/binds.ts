import type { MigConfig } from '../config/types.js'
import { connect } from '../runtime/connection.js'
import { DEFAULT_BIND, runInBindsEnvironment, type BindTarget, type Environment } from '../runtime/environment.js'
import type { BindConnection } from '../runtime/run-binds.js'
import { readVersions } from '../runtime/version-table.js'
import { withDatabase, type DatabaseCommandOptions, type Script } from './common.js'
import { environmentOf } from '../script/repository.js'

export { DEFAULT_BIND } from '../runtime/environment.js'

/**
 * True when the config names extra databases (`binds`): commands then act on every database,
 * each with its own version table. A config without binds takes the single-database paths,
 * which stay exactly as they were.
 */
export function isMultidb(config: MigConfig): boolean {
  return Object.keys(config.binds).length > 0
}

/** A connected bind, with what autogenerate needs to compare its models. */
export type ConnectedBind = BindConnection & BindTarget

/**
 * Multidb `withDatabase`: connects every bind (in config order, through `env.ts`), runs `work`,
 * and closes every connection however it ends.
 *
 * @example
 * await withBinds(config, script, 'current', {}, async (binds) => binds.map((b) => b.name)) // ['default', 'users']
 */
export async function withBinds<T>(
  config: MigConfig,
  script: Script,
  command: string,
  options: DatabaseCommandOptions,
  work: (binds: ConnectedBind[], environment: Environment) => Promise<T>,
): Promise<T> {
  const params = { command, xArgs: options.xArgs, tag: options.tag }
  return runInBindsEnvironment(config, environmentOf(script.repo), params, async (targets, environment) => {
    const connected: ConnectedBind[] = []
    try {
      for (const target of targets) connected.push({ ...target, connection: await connect(target.target, config.root) })
      return await work(connected, environment)
    } finally {
      for (const { connection } of connected) await connection.close().catch(() => {})
    }
  })
}

/** Multidb `withOfflineTarget` (`--sql`): every bind's target, nothing connected. */
export async function withBindTargets<T>(
  config: MigConfig,
  script: Script,
  command: string,
  options: DatabaseCommandOptions,
  work: (binds: BindTarget[], environment: Environment) => Promise<T>,
): Promise<T> {
  return runInBindsEnvironment(config, environmentOf(script.repo), { command, xArgs: options.xArgs, tag: options.tag, offline: true }, work)
}

/** The header each bind's SQL gets under `--sql`, so one script can be split by database. */
export function bindSqlHeader(name: string): string {
  return `-- bind: ${name}\n\n`
}

/**
 * The databases a multidb revision has a section for, in config order: `default` (when the
 * config has a main `database` or `orm`) then every bind.
 *
 * @example bindNames(config) // ['default', 'users']
 */
export function bindNames(config: MigConfig): string[] {
  const main = config.database !== undefined || config.orm !== undefined ? [DEFAULT_BIND] : []
  return [...main, ...Object.keys(config.binds)]
}

/**
 * A multidb revision body: one `if (bind === '<name>') { ... }` block per bind, so the one
 * revision file carries every database's change and each run executes only its own block.
 *
 * @example
 * bindSections([{ bind: 'users', lines: ["await op.dropTable('user')"] }], '// nothing')
 * // ["if (bind === 'users') {", "  await op.dropTable('user')", '}']
 */
export function bindSections(sections: ReadonlyArray<{ bind: string; lines: readonly string[] }>, placeholder: string): string[] {
  const out: string[] = []
  for (const { bind, lines } of sections) {
    if (out.length > 0) out.push('')
    out.push(`if (bind === ${JSON.stringify(bind).replace(/^"|"$/g, "'")}) {`)
    for (const line of lines.length > 0 ? lines : [placeholder]) out.push(line === '' ? '' : `  ${line}`)
    out.push('}')
  }
  return out
}

/**
 * The version rows of the database(s), for commands that only mark or open the current
 * revisions (`history -i`, `edit`). Multidb: the rows of every bind, without duplicates.
 *
 * @example await readCurrentRows(config, script, 'history', {}) // ['1fe10b17daf0']
 */
export async function readCurrentRows(config: MigConfig, script: Script, command: string, options: DatabaseCommandOptions): Promise<string[]> {
  if (!isMultidb(config)) {
    return withDatabase(config, script, command, options, (connection) => readVersions(connection, config.versionTable))
  }
  return withBinds(config, script, command, options, async (binds) => {
    const rows = new Set<string>()
    for (const { connection } of binds) for (const row of await readVersions(connection, config.versionTable)) rows.add(row)
    return [...rows]
  })
}
