import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { applyVersionChanges, pinTarget, resolveRevisions, type PinnedTarget, type RevisionGraph } from '../revision/index.js'
import type { Step } from '../revision/types.js'
import { runStepsOffline } from '../runtime/run-offline.js'
import type { RunPlan } from '../runtime/steps.js'
import { revisionModules } from '../script/modules.js'
import { environmentArgs, openScriptDirectory, stepTimeouts, withOfflineTargets, withRun, type DatabaseCommandOptions } from './common.js'
import { offlineSql } from './offline-sql.js'
import { phantomError, readPhantoms } from './phantoms.js'

/** What `upgrade` and `downgrade` take. */
export interface ApplyOptions extends DatabaseCommandOptions {
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

/** What `upgrade` and `downgrade` return. */
export interface ApplyResult {
  /** The steps that ran (or, with `sql`, were written). */
  steps: StepSummary[]
  /** The script, with `sql`. */
  sql?: string
}

type Planner = (graph: RevisionGraph, heads: readonly string[], target: PinnedTarget) => Step[]

/**
 * Shared body of `upgrade` and `downgrade` on every database of the project: online, one
 * revision at a time on all of them together (see `runStepsInLockstep` for what a failure rolls
 * back); with `sql`, a script per database (after a `-- bind: <name>` header for multidb).
 *
 * @example await applyRevisions(config, 'upgrade', 'head', {}, planUpgrade)
 */
export async function applyRevisions(
  config: MigConfig,
  command: 'upgrade' | 'downgrade',
  target: string,
  options: ApplyOptions,
  plan: Planner,
): Promise<ApplyResult> {
  const args = environmentArgs(options)
  const script = await openScriptDirectory(config)
  const { graph } = script
  // Only a multidb project names the database of each step.
  const multidb = isMultidb(config)
  const bindOf = (bind: string) => (multidb ? bind : undefined)
  const onStep = (step: Step, bind: string) => options.onStep?.(step, bindOf(bind))
  // From the files, or the bundle (which registered its modules).
  const modules = revisionModules(config.directory)
  if (options.sql) {
    const { start, end } = offlineRange(command, target)
    const startHeads = start ? resolveRevisions(graph, start) : []
    // Pinned as online, so a destination Alembic refuses is refused offline too.
    const steps = plan(graph, startHeads, pinTarget(graph, command, startHeads, end))
    const endsAtBase = steps.reduce<string[]>((rows, step) => applyVersionChanges(rows, step.versionChanges), startHeads).length === 0
    return withOfflineTargets(config, script, command, args, async (databases) => {
      const summaries: StepSummary[] = []
      const sql = await offlineSql(databases, multidb, async (database, output) => {
        const settings = { versionTable: config.versionTable, root: config.root, x: args.x, bind: database.name, modules, timeouts: stepTimeouts(config) }
        await runStepsOffline(output, steps, { ...settings, onStep: (step) => onStep(step, database.name), createVersionTable: start === undefined, endsAtBase })
        summaries.push(...steps.map((step) => summarizeStep(step, bindOf(database.name))))
      })
      return { steps: summaries, sql }
    })
  }
  return withRun(config, script, command, args, async (run) => {
    const steps = await run.apply(revisionPlan(graph, command, target, plan, config.directory, bindOf), { modules, onStep })
    return { steps: steps.map(({ step, bind }) => summarizeStep(step, bindOf(bind))) }
  })
}

/**
 * The run's plan: the target is pinned once per database from where it is when the run starts
 * (relative targets such as `-1` must not move as steps are applied), then each re-plan goes
 * from the rows the version table has. A database with phantoms stops the run before anything is written.
 */
function revisionPlan(
  graph: RevisionGraph,
  command: 'upgrade' | 'downgrade',
  target: string,
  plan: Planner,
  directory: string,
  bindOf: (bind: string) => string | undefined,
): RunPlan<Step> {
  return {
    start: async (database, rows, stored) => {
      // A phantom is removed only when the user asks (`mig sync`), never on the way to a target.
      const { infos } = await readPhantoms(graph, rows, stored, directory)
      if (infos.length > 0) throw phantomError(infos, bindOf(database))
      const pinned = pinTarget(graph, command, rows, target)
      return (now) => plan(graph, now, pinned)
    },
    rowsAfter: (rows, step) => applyVersionChanges(rows, step.versionChanges),
  }
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
export function summarizeStep(step: Step, bind: string | undefined): StepSummary {
  return {
    direction: step.direction,
    revision: step.revision.id,
    fromIds: [...step.fromIds],
    toIds: [...step.toIds],
    message: step.revision.message,
    ...(bind !== undefined ? { bind } : {}),
  }
}
