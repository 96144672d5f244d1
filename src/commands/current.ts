import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { currentRevisions } from '../revision/index.js'
import { environmentArgs, openScriptDirectory, withRun, type DatabaseCommandOptions } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'
import { editedRevisions, readPhantoms, type PhantomInfo } from './phantoms.js'

export interface CurrentResult {
  /** The database, with any password masked (multidb: the first database's). */
  database: string
  /** The revisions the database is at: its version-table rows, plus the tips of lines applied only as dependencies; empty at base (multidb: the first database's). */
  revisions: RevisionInfo[]
  /** Applied revisions whose files are gone (`mig sync` removes them), newest row first (multidb: the first database's). */
  phantoms: PhantomInfo[]
  /** Applied revisions whose file changed after they were applied (multidb: the first database's). */
  edited: string[]
  /** Multidb only: every database by bind name (`default` is the main one), in config order. */
  binds?: Array<{ bind: string; database: string; revisions: RevisionInfo[]; phantoms: PhantomInfo[]; edited: string[] }>
}

/**
 * What each database is at: one revision per version-table row, the phantoms (applied revisions
 * whose files are gone) and the revisions edited since they were applied. Connects with the bare
 * driver; MikroORM and the models are not loaded.
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
    const binds = []
    for (const { database, rows, stored } of await run.readVersions()) {
      const known = rows.filter((id) => graph.get(id))
      binds.push({
        bind: database.name,
        database: database.target.display,
        revisions: currentRevisions(graph, known).map((id) => describeRevision(graph, id)),
        phantoms: (await readPhantoms(graph, rows, stored, config.directory)).infos,
        edited: editedRevisions(graph, await stored.revisions()),
      })
    }
    const first = { database: binds[0]?.database ?? '', revisions: binds[0]?.revisions ?? [], phantoms: binds[0]?.phantoms ?? [], edited: binds[0]?.edited ?? [] }
    return isMultidb(config) ? { ...first, binds } : first
  })
}
