import type { MigConfig } from '../config/types.js'
import { currentRevisions } from '../revision/index.js'
import { readVersions } from '../runtime/version-table.js'
import { isMultidb, withBinds } from './binds.js'
import { loadScript, withDatabase, type DatabaseCommandOptions, type Script } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'
import type { Connection } from '../runtime/connection.js'

export interface CurrentResult {
  /** The database, with any password masked (multidb: the first bind's). */
  database: string
  /** The revisions the database is at: its version-table rows, plus the tips of lines applied only as dependencies; empty at base (multidb: the first bind's). */
  revisions: RevisionInfo[]
  /** Multidb only: every database by bind name (`default` is the main one), in config order. */
  binds?: Array<{ bind: string; database: string; revisions: RevisionInfo[] }>
}

/**
 * What the database is at: one revision per version-table row. Connects with the bare driver;
 * MikroORM and the models are not loaded. With binds, every database is read.
 *
 * @example
 * (await current(config)).revisions.map((r) => r.id) // ['1fe10b17daf0']
 * (await current(multidbConfig)).binds?.map((b) => `${b.bind}: ${b.revisions.length}`) // ['default: 1', 'users: 1']
 */
export async function current(config: MigConfig, options: DatabaseCommandOptions = {}): Promise<CurrentResult> {
  const script = await loadScript(config)
  if (isMultidb(config)) {
    return withBinds(config, script, 'current', options, async (connected) => {
      const binds = []
      for (const { name, connection } of connected) binds.push({ bind: name, ...(await readCurrent(config, script, connection)) })
      return { database: binds[0]?.database ?? '', revisions: binds[0]?.revisions ?? [], binds }
    })
  }
  return withDatabase(config, script, 'current', options, (connection) => readCurrent(config, script, connection))
}

async function readCurrent(config: MigConfig, script: Script, connection: Connection): Promise<{ database: string; revisions: RevisionInfo[] }> {
  const ids = currentRevisions(script.graph, await readVersions(connection, config.versionTable))
  return { database: connection.target.display, revisions: ids.map((id) => describeRevision(script.graph, id)) }
}
