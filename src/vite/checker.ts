import type { WarmOrm } from '../autogenerate/index.js'
import type { MigConfig } from '../config/types.js'
import { loadScript, withDatabase } from '../commands/common.js'
import { planUpgrade } from '../revision/index.js'
import { readVersions } from '../runtime/version-table.js'
import type { DevStatus } from './status.js'

/**
 * One check of the dev loop, in the order a developer needs the answers: several heads first
 * (nothing else is meaningful), then a database behind the migrations, then models that no
 * migration covers.
 */
export async function checkStatus(config: MigConfig, warm?: WarmOrm): Promise<DevStatus> {
  try {
    const script = await loadScript(config)
    if (script.graph.realHeads.length > 1) {
      return { state: 'multiple-heads', heads: [...script.graph.realHeads], command: 'mig merge heads -m "merge"' }
    }
    return await withDatabase(config, script, 'check', {}, async (connection) => {
      const pending = planUpgrade(script.graph, await readVersions(connection, config.versionTable), 'heads')
      if (pending.length > 0) {
        return {
          state: 'database-behind',
          pending: pending.map((step) => ({ id: step.revision.id, message: step.revision.message })),
          command: 'mig upgrade',
        }
      }
      const { autogenerate } = await import('../autogenerate/index.js')
      const { changes } = await autogenerate(config, connection.target, { versionTable: config.versionTable, warm })
      if (changes.length === 0) return { state: 'clean', head: script.graph.realHeads[0] }
      return {
        state: 'models-changed',
        changes: changes.map(({ message, table, column, destructive }) => ({ message, table, destructive, ...(column ? { column } : {}) })),
        command: 'mig migrate -m "describe the change"',
      }
    })
  } catch (error) {
    return { state: 'error', message: (error as Error).message }
  }
}
