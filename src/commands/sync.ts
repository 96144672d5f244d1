import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isMultidb } from '../config/databases.js'
import type { MigConfig, RevisionModule } from '../config/types.js'
import { MigError } from '../errors.js'
import { applyVersionChanges, planPhantomRemoval, planUpgrade, type RevisionGraph, type Step } from '../revision/index.js'
import { runStepsOffline } from '../runtime/run-offline.js'
import { takeSnapshot, type Snapshot } from '../runtime/snapshot.js'
import type { RevisionModules, RunPlan } from '../runtime/steps.js'
import { revisionModules } from '../script/modules.js'
import { summarizeStep, type StepSummary } from './apply.js'
import { environmentArgs, openScriptDirectory, stepTimeouts, withRun, type DatabaseCommandOptions } from './common.js'
import { offlineSql } from './offline-sql.js'
import { phantomFile, readPhantoms, type FoundPhantoms, type PhantomInfo } from './phantoms.js'

export interface SyncOptions extends DatabaseCommandOptions {
  /** Copy each database that has phantoms before changing it. Default true; MariaDB/MySQL have no copy and need false. */
  snapshot?: boolean
  /**
   * Phantoms to take out of the version table without running their downgrade (say, it cannot
   * run): what they changed in the schema stays.
   */
  forget?: readonly string[]
  /** Print the SQL of the plan instead of running it (the database is only read). */
  sql?: boolean
  /** Called once, after the snapshots and before anything changes: what is about to happen. */
  onStart?: (plan: { phantoms: SyncedPhantom[]; snapshots: SyncSnapshot[] }) => void
  /** Called just before each step runs; `bind` is set for multidb. */
  onStep?: (step: Step, bind?: string) => void
}

export type SyncedPhantom = PhantomInfo & { bind?: string }
export type SyncSnapshot = Snapshot & { bind?: string }

export interface SyncResult {
  /** The phantoms found (each database's, `bind` for multidb). */
  phantoms: SyncedPhantom[]
  /** The copies taken before anything changed. */
  snapshots: SyncSnapshot[]
  /** The phantoms' downgrades, newest first, then the upgrades to the heads. */
  steps: StepSummary[]
  /** With `sql`: the script. */
  sql?: string
}

/**
 * Brings a dev database back in step with the migrations folder after a `git switch`: takes a
 * snapshot, downgrades the phantoms (applied revisions whose files are gone) newest first from
 * the sources kept when they were applied, then upgrades to the heads. One step at a time, each
 * in its own transaction: a step that fails is rolled back and stops the sync, and the error
 * says how to restore the snapshot.
 *
 * @example
 * const result = await sync(config)
 * result.steps.map((s) => `${s.direction} ${s.revision}`) // ['down a2', 'down a1', 'up b1']
 */
export async function sync(config: MigConfig, options: SyncOptions = {}): Promise<SyncResult> {
  const args = environmentArgs(options)
  const script = await openScriptDirectory(config)
  const { graph } = script
  const multidb = isMultidb(config)
  const bindOf = (bind: string) => (multidb ? { bind } : {})
  const forget = new Set(options.forget ?? [])
  const workspace = join(config.directory, '.mig-phantoms')
  try {
    // A first look, to know what to copy; the run looks again inside the lock.
    const found = await withRun(config, script, 'sync', args, async (run) => {
      const databases = []
      for (const { database, rows, stored } of await run.readVersions()) databases.push({ database, rows, found: await readPhantoms(graph, rows, stored, config.directory) })
      return databases
    })
    const phantoms = found.flatMap(({ database, found: { infos } }) => infos.map((info) => ({ ...info, ...bindOf(database.name) })))
    checkForget(forget, phantoms)
    const modules = phantomModules(revisionModules(config.directory), config.directory, phantoms, forget)
    if (options.sql) {
      const steps: StepSummary[] = []
      const sql = await offlineSql(
        found.map(({ database }) => database),
        multidb,
        async (database, output) => {
          const entry = found.find((candidate) => candidate.database.name === database.name)!
          const planned = syncSteps(graph, entry.found, config.directory)(entry.rows)
          const settings = { versionTable: config.versionTable, root: config.root, x: args.x, bind: database.name, modules, timeouts: stepTimeouts(config) }
          await runStepsOffline(output, planned, { ...settings, createVersionTable: entry.rows.length === 0, endsAtBase: false })
          steps.push(...planned.map((step) => summarizeStep(step, multidb ? database.name : undefined)))
        },
      )
      return { phantoms, snapshots: [], steps, sql }
    }
    const snapshots: SyncSnapshot[] = []
    if (options.snapshot !== false) {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase()
      for (const { database, found: databasePhantoms } of found) {
        if (databasePhantoms.infos.length > 0) snapshots.push({ ...(await takeSnapshot(database.target, config.root, stamp)), ...bindOf(database.name) })
      }
    }
    options.onStart?.({ phantoms, snapshots })
    const onStep = (step: Step, bind: string) => options.onStep?.(step, multidb ? bind : undefined)
    try {
      const applied = await withRun(config, script, 'sync', args, (run) => run.apply(syncPlan(graph, config.directory), { modules, onStep }))
      return { phantoms, snapshots, steps: applied.map(({ step, bind }) => summarizeStep(step, multidb ? bind : undefined)) }
    } catch (error) {
      throw withRestoreHint(error, snapshots, forget)
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }
}

/**
 * The run's plan on each database: its phantoms are found again inside the lock, their stored
 * sources written where they can be imported, and the steps are their downgrades then the
 * upgrades to the heads.
 */
function syncPlan(graph: RevisionGraph, directory: string): RunPlan<Step> {
  return {
    start: async (_database, rows, stored) => syncSteps(graph, await readPhantoms(graph, rows, stored, directory), directory),
    rowsAfter: (rows, step) => applyVersionChanges(rows, step.versionChanges),
  }
}

/** Writes the phantoms' sources, and plans from any rows: phantoms out, newest first, then up to the heads. */
function syncSteps(graph: RevisionGraph, found: FoundPhantoms, directory: string): (rows: readonly string[]) => Step[] {
  const missing = found.infos.filter((info) => !info.hasSource)
  if (missing.length > 0) {
    const ids = missing.map((info) => info.id).join(', ')
    throw new MigError(
      'PHANTOM_WITHOUT_SOURCE',
      `Cannot downgrade ${ids}: their files are gone and no source was kept when they were applied (before mig kept sources, or with keepRevisionSources: false); restore the files (git), or reset the version table with 'mig stamp --purge <revision>'`,
      { revision: missing[0]!.id },
    )
  }
  for (const [id, source] of found.sources) {
    const file = phantomFile(directory, found.stored.get(id)!.path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, source)
  }
  const appliedAt = (id: string) => found.stored.get(id)?.appliedAt ?? ''
  return (rows) => {
    const removal = planPhantomRemoval(graph, rows, found.phantoms, appliedAt)
    const after = removal.reduce<string[]>((current, step) => applyVersionChanges(current, step.versionChanges), [...rows])
    return [...removal, ...planUpgrade(graph, after, 'heads')]
  }
}

/** `forget` may name only phantoms with a kept source: their parents must be known to move the version row. */
function checkForget(forget: ReadonlySet<string>, phantoms: readonly SyncedPhantom[]): void {
  for (const id of forget) {
    const phantom = phantoms.find((candidate) => candidate.id === id)
    if (!phantom) throw new MigError('USAGE', `--forget ${id}: not a phantom of this database (phantoms: ${phantoms.map((p) => p.id).join(', ') || 'none'})`)
  }
}

/** The revisions' modules, except that a forgotten phantom's downgrade does nothing. */
function phantomModules(modules: RevisionModules, directory: string, phantoms: readonly SyncedPhantom[], forget: ReadonlySet<string>): RevisionModules {
  const skipped = new Set(phantoms.filter((phantom) => forget.has(phantom.id) && phantom.file).map((phantom) => phantomFile(directory, phantom.file!)))
  const nothing: RevisionModule = { downgrade: async () => {} }
  return { ...modules, load: (path) => (skipped.has(path) ? Promise.resolve(nothing) : modules.load(path)) }
}

/** A failed step stops the sync (that step is rolled back); say how to get back to the snapshot, or past the step. */
function withRestoreHint(error: unknown, snapshots: readonly SyncSnapshot[], forget: ReadonlySet<string>): unknown {
  if (!(error instanceof MigError)) return error
  const hints: string[] = []
  if (error.direction === 'down' && error.revision && !forget.has(error.revision)) {
    hints.push(`to take ${error.revision} out of the version table without its downgrade (its changes stay), run 'mig sync --forget ${error.revision}'`)
  }
  for (const snapshot of snapshots) hints.push(`to restore${snapshot.bind ? ` ${snapshot.bind}` : ''} as it was before the sync: ${snapshot.restore}`)
  if (hints.length === 0) return error
  return new MigError(error.code, `${error.message}; ${hints.join('; ')}`, { cause: error, revision: error.revision, file: error.file, bind: error.bind, direction: error.direction })
}
