import { WarmOrm } from '../autogenerate/orm.js'
import type { MigConfig } from '../config/types.js'
import { environmentArgs, openScriptDirectory, withRun, type ScriptDirectory } from '../commands/common.js'
import { isMultidb } from '../config/databases.js'
import { phantomNote, readPhantoms } from '../commands/phantoms.js'
import { planUpgrade } from '../revision/index.js'
import type { MigrationRun } from '../runtime/migration-run.js'
import type { VersionReading } from './database-watch.js'
import type { DevStatus } from './status.js'

/**
 * One check of the dev loop, in the order a developer needs the answers: several heads first
 * (nothing else is meaningful), then phantoms (applied revisions whose files are gone, after a
 * git switch), then a database behind the migrations, then models that no migration covers. `warm` keeps one MikroORM per database between checks; `onVersions` gets the
 * version rows the check read (the database watch compares later reads with them).
 */
export async function checkStatus(
  config: MigConfig,
  warm: Map<string, WarmOrm> = new Map(),
  onVersions: (reading: VersionReading) => void = () => {},
): Promise<DevStatus> {
  try {
    const script = await openScriptDirectory(config)
    if (script.graph.realHeads.length > 1) {
      return { state: 'multiple-heads', heads: [...script.graph.realHeads], command: 'mig merge heads -m "merge"' }
    }
    return await withRun(config, script, 'check', environmentArgs({}), (run) => compare(script, run, isMultidb(config), warm, onVersions))
  } catch (error) {
    return { state: 'error', message: (error as Error).message }
  }
}

/** `multidb`: each change names its database (`Detected in users: ...`). */
async function compare(
  script: ScriptDirectory,
  run: MigrationRun,
  multidb: boolean,
  warm: Map<string, WarmOrm>,
  onVersions: (reading: VersionReading) => void,
): Promise<DevStatus> {
  const pending = new Map<string, string>()
  const reading = await run.readVersions()
  onVersions(reading)
  const phantoms: Extract<DevStatus, { state: 'phantoms' }>['phantoms'] = []
  for (const { database, rows, stored } of reading) {
    for (const phantom of (await readPhantoms(script.graph, rows, stored, script.repo.directory)).infos) {
      phantoms.push({ id: phantom.id, message: phantom.message, note: phantomNote(phantom), ...(multidb ? { bind: database.name } : {}) })
    }
  }
  if (phantoms.length > 0) return { state: 'phantoms', phantoms, command: 'mig sync' }
  for (const { rows } of reading) {
    for (const step of planUpgrade(script.graph, rows, 'heads')) {
      pending.set(step.revision.id, step.revision.message)
    }
  }
  if (pending.size > 0) {
    return { state: 'database-behind', pending: [...pending].map(([id, message]) => ({ id, message })), command: 'mig upgrade' }
  }
  const { autogenerate } = await import('../autogenerate/index.js')
  const changes: Extract<DevStatus, { state: 'models-changed' }>['changes'] = []
  for (const { name, config, target } of run.databases) {
    const label = multidb ? name : ''
    if (!warm.has(label)) warm.set(label, new WarmOrm())
    const found = await autogenerate(config, target, { versionTable: config.versionTable, warm: warm.get(label) })
    for (const { message, table, column, destructive } of found.changes) {
      changes.push({ message: label ? message.replace(/^Detected /, `Detected in ${label}: `) : message, table, destructive, ...(column ? { column } : {}) })
    }
  }
  if (changes.length === 0) return { state: 'clean', head: script.graph.realHeads[0] }
  return { state: 'models-changed', changes, command: 'mig migrate -m "describe the change"' }
}
