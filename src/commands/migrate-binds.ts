import type { AutogenerateResult, DetectedChange } from '../autogenerate/index.js'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { readVersions } from '../runtime/version-table.js'
import { bindSections, withBinds } from './binds.js'
import type { DatabaseCommandOptions, Script } from './common.js'

/** What autogenerate found for one bind. */
export interface BindComparison extends AutogenerateResult {
  readonly bind: string
}

/**
 * Compares each bind's models with its database (each must be at the heads), or with an empty
 * one (`fromEmpty`), bind by bind in config order. `onBind` is called before each bind is
 * compared (the CLI logs `Migrating database <name>`).
 *
 * @example
 * const found = await compareBinds(config, await loadScript(config), {}, 'migrate')
 * found.map((b) => `${b.bind}: ${b.changes.length}`) // ['default: 1', 'users: 0']
 */
export async function compareBinds(
  config: MigConfig,
  script: Script,
  options: DatabaseCommandOptions & { onBind?: ((bind: string) => void) | undefined; fromEmpty?: boolean },
  command: 'migrate' | 'check',
): Promise<BindComparison[]> {
  const fromEmpty = Boolean(options.fromEmpty)
  return withBinds(config, script, command, options, async (binds) => {
    const heads = script.graph.realHeads
    // From empty (`migrate --from-empty`), the databases are not compared: their versions do not matter.
    if (!fromEmpty) {
      for (const { name, connection } of binds) {
        const rows = await readVersions(connection, config.versionTable)
        if (rows.length !== heads.length || !rows.every((row) => heads.includes(row))) {
          throw new MigError('NOT_UP_TO_DATE', `Target database is not up to date. (bind ${name}: run 'mig upgrade' first)`)
        }
      }
    }
    const { autogenerate } = await import('../autogenerate/index.js')
    const found: BindComparison[] = []
    for (const bind of binds) {
      options.onBind?.(bind.name)
      found.push({ bind: bind.name, ...(await autogenerate(bind.config, bind.target, { versionTable: config.versionTable, fromEmpty })) })
    }
    return found
  })
}

/** The revision body for every bind's changes: one `if (bind === ...)` block each, empty ones marked. */
export function renderBindRevision(found: readonly BindComparison[]): { upgrades: string[]; downgrades: string[]; imports: string[] } {
  const none = '// no changes detected in this database'
  return {
    upgrades: bindSections(found.map((f) => ({ bind: f.bind, lines: f.upgrades })), none),
    downgrades: bindSections(found.map((f) => ({ bind: f.bind, lines: f.downgrades })), none),
    imports: [...new Set(found.flatMap((f) => f.imports))],
  }
}

/** Every bind's changes, each tagged with its bind. */
export function allChanges(found: readonly BindComparison[]): Array<DetectedChange & { bind: string }> {
  return found.flatMap((f) => f.changes.map((change) => ({ ...change, bind: f.bind })))
}
