import type { MigConfig } from '../config/types.js'
import { readVersions } from '../runtime/version-table.js'
import { loadScript, withDatabase, type DatabaseCommandOptions } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'

export interface CurrentResult {
  /** The database, with any password masked. */
  database: string
  /** One entry per version-table row; empty at base. */
  revisions: RevisionInfo[]
}

/**
 * What the database is at: one revision per version-table row. Connects with the bare driver;
 * MikroORM and the models are not loaded.
 *
 * @example
 * (await current(config)).revisions.map((r) => r.id) // ['1fe10b17daf0']
 */
export async function current(config: MigConfig, options: DatabaseCommandOptions = {}): Promise<CurrentResult> {
  const script = await loadScript(config)
  return withDatabase(config, script, 'current', options, async (connection) => {
    const rows = await readVersions(connection, config.versionTable)
    const ids = rows.map((row) => script.graph.require(row).id)
    return { database: connection.target.display, revisions: ids.map((id) => describeRevision(script.graph, id)) }
  })
}
