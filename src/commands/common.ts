import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { buildGraph, type RevisionGraph } from '../revision/index.js'
import { runInEnvironment, type Environment } from '../runtime/environment.js'
import { MigrationRun, type RunDatabase, type RunSettings } from '../runtime/migration-run.js'
import { sourceTableName, type SourceKeeping } from '../runtime/revision-sources.js'
import type { StepTimeouts } from '../runtime/step-settings.js'
import { parseXArgs } from '../runtime/x-args.js'
import { gitHead } from '../script/git-head.js'
import { environmentOf, openRepository, readRevisionHeaders, type Repository } from '../script/repository.js'

/** Options every command that talks to the database accepts. */
export interface DatabaseCommandOptions {
  /** `-x KEY=VALUE` arguments for `env.ts`. */
  xArgs?: readonly string[]
  /** `--tag`, passed to `env.ts`. */
  tag?: string
}

/** A command's `-x` arguments (as given and as a dictionary) and `--tag`, for `env.ts`. */
export interface EnvironmentArgs {
  readonly xArgs: readonly string[]
  readonly x: Readonly<Record<string, string>>
  readonly tag: string | undefined
}

/**
 * Parses a command's `-x` arguments, once, at its start: a malformed one is a usage error before
 * the migrations folder or a database is read, whether or not the command ends up running `env.ts`.
 *
 * @example environmentArgs({ xArgs: ['tenant=acme'] }).x // { tenant: 'acme' }
 */
export function environmentArgs(options: DatabaseCommandOptions): EnvironmentArgs {
  const xArgs = options.xArgs ?? []
  return { xArgs, x: parseXArgs(xArgs), tag: options.tag }
}

/** The migrations folder opened, and the revision graph its headers make (Alembic's ScriptDirectory with its revision map). */
export interface ScriptDirectory {
  repo: Repository
  graph: RevisionGraph
}

/**
 * Opens the repository and builds the graph from file headers (no revision is executed).
 *
 * @example (await openScriptDirectory(config)).graph.heads // ['1fe10b17daf0']
 */
export async function openScriptDirectory(config: MigConfig): Promise<ScriptDirectory> {
  const repo = openRepository(config)
  return { repo, graph: buildGraph(await readRevisionHeaders(repo)) }
}

/**
 * Runs `work` on a migration run connected to every database, as the repository's `env.ts`
 * says; the connections are always closed.
 *
 * @example
 * await withRun(config, script, 'current', environmentArgs({}), async (run) => (await run.readVersions()).map((v) => v.rows)) // [['1fe10b17daf0']]
 */
export async function withRun<T>(
  config: MigConfig,
  script: ScriptDirectory,
  command: string,
  args: EnvironmentArgs,
  work: (run: MigrationRun, environment: Environment) => Promise<T>,
): Promise<T> {
  return runInEnvironment(config, environmentOf(script.repo), { command, ...args }, async (databases, environment) => {
    const run = await MigrationRun.open(databases, runSettings(config, environment))
    try {
      return await work(run, environment)
    } finally {
      await run.close()
    }
  })
}

/**
 * Like `withRun`, for a caller that keeps the run open between uses (the dev loop reads the
 * version rows on one connection while a page is open) and closes it itself. Only the
 * repository's `env.ts` is needed: the revision files are not read.
 *
 * @example
 * const run = await openRun(config, 'check', environmentArgs({}))
 * try { (await run.readVersions()).map((v) => v.rows) } finally { await run.close() }
 */
export async function openRun(config: MigConfig, command: string, args: EnvironmentArgs): Promise<MigrationRun> {
  return runInEnvironment(config, environmentOf(openRepository(config)), { command, ...args }, (databases, environment) =>
    MigrationRun.open(databases, runSettings(config, environment)),
  )
}

function runSettings(config: MigConfig, environment: Environment): RunSettings {
  return { versionTable: config.versionTable, root: config.root, x: environment.x, nameDatabases: isMultidb(config), sources: sourceKeeping(config), timeouts: stepTimeouts(config) }
}

/**
 * The config's `lockTimeout` and `statementTimeout`, which every step starts with (online and
 * under `--sql`) unless its revision says otherwise.
 *
 * @example stepTimeouts(config) // { lockTimeout: 5000, statementTimeout: undefined }
 */
export function stepTimeouts(config: MigConfig): StepTimeouts {
  return { lockTimeout: config.lockTimeout, statementTimeout: config.statementTimeout }
}

/** Where a run keeps the sources it applies, with the git branch and commit of the migrations folder; none when the config turns it off. */
function sourceKeeping(config: MigConfig): SourceKeeping | undefined {
  if (!config.keepRevisionSources || config.migrations) return undefined
  let head: ReturnType<typeof gitHead> | undefined
  return { table: sourceTableName(config.versionTable), provenance: () => (head ??= gitHead(config.directory)) }
}

/** Like `withRun`, but for `--sql`: every database's target, nothing connected. */
export async function withOfflineTargets<T>(
  config: MigConfig,
  script: ScriptDirectory,
  command: string,
  args: EnvironmentArgs,
  work: (databases: RunDatabase[], environment: Environment) => Promise<T>,
): Promise<T> {
  return runInEnvironment(config, environmentOf(script.repo), { command, ...args, offline: true }, work)
}

/**
 * The version rows of every database, without duplicates, for commands that only mark or open
 * the current revisions (`history -i`, `edit`).
 *
 * @example await readCurrentRows(config, script, 'history', environmentArgs({})) // ['1fe10b17daf0']
 */
export async function readCurrentRows(config: MigConfig, script: ScriptDirectory, command: string, args: EnvironmentArgs): Promise<string[]> {
  return withRun(config, script, command, args, async (run) => [...new Set((await run.readVersions()).flatMap((found) => found.rows))])
}
