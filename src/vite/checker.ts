import { WarmOrm } from '../autogenerate/orm.js'
import type { MigConfig } from '../config/types.js'
import { isMultidb, withBinds } from '../commands/binds.js'
import { loadScript, withDatabase, type Script } from '../commands/common.js'
import { planUpgrade } from '../revision/index.js'
import type { Connection } from '../runtime/connection.js'
import { readVersions } from '../runtime/version-table.js'
import type { DevStatus } from './status.js'

/** The databases one check looks at: the main one, or every bind of a multidb project. */
interface CheckedDatabase {
  /** Shown before each change of a multidb project (`users: added column ...`); empty otherwise. */
  label: string
  config: MigConfig
  connection: Connection
}

/**
 * One check of the dev loop, in the order a developer needs the answers: several heads first
 * (nothing else is meaningful), then a database behind the migrations, then models that no
 * migration covers. `warm` keeps one MikroORM per database between checks.
 */
export async function checkStatus(config: MigConfig, warm: Map<string, WarmOrm> = new Map()): Promise<DevStatus> {
  try {
    const script = await loadScript(config)
    if (script.graph.realHeads.length > 1) {
      return { state: 'multiple-heads', heads: [...script.graph.realHeads], command: 'mig merge heads -m "merge"' }
    }
    if (isMultidb(config)) {
      return await withBinds(config, script, 'check', {}, (binds) =>
        compare(script, binds.map((bind) => ({ label: bind.name, config: bind.config, connection: bind.connection })), warm),
      )
    }
    return await withDatabase(config, script, 'check', {}, (connection) => compare(script, [{ label: '', config, connection }], warm))
  } catch (error) {
    return { state: 'error', message: (error as Error).message }
  }
}

async function compare(script: Script, databases: CheckedDatabase[], warm: Map<string, WarmOrm>): Promise<DevStatus> {
  const pending = new Map<string, string>()
  for (const { config, connection } of databases) {
    for (const step of planUpgrade(script.graph, await readVersions(connection, config.versionTable), 'heads')) {
      pending.set(step.revision.id, step.revision.message)
    }
  }
  if (pending.size > 0) {
    return { state: 'database-behind', pending: [...pending].map(([id, message]) => ({ id, message })), command: 'mig upgrade' }
  }
  const { autogenerate } = await import('../autogenerate/index.js')
  const changes: Extract<DevStatus, { state: 'models-changed' }>['changes'] = []
  for (const { label, config, connection } of databases) {
    if (!warm.has(label)) warm.set(label, new WarmOrm())
    const found = await autogenerate(config, connection.target, { versionTable: config.versionTable, warm: warm.get(label) })
    for (const { message, table, column, destructive } of found.changes) {
      changes.push({ message: label ? message.replace(/^Detected /, `Detected in ${label}: `) : message, table, destructive, ...(column ? { column } : {}) })
    }
  }
  if (changes.length === 0) return { state: 'clean', head: script.graph.realHeads[0] }
  return { state: 'models-changed', changes, command: 'mig migrate -m "describe the change"' }
}
