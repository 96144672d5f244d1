import type { MigConfig } from '../config/types.js'
import { pinTarget, resolveRevisions } from '../revision/index.js'
import type { Step } from '../revision/types.js'
import { OfflineScript } from '../runtime/offline.js'
import { RevisionOrms } from '../runtime/revision-orm.js'
import { runStepsOnBinds } from '../runtime/run-binds.js'
import { runStepsOffline } from '../runtime/run-steps.js'
import { DEFAULT_BIND } from '../runtime/environment.js'
import { readVersions } from '../runtime/version-table.js'
import { bindSqlHeader, withBinds, withBindTargets } from './binds.js'
import { loadScript, type Script } from './common.js'
import { offlineRange, summarize, type MigrateOptions, type MigrateResult, type StepSummary } from './migrations.js'

type Planner = (script: Script, heads: string[], target: string) => Step[]

/**
 * Multidb body of `upgrade`/`downgrade`: every bind moves to `target` from its own version
 * table, one revision at a time on all binds together (see `runStepsOnBinds` for what a failure
 * rolls back). With `sql`, each bind's script follows a `-- bind: <name>` header.
 */
export async function applyRevisionsOnBinds(
  config: MigConfig,
  command: 'upgrade' | 'downgrade',
  target: string,
  options: MigrateOptions,
  plan: Planner,
): Promise<MigrateResult> {
  const script = await loadScript(config)
  const runOptions = { versionTable: config.versionTable, root: config.root }
  if (options.sql) {
    const { start, end } = offlineRange(command, target)
    const startHeads = start ? resolveRevisions(script.graph, start) : []
    const steps = plan(script, startHeads, end)
    return withBindTargets(config, script, command, options, async (binds, environment) => {
      const parts: string[] = []
      const summaries: StepSummary[] = []
      for (const bind of binds) {
        const output = new OfflineScript(bind.target.dialect)
        const onStep = (step: Step) => options.onStep?.(step, bind.name)
        await runStepsOffline(output, steps, { ...runOptions, x: environment.x, bind: bind.name, onStep, createVersionTable: start === undefined, startRows: startHeads })
        parts.push(bindSqlHeader(bind.name) + output.toString())
        summaries.push(...steps.map((step) => summarize(step, bind.name)))
      }
      return { steps: summaries, sql: parts.join('') }
    })
  }
  return withBinds(config, script, command, options, async (binds, environment) => {
    // Relative targets (`-1`) are pinned per bind, from where that bind is now.
    const pinned = new Map<string, string>()
    for (const { name, connection } of binds) {
      pinned.set(name, pinTarget(script.graph, command, await readVersions(connection, config.versionTable), target))
    }
    const orms = new RevisionOrms(config.root, (bind) => (bind === DEFAULT_BIND ? config.orm : config.binds[bind]?.orm))
    try {
      const steps = await runStepsOnBinds(binds, (name, heads) => plan(script, heads, pinned.get(name)!), {
        ...runOptions,
        x: environment.x,
        onStep: options.onStep,
        orms,
      })
      return { steps: steps.map(({ step, bind }) => summarize(step, bind)) }
    } finally {
      await orms.close()
    }
  })
}
