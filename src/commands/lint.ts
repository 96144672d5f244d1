import { relative, sep } from 'node:path'
import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { lintConfig } from '../lint/config.js'
import type { LintFinding, RevisionToLint } from '../lint/index.js'
import type { Dialect } from '../operations/types.js'
import { pinTarget, planUpgrade, resolveRevisions } from '../revision/index.js'
import type { Step } from '../revision/types.js'
import type { RevisionModules } from '../runtime/steps.js'
import { revisionModules } from '../script/modules.js'
import { offlineRange } from './apply.js'
import { environmentArgs, openScriptDirectory, withOfflineTargets, withRun, type DatabaseCommandOptions } from './common.js'

/** What `lint` takes. */
export interface LintOptions extends DatabaseCommandOptions {
  /**
   * `start:end` (`base:head`, `ae10:head`): lint those revisions offline, with no connection.
   * Default: the revisions pending on each database, read from it with its server version and
   * the row counts of the tables they touch.
   */
  range?: string | undefined
  /** Offline: the dialect to lint for (`postgresql`, `mysql`, `mariadb`, `sqlite`). Default: the configured database's. */
  dialect?: string | undefined
  /** The server version to lint for (`'14'`, `'10.11'`). Default: the server's when connected, else `lint.targetVersion`, else a current one. */
  targetVersion?: string | undefined
}

/** What one database was linted as. */
export interface LintedDatabase {
  readonly bind: string
  readonly dialect: Dialect
  /** The server version it was linted for (`16.2`), when known. */
  readonly version: string | undefined
  readonly connected: boolean
  /** The revisions linted, in the order they run. */
  readonly revisions: string[]
}

/** What `lint` returns. */
export interface LintResult {
  /** Every finding, per database in config order, then per revision and line. Multidb findings carry `bind`. */
  findings: Array<LintFinding & { bind?: string }>
  databases: LintedDatabase[]
  errors: number
  warnings: number
}

/**
 * Lints revisions for operations that lock or rewrite a busy table, fail on existing rows or
 * break the running code (see the README's rule table). Nothing is written, and a connected
 * lint only reads (the version table, `SELECT version()`, row counts).
 *
 * @example
 * const { errors, findings } = await lint(config)                 // pending revisions of the database
 * await lint(config, { range: 'base:head', dialect: 'postgresql', targetVersion: '10' })
 * if (errors > 0) process.exitCode = 1
 */
export async function lint(config: MigConfig, options: LintOptions = {}): Promise<LintResult> {
  const args = environmentArgs(options)
  const script = await openScriptDirectory(config)
  const { graph } = script
  const settings = lintConfig(config.options)
  const modules = revisionModules(config.directory)
  const multidb = isMultidb(config)
  const { lintRevisions, lintTarget, parseDialect } = await import('../lint/index.js')
  const results: Array<{ database: LintedDatabase; findings: LintFinding[] }> = []
  const lintSettings = { ignore: settings.ignore, lockTimeout: settings.lockTimeout }

  if (options.range !== undefined) {
    if (!options.range.includes(':')) throw new MigError('USAGE', `lint ${options.range}: a range is start:end, such as base:head`)
    const { start, end } = offlineRange('upgrade', options.range)
    const startHeads = start ? resolveRevisions(graph, start) : []
    const steps = planUpgrade(graph, startHeads, pinTarget(graph, 'upgrade', startHeads, end))
    await withOfflineTargets(config, script, 'lint', args, async (databases) => {
      for (const database of databases) {
        const dialect = options.dialect ? parseDialect(options.dialect) : database.target.dialect
        const version = options.targetVersion ?? settings.targetVersion
        const revisions = await recordSteps(steps, { dialect, bind: database.name, x: args.x }, modules, config.root)
        const target = lintTarget(dialect, version, undefined, /^mariadb/i.test(options.dialect ?? database.target.display))
        const findings = lintRevisions(revisions, target, lintSettings)
        results.push({ database: { bind: database.name, dialect, version: versionText(target.version), connected: false, revisions: ids(steps) }, findings })
      }
    })
  } else {
    await withRun(config, script, 'lint', args, async (run) => {
      for (const { database, rows } of await run.readVersions()) {
        const steps = planUpgrade(graph, rows, pinTarget(graph, 'upgrade', rows, 'heads'))
        const { dialect } = database.target
        const revisions = await recordSteps(steps, { dialect, bind: database.name, x: args.x }, modules, config.root)
        const facts = await run.serverFacts(database.name, touchedTables(revisions))
        const target = lintTarget(dialect, options.targetVersion ?? facts.version, facts.rows)
        const findings = lintRevisions(revisions, target, lintSettings)
        results.push({ database: { bind: database.name, dialect, version: versionText(target.version), connected: true, revisions: ids(steps) }, findings })
      }
    })
  }
  const findings = results.flatMap(({ database, findings }) => (multidb ? findings.map((finding) => ({ ...finding, bind: database.bind })) : findings))
  const errors = findings.filter((finding) => finding.severity === 'error').length
  return { findings, databases: results.map((result) => result.database), errors, warnings: findings.length - errors }
}

/** Records each step's `upgrade` with the text of its file. */
async function recordSteps(
  steps: readonly Step[],
  context: { dialect: Dialect; bind: string; x: Readonly<Record<string, string>> },
  modules: RevisionModules,
  root: string,
): Promise<RevisionToLint[]> {
  const { recordRevision } = await import('../lint/index.js')
  modules.prefetch(steps.map((step) => step.revision.path))
  const revisions: RevisionToLint[] = []
  for (const step of steps) {
    const { path, id } = step.revision
    const file = relative(root, path).split(sep).join('/') || path
    let recorded
    try {
      recorded = await recordRevision(await modules.load(path), context)
    } catch (error) {
      throw new MigError(error instanceof MigError ? error.code : 'MIGRATION_FAILED', `lint: the upgrade of revision ${id} (${file}) failed while its operations were recorded: ${(error as Error).message}`, {
        cause: error,
        revision: id,
        file,
      })
    }
    revisions.push({ id, file, source: (await modules.source(path))?.text ?? '', recorded })
  }
  return revisions
}

/** The tables the revisions' calls work on: their rows decide whether a change is safe. */
function touchedTables(revisions: readonly RevisionToLint[]): string[] {
  return [...new Set(revisions.flatMap((revision) => revision.recorded.calls.flatMap((call) => (call.table === undefined ? [] : [call.table]))))]
}

function ids(steps: readonly Step[]): string[] {
  return steps.map((step) => step.revision.id)
}

function versionText(version: readonly number[] | undefined): string | undefined {
  return version?.join('.')
}
