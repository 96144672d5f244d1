import type { MigConfig } from '../config/types.js'
import { planStamp, type StampStep } from '../revision/index.js'
import type { Connection } from '../runtime/connection.js'
import { OfflineScript } from '../runtime/offline.js'
import { applyVersionChanges, createVersionTableSql, ensureVersionTable, purgeVersions, readVersions, versionChangeSql } from '../runtime/version-table.js'
import { bindSqlHeader, withBinds, withBindTargets } from './binds.js'
import { planOfflineStamp } from './stamp-range.js'
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
        if (createsTable) await output.execute(createVersionTableSql(table))
        if (purge) await output.execute(`DELETE FROM ${table}`)
        for (const step of steps) {
          output.comment(`Running stamp_revision ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}`)
          for (const change of step.versionChanges) await output.execute(versionChangeSql(table, change))
          summaries.push(summarize(step, bind.name))
        }
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
        summaries.push(...(await stampOne(bind.connection)).map((step) => summarize(step, bind.name)))
        await stampAll(index + 1)
      })
    }
    const stampOne = async (connection: Connection): Promise<StampStep[]> => {
      await ensureVersionTable(connection, table)
      if (purge) await purgeVersions(connection, table)
      const steps = planStamp(graph, await readVersions(connection, table), targets)
      await applyVersionChanges(connection, table, steps.flatMap((step) => step.versionChanges))
      return steps
    }
    await withLocks(binds.map((bind) => bind.connection), `mig:${table}`, () => stampAll(0))
    return { steps: summaries }
  })
}

async function withLocks<T>(connections: readonly Connection[], key: string, work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = connections
  return first ? first.withLock(key, () => withLocks(rest, key, work)) : work()
}

function summarize(step: StampStep, bind: string): StampResult['steps'][number] {
  return { fromIds: [...step.fromIds], toIds: [...step.toIds], bind }
}
