import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { appliedRevisions, planStamp, type StampStep } from '../revision/index.js'
import { revisionModules } from '../script/modules.js'
import { environmentArgs, openScriptDirectory, withOfflineTargets, withRun, type DatabaseCommandOptions } from './common.js'
import { offlineSql } from './offline-sql.js'
import { planOfflineStamp, writeOfflineStamp } from './stamp-range.js'

/** What the `stamp` command takes (the revision layer's `StampOptions` are its planning options). */
export interface StampCommandOptions extends DatabaseCommandOptions {
  /** Targets (`head`, `heads`, ids, `base`); default `heads`. With `sql`, `from:to` is allowed. */
  revisions?: readonly string[]
  /** Empty the version table first (the way out when it holds an unknown revision). */
  purge?: boolean
  sql?: boolean
}

export interface StampResult {
  /** One move per target, for the `Running stamp_revision <from> -> <to>` lines (`bind` for multidb). */
  steps: Array<{ fromIds: string[]; toIds: string[]; bind?: string }>
  sql?: string
}

/**
 * Moves the version table of every database to the target revision(s) without running any
 * migration. Online, every database changes in one transaction each, committed together, so a
 * database that fails (say, an unknown revision in its table) leaves every table as it was.
 *
 * @example
 * await stamp(config, { revisions: ['head'] })
 * await stamp(config, { revisions: ['head'], purge: true }) // after the table held a bogus id
 */
export async function stamp(config: MigConfig, options: StampCommandOptions = {}): Promise<StampResult> {
  const args = environmentArgs(options)
  const targets = options.revisions && options.revisions.length > 0 ? [...options.revisions] : ['heads']
  const script = await openScriptDirectory(config)
  const { graph } = script
  const purge = Boolean(options.purge)
  // Only a multidb project names the database of each step.
  const bindOf = (bind: string) => (isMultidb(config) ? { bind } : {})
  const summarize = (step: StampStep, bind: string) => ({ fromIds: [...step.fromIds], toIds: [...step.toIds], ...bindOf(bind) })
  if (options.sql) {
    const { steps, createsTable } = planOfflineStamp(graph, targets, purge)
    return withOfflineTargets(config, script, 'stamp', args, async (databases) => {
      const summaries: StampResult['steps'] = []
      const sql = await offlineSql(databases, isMultidb(config), async (database, output) => {
        await writeOfflineStamp(output, steps, { table: config.versionTable, createsTable, purge })
        summaries.push(...steps.map((step) => summarize(step, database.name)))
      })
      return { steps: summaries, sql }
    })
  }
  return withRun(config, script, 'stamp', args, async (run) => {
    // The source table follows: a stamped revision is kept as today's file has it.
    const sources = { applied: (rows: readonly string[]) => appliedRevisions(graph, rows).map((id) => ({ id, path: graph.require(id).path })), modules: revisionModules(config.directory) }
    const stamped = await run.stamp((rows) => planStamp(graph, rows, targets), { purge, sources })
    return { steps: stamped.flatMap(({ bind, steps }) => steps.map((step) => summarize(step, bind))) }
  })
}
