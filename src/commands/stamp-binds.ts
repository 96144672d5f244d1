import type { MigConfig } from '../config/types.js'
import type { StampStep } from '../revision/index.js'
import { OfflineScript } from '../runtime/offline.js'
import { withLocks } from '../runtime/run-binds.js'
import { bindSqlHeader, withBinds, withBindTargets } from './binds.js'
import { planOfflineStamp, stampVersionTable, writeOfflineStamp } from './stamp-range.js'
import { loadScript } from './common.js'
import type { StampOptions, StampResult } from './stamp.js'

/**
 * Multidb `stamp`: moves every bind's version table to the target(s). Online, all binds change
 * in one transaction each, committed together, so a bind that fails (say, an unknown revision
 * in its table) leaves every table as it was.
 */
export async function stampBinds(config: MigConfig, options: StampOptions, targets: string[]): Promise<StampResult> {
  const script = await loadScript(config)
  const { graph } = script
  const table = config.versionTable
  const purge = Boolean(options.purge)
  if (options.sql) {
    const { steps, createsTable } = planOfflineStamp(graph, targets, purge)
    return withBindTargets(config, script, 'stamp', options, async (binds) => {
      let sql = ''
      const summaries: StampResult['steps'] = []
      for (const bind of binds) {
        const output = new OfflineScript(bind.target.dialect)
        await writeOfflineStamp(output, steps, { table, createsTable, purge })
        summaries.push(...steps.map((step) => summarize(step, bind.name)))
        sql += bindSqlHeader(bind.name) + output.toString()
      }
      return { steps: summaries, sql }
    })
  }
  return withBinds(config, script, 'stamp', options, async (binds) => {
    const summaries: StampResult['steps'] = []
    const stampAll = async (index: number): Promise<void> => {
      const bind = binds[index]
      if (!bind) return
      await bind.connection.transaction(async () => {
        const steps = await stampVersionTable(bind.connection, graph, targets, { table, purge })
        summaries.push(...steps.map((step) => summarize(step, bind.name)))
        await stampAll(index + 1)
      })
    }
    await withLocks(binds.map((bind) => bind.connection), `mig:${table}`, () => stampAll(0))
    return { steps: summaries }
  })
}

function summarize(step: StampStep, bind: string): StampResult['steps'][number] {
  return { fromIds: [...step.fromIds], toIds: [...step.toIds], bind }
}
