import type { MigConfig } from '../config/types.js'
import type { StampStep } from '../revision/index.js'
import { OfflineScript } from '../runtime/offline.js'
import { isMultidb } from './binds.js'
import { planOfflineStamp, stampVersionTable, writeOfflineStamp } from './stamp-range.js'
import { loadScript, withDatabase, withOfflineTarget, type DatabaseCommandOptions } from './common.js'

export interface StampOptions extends DatabaseCommandOptions {
  /** Targets (`head`, `heads`, ids, `base`); default `heads`. With `sql`, `from:to` is allowed. */
  revisions?: readonly string[]
  /** Empty the version table first (the way out when it holds an unknown revision). */
  purge?: boolean
  sql?: boolean
}

export interface StampResult {
  /** One move per target, for the `Running stamp_revision <from> -> <to>` lines. */
  steps: Array<{ fromIds: string[]; toIds: string[]; bind?: string }>
  sql?: string
}

/**
 * Moves the version table to the target revision(s) without running any migration.
 *
 * @example
 * await stamp(config, { revisions: ['head'] })
 * await stamp(config, { revisions: ['head'], purge: true }) // after the table held a bogus id
 */
export async function stamp(config: MigConfig, options: StampOptions = {}): Promise<StampResult> {
  const targets = options.revisions && options.revisions.length > 0 ? [...options.revisions] : ['heads']
  if (isMultidb(config)) return (await import('./stamp-binds.js')).stampBinds(config, options, targets)
  const script = await loadScript(config)
  const { graph } = script
  const table = config.versionTable
  const purge = Boolean(options.purge)
  if (options.sql) {
    const { steps, createsTable } = planOfflineStamp(graph, targets, purge)
    return withOfflineTarget(config, script, 'stamp', options, async (database) => {
      const output = new OfflineScript(database.dialect)
      await writeOfflineStamp(output, steps, { table, createsTable, purge })
      return { steps: steps.map(summarize), sql: output.toString() }
    })
  }
  return withDatabase(config, script, 'stamp', options, (connection) =>
    connection.withLock(`mig:${table}`, () =>
      connection.transaction(async () => ({ steps: (await stampVersionTable(connection, graph, targets, { table, purge })).map(summarize) })),
    ),
  )
}

function summarize(step: StampStep): { fromIds: string[]; toIds: string[] } {
  return { fromIds: [...step.fromIds], toIds: [...step.toIds] }
}
