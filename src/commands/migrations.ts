import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { pinTarget, resolveRevisions } from '../revision/index.js'
import type { Step } from '../revision/types.js'
import { OfflineScript } from '../runtime/offline.js'
import { RevisionOrms } from '../runtime/revision-orm.js'
import { runStepsOffline, runStepsOnline } from '../runtime/run-steps.js'
import { readVersions } from '../runtime/version-table.js'
import { isMultidb } from './binds.js'
import { loadScript, withDatabase, withOfflineTarget, type DatabaseCommandOptions, type Script } from './common.js'

export interface MigrateOptions extends DatabaseCommandOptions {
  /** Target identifier; with `sql`, may be a range `from:to`. */
  revision?: string | undefined
  /** Print the SQL instead of running it. */
  sql?: boolean
  /** Called just before each step runs (the CLI logs `Running upgrade ...`); `bind` is set for multidb. */
  onStep?: (step: Step, bind?: string) => void
}

export interface StepSummary {
  direction: 'up' | 'down'
  revision: string
  fromIds: string[]
  toIds: string[]
  message: string
  /** Multidb: the bind the step ran on (`default` for the main database). */
  bind?: string
}

export interface MigrateResult {
  /** The steps that ran (or, with `sql`, were written). */
  steps: StepSummary[]
  /** The script, with `sql`. */
  sql?: string
}

type Planner = (script: Script, heads: string[], target: string) => Step[]

/** Shared body of `upgrade` and `downgrade`: online with re-planning per step, or offline. */
export async function applyRevisions(
  config: MigConfig,
  command: 'upgrade' | 'downgrade',
  target: string,
  options: MigrateOptions,
  plan: Planner,
): Promise<MigrateResult> {
  if (isMultidb(config)) {
    const { applyRevisionsOnBinds } = await import('./migrations-binds.js')
    return applyRevisionsOnBinds(config, command, target, options, plan)
  }
  const script = await loadScript(config)
  const runOptions = { versionTable: config.versionTable, onStep: options.onStep, root: config.root }
  if (options.sql) {
    const { start, end } = offlineRange(command, target)
    const startHeads = start ? resolveRevisions(script.graph, start) : []
    const steps = plan(script, startHeads, end)
    return withOfflineTarget(config, script, command, options, async (database, environment) => {
      const output = new OfflineScript(database.dialect)
      await runStepsOffline(output, steps, { ...runOptions, x: environment.x, createVersionTable: start === undefined, startRows: startHeads })
      return { steps: steps.map((step) => summarize(step)), sql: output.toString() }
    })
  }
  return withDatabase(config, script, command, options, async (connection, environment) => {
    // Relative targets (`+1`, `-1`) are pinned once: re-planning after each step must not move them.
    const pinned = pinTarget(script.graph, command, await readVersions(connection, config.versionTable), target)
    const orms = new RevisionOrms(config.root, () => config.orm)
    try {
      const steps = await runStepsOnline(connection, (heads) => plan(script, heads, pinned), { ...runOptions, x: environment.x, orms })
      return { steps: steps.map((step) => summarize(step)) }
    } finally {
      await orms.close()
    }
  })
}

/** `--sql` takes `from:to` (downgrade must): no `from` means from an empty database. */
export function offlineRange(command: 'upgrade' | 'downgrade', target: string): { start: string | undefined; end: string } {
  const colon = target.indexOf(':')
  const start = colon >= 0 ? target.slice(0, colon) : undefined
  if (command === 'downgrade' && start === undefined) {
    throw new MigError('BAD_RANGE', 'downgrade with --sql requires <fromrev>:<torev>')
  }
  return { start, end: colon >= 0 ? target.slice(colon + 1) : target }
}

/** A step as the result reports it; `bind` for multidb runs. */
export function summarize(step: Step, bind?: string): StepSummary {
  return {
    direction: step.direction,
    revision: step.revision.id,
    fromIds: [...step.fromIds],
    toIds: [...step.toIds],
    message: step.revision.message,
    ...(bind !== undefined ? { bind } : {}),
  }
}
