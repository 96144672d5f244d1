import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { currentRevisions } from '../revision/index.js'
import { environmentArgs, openScriptDirectory, withRun, type DatabaseCommandOptions } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'

export interface CurrentResult {
  /** The database, with any password masked (multidb: the first database's). */
  database: string
  /** The revisions the database is at: its version-table rows, plus the tips of lines applied only as dependencies; empty at base (multidb: the first database's). */
  revisions: RevisionInfo[]
  /** Multidb only: every database by bind name (`default` is the main one), in config order. */
  binds?: Array<{ bind: string; database: string; revisions: RevisionInfo[] }>
}

/**
 * What each database is at: one revision per version-table row. Connects with the bare driver;
 * MikroORM and the models are not loaded.
 *
 * @example
 * (await current(config)).revisions.map((r) => r.id) // ['1fe10b17daf0']
 * (await current(multidbConfig)).binds?.map((b) => `${b.bind}: ${b.revisions.length}`) // ['default: 1', 'users: 1']
 */
export async function current(config: MigConfig, options: DatabaseCommandOptions = {}): Promise<CurrentResult> {
  const args = environmentArgs(options)
  const script = await openScriptDirectory(config)
  const { graph } = script
  return withRun(config, script, 'current', args, async (run) => {
    const binds = (await run.readVersions()).map(({ database, rows }) => ({
      bind: database.name,
      database: database.target.display,
      revisions: currentRevisions(graph, rows).map((id) => describeRevision(graph, id)),
    }))
    const first = { database: binds[0]?.database ?? '', revisions: binds[0]?.revisions ?? [] }
    return isMultidb(config) ? { ...first, binds } : first
  })
}
