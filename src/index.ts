/**
 * mig's programmatic API. Importing it is cheap (a config file imports `defineConfig` from here
 * on every run), so each command is loaded only when called.
 *
 * @example
 * import { loadConfig, upgrade } from 'mig'
 * const result = await upgrade(await loadConfig(), { revision: 'head' })
 */
export { defineConfig } from './config/define.js'
export { loadConfig, resolveConfig } from './config/load.js'
export { MigError, isMigError } from './errors.js'

export type { MigConfig, MigUserConfig, BindConfig, SchemaObject, OrmOptions, ConfigureCallback, DatabaseTarget, RevisionModule, PackagedMigrations } from './config/types.js'
export type { MigErrorCode } from './errors.js'
export type { Environment } from './runtime/environment.js'
export type { MigrationContext } from './runtime/run-revision.js'
export type { EntityManagerOptions } from './runtime/revision-orm.js'
export type { Operations } from './operations/index.js'
export type { ColumnSpec, ColumnType, Dialect } from './operations/types.js'
export type { Duration } from './config/duration.js'
export type { InitOptions, InitResult } from './commands/init.js'
export type { ListTemplatesResult } from './commands/list-templates.js'
export type { RevisionOptions, RevisionResult } from './commands/revision.js'
export type { MergeOptions, MergeResult } from './commands/merge.js'
export type { ApplyOptions, ApplyResult, StepSummary } from './commands/apply.js'
export type { UpgradeOptions } from './commands/upgrade.js'
export type { DowngradeOptions } from './commands/downgrade.js'
export type { StampCommandOptions, StampResult } from './commands/stamp.js'
export type { CurrentResult } from './commands/current.js'
export type { SyncOptions, SyncResult, SyncedPhantom, SyncSnapshot } from './commands/sync.js'
export type { PhantomInfo } from './commands/phantoms.js'
export type { HistoryOptions, HistoryResult } from './commands/history.js'
export type { ShowOptions, ShowResult } from './commands/show.js'
export type { HeadsOptions, HeadsResult } from './commands/heads.js'
export type { BranchesResult } from './commands/branches.js'
export type { EditOptions } from './commands/edit.js'
export type { AutogenerateOptions, AutogenerateRevisionResult, CheckResult } from './commands/autogenerate.js'
export type { DetectedChange } from './autogenerate/index.js'
export type { LintOptions, LintResult, LintedDatabase } from './commands/lint.js'
export type { DevOptions } from './commands/dev.js'
export type { WatchedDevLoop } from './dev/watched-loop.js'
export type { DevStatus } from './dev/status.js'
export type { LintConfig, LintFinding } from './lint/types.js'
export type { RevisionInfo } from './commands/describe.js'
export type { DatabaseCommandOptions } from './commands/common.js'

/** @deprecated The options of `upgrade`/`downgrade`; use `ApplyOptions` (or `UpgradeOptions`, `DowngradeOptions`). */
export type MigrateOptions = import('./commands/apply.js').ApplyOptions
/** @deprecated Use `ApplyResult`. */
export type MigrateResult = import('./commands/apply.js').ApplyResult
/** @deprecated The options of `migrate` (autogenerate); use `AutogenerateOptions`. */
export type MigrateCommandOptions = import('./commands/autogenerate.js').AutogenerateOptions
/** @deprecated Use `AutogenerateRevisionResult`. */
export type MigrateCommandResult = import('./commands/autogenerate.js').AutogenerateRevisionResult
/** @deprecated Use `StampCommandOptions`. */
export type StampOptions = import('./commands/stamp.js').StampCommandOptions

type Commands = {
  init: typeof import('./commands/init.js').init
  listTemplates: typeof import('./commands/list-templates.js').listTemplates
  revision: typeof import('./commands/revision.js').revision
  merge: typeof import('./commands/merge.js').merge
  upgrade: typeof import('./commands/upgrade.js').upgrade
  downgrade: typeof import('./commands/downgrade.js').downgrade
  stamp: typeof import('./commands/stamp.js').stamp
  sync: typeof import('./commands/sync.js').sync
  current: typeof import('./commands/current.js').current
  history: typeof import('./commands/history.js').history
  show: typeof import('./commands/show.js').show
  heads: typeof import('./commands/heads.js').heads
  branches: typeof import('./commands/branches.js').branches
  edit: typeof import('./commands/edit.js').edit
  migrate: typeof import('./commands/autogenerate.js').migrate
  check: typeof import('./commands/autogenerate.js').check
  lint: typeof import('./commands/lint.js').lint
  dev: typeof import('./commands/dev.js').dev
}

/** A command whose module is imported on first call. */
function lazy<K extends keyof Commands>(name: K, load: () => Promise<Record<K, Commands[K]>>): Commands[K] {
  return (async (...args: unknown[]) => {
    const module = await load()
    return (module[name] as (...a: unknown[]) => unknown)(...args)
  }) as Commands[K]
}

/** Creates a migration repository from a template. */
export const init = lazy('init', () => import('./commands/init.js'))
/** Lists the stock repository templates. */
export const listTemplates = lazy('listTemplates', () => import('./commands/list-templates.js'))
/** Writes a new revision file. */
export const revision = lazy('revision', () => import('./commands/revision.js'))
/** Writes a merge revision. */
export const merge = lazy('merge', () => import('./commands/merge.js'))
/** Applies revisions (default to `head`). */
export const upgrade = lazy('upgrade', () => import('./commands/upgrade.js'))
/** Reverts revisions (default `-1`). */
export const downgrade = lazy('downgrade', () => import('./commands/downgrade.js'))
/** Moves the version table without running migrations. */
export const stamp = lazy('stamp', () => import('./commands/stamp.js'))
/** Downgrades phantoms (applied revisions whose files are gone) from their kept sources, then upgrades to the heads. */
export const sync = lazy('sync', () => import('./commands/sync.js'))
/** What the database is at. */
export const current = lazy('current', () => import('./commands/current.js'))
/** Revisions, newest first. */
export const history = lazy('history', () => import('./commands/history.js'))
/** One revision's details. */
export const show = lazy('show', () => import('./commands/show.js'))
/** The heads of the graph. */
export const heads = lazy('heads', () => import('./commands/heads.js'))
/** The branch points of the graph. */
export const branches = lazy('branches', () => import('./commands/branches.js'))
/** Opens a revision file in `$VISUAL`/`$EDITOR`. */
export const edit = lazy('edit', () => import('./commands/edit.js'))
/** Autogenerates a revision from the difference between the models and the database. */
export const migrate = lazy('migrate', () => import('./commands/autogenerate.js'))
/** Lists model changes that no revision covers yet (for CI). */
export const check = lazy('check', () => import('./commands/autogenerate.js'))
/** Lints revisions for operations that lock or rewrite busy tables or break the running code. */
export const lint = lazy('lint', () => import('./commands/lint.js'))
/**
 * The dev loop without a bundler (`mig dev`): watches the models and the migrations, calls
 * `onStatus` once per new state, and runs until `close()`.
 */
export const dev = lazy('dev', () => import('./commands/dev.js'))
