import { isMultidb } from '../config/databases.js'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import type { AutogenerateResult, DetectedChange } from '../autogenerate/index.js'
import { databaseSections } from '../script/database-sections.js'
import { environmentArgs, openScriptDirectory, withRun, type DatabaseCommandOptions, type EnvironmentArgs, type ScriptDirectory } from './common.js'
import { writeNewRevision, type RevisionOptions } from './revision.js'
import { editedRevisions, phantomError, readPhantoms } from './phantoms.js'

/** What `migrate` (`revision --autogenerate`) takes. */
export type AutogenerateOptions = DatabaseCommandOptions & Omit<RevisionOptions, 'upgrades' | 'downgrades' | 'imports'> & {
  /**
   * Compare the models with an empty database of the configured dialect, not with the
   * database's schema: the revision creates every table. The baseline for a database that
   * already has the schema (one MikroORM created): write it, then `stamp head` that database.
   * Its schema and version table are not read. In a repository that has revisions already,
   * `head` must say where the revision goes (`base` for a new base). Default false.
   */
  fromEmpty?: boolean
}

/** What `migrate` returns. */
export interface AutogenerateRevisionResult {
  /** What the models have that the database has not (empty: nothing written). */
  changes: DetectedChange[]
  /** The revision written, when there were changes. */
  id?: string
  path?: string
  /** Multidb only: each bind's changes (possibly none), in config order. */
  binds?: Array<{ bind: string; changes: DetectedChange[] }>
  /** What to do next when nothing was written but the database is not under mig yet. */
  note?: string
  /** `mig lint` findings written as `// mig-lint` comments above the operations of the revision. */
  lint?: { errors: number; warnings: number }
}

/**
 * No changes and no revisions: the database already has the models' tables (MikroORM made
 * them), and the user who just ran `init` and `migrate` needs the baseline path.
 */
const ADOPT_NOTE =
  "The database already has the models' tables, but no revision creates them: write a baseline with " +
  "'mig migrate --from-empty -m baseline', then record that the database has it with 'mig stamp head'."

/**
 * `revision --autogenerate`: compares the models with every database, which must be at the
 * heads, and writes one revision with the operations that bring them to the models (multidb: a
 * section per database; nothing is written only when no database has a change).
 *
 * @example
 * const { changes, path } = await migrate(config, { message: 'add email' })
 * changes.map((c) => c.message) // ["Detected added column 'user.email'"]
 * await migrate(config, { message: 'baseline', fromEmpty: true }) // creates every table
 */
export async function migrate(config: MigConfig, options: AutogenerateOptions = {}): Promise<AutogenerateRevisionResult> {
  const args = environmentArgs(options)
  const fromEmpty = Boolean(options.fromEmpty)
  const script = await openScriptDirectory(config)
  if (fromEmpty) requireBaselinePlace(script, options)
  const found = await compareDatabases(config, script, args, 'migrate', fromEmpty)
  const changes = allChanges(config, found)
  const binds = isMultidb(config) ? { binds: found.map((f) => ({ bind: f.bind, changes: f.changes })) } : {}
  if (changes.length === 0) return { changes, ...binds, ...adoptNote(script) }
  const lint = { errors: sum(found, (f) => f.lint.errors), warnings: sum(found, (f) => f.lint.warnings) }
  return { changes, ...binds, ...writeNewRevision(config, script, { ...options, ...revisionBody(config, found) }), lint }
}

/** What `check` returns. */
export interface CheckResult {
  /** Pending model changes; empty when the migrations cover the models. */
  changes: DetectedChange[]
  /** Applied revisions whose file changed after they were applied (the database may not be what the file says). */
  edited: string[]
  /** Multidb only: each bind's changes (possibly none), in config order. */
  binds?: Array<{ bind: string; changes: DetectedChange[]; edited: string[] }>
}

/**
 * The comparison of `migrate` without writing anything: for CI. A database behind the heads
 * is an error.
 *
 * @example
 * if ((await check(config)).changes.length > 0) process.exitCode = 1
 */
export async function check(config: MigConfig, options: DatabaseCommandOptions = {}): Promise<CheckResult> {
  const args = environmentArgs(options)
  const found = await compareDatabases(config, await openScriptDirectory(config), args, 'check', false)
  const changes = allChanges(config, found)
  const edited = [...new Set(found.flatMap((f) => f.edited))]
  return isMultidb(config) ? { changes, edited, binds: found.map((f) => ({ bind: f.bind, changes: f.changes, edited: f.edited })) } : { changes, edited }
}

/** What autogenerate found for one database. */
interface DatabaseComparison extends AutogenerateResult {
  readonly bind: string
  /** Applied revisions edited since (see `editedRevisions`). */
  readonly edited: string[]
}

/**
 * Compares each database's models with it (each must be at the heads), or with an empty one
 * (`fromEmpty`: then the databases' versions do not matter), in config order.
 */
async function compareDatabases(
  config: MigConfig,
  script: ScriptDirectory,
  args: EnvironmentArgs,
  command: 'migrate' | 'check',
  fromEmpty: boolean,
): Promise<DatabaseComparison[]> {
  return withRun(config, script, command, args, async (run) => {
    const edited = new Map<string, string[]>()
    if (!fromEmpty) {
      const heads = script.graph.realHeads
      const multidb = isMultidb(config)
      for (const { database, rows, stored } of await run.readVersions()) {
        const { infos } = await readPhantoms(script.graph, rows, stored, config.directory)
        if (infos.length > 0) throw phantomError(infos, multidb ? database.name : undefined)
        edited.set(database.name, editedRevisions(script.graph, await stored.revisions()))
        if (rows.length === heads.length && rows.every((row) => heads.includes(row))) continue
        const where = multidb ? ` (bind ${database.name}: run 'mig upgrade' first)` : ''
        throw new MigError('NOT_UP_TO_DATE', `Target database is not up to date.${where}`, { bind: database.name })
      }
    }
    const { autogenerate } = await import('../autogenerate/index.js')
    const found: DatabaseComparison[] = []
    for (const database of run.databases) {
      const result = await autogenerate(database.config, database.target, { versionTable: config.versionTable, fromEmpty, lint: command === 'migrate' })
      found.push({ bind: database.name, edited: edited.get(database.name) ?? [], ...result })
    }
    return found
  })
}

/** The revision body: a single database's lines, or one `if (bind === ...)` section per database. */
function revisionBody(config: MigConfig, found: readonly DatabaseComparison[]): Pick<RevisionOptions, 'upgrades' | 'downgrades' | 'imports'> {
  if (!isMultidb(config)) return { upgrades: found[0]!.upgrades, downgrades: found[0]!.downgrades, imports: found[0]!.imports }
  const none = '// no changes detected in this database'
  return {
    upgrades: databaseSections(found.map((f) => ({ bind: f.bind, lines: f.upgrades })), none),
    downgrades: databaseSections(found.map((f) => ({ bind: f.bind, lines: f.downgrades })), none),
    imports: [...new Set(found.flatMap((f) => f.imports))],
  }
}

/** Every database's changes; multidb tags each with its bind. */
function allChanges(config: MigConfig, found: readonly DatabaseComparison[]): DetectedChange[] {
  if (!isMultidb(config)) return found.flatMap((f) => f.changes)
  return found.flatMap((f) => f.changes.map((change) => ({ ...change, bind: f.bind })))
}

function sum<T>(items: readonly T[], count: (item: T) => number): number {
  return items.reduce((total, item) => total + count(item), 0)
}

function adoptNote(script: ScriptDirectory): { note?: string } {
  return script.graph.heads.length === 0 ? { note: ADOPT_NOTE } : {}
}

/**
 * A revision that creates the whole schema belongs at a base: on top of existing revisions it
 * would create tables they already created. There, `head` must be given explicitly.
 */
function requireBaselinePlace(script: ScriptDirectory, options: AutogenerateOptions): void {
  if (script.graph.heads.length === 0 || options.head !== undefined) return
  throw new MigError(
    'USAGE',
    `--from-empty writes a revision that creates every table, but the repository already has revisions (head ${script.graph.heads.join(', ')}): ` +
      'pass --head base to start a new base, or leave --from-empty out',
  )
}
