import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunResult } from '../helpers/project.js'
import { explainDifferences } from './allowed-differences.js'
import { DIALECTS, openDatabase, type CorpusDatabase, type Dialect } from './databases.js'
import { compileReference, copySet, migIn, referenceDdl, removeCopy } from './project.js'
import { diffDumps, dumpSchema } from './schema-dump.js'
import { CORPUS, type CorpusSet } from './sets.js'

// Every corpus set (test/fixtures/corpus/, projects shaped like real MikroORM 6 apps) through the
// real CLI on every dialect: init → migrate → upgrade → check clean (also from a subfolder) →
// downgrade base → `upgrade --sql` piped into an empty database gives the schema `upgrade` gave →
// that schema is the one MikroORM's own getCreateSchemaSQL() gives, but for the differences
// listed in allowed-differences.ts.

// mig's own tables: the version table and the revision sources kept beside it (online only:
// a `--sql` script keeps none).
const VERSION_TABLE = /^(table|column|index|constraint|check|foreign key) mig_version(_source)?\b/
const SOURCE_TABLE = /^(table|column|index|constraint|check|foreign key) mig_version_source\b/

/** The step's result, failing with the set, dialect, step and mig's own output otherwise. */
function ok(where: string, step: string, result: RunResult): RunResult {
  expect(result.code, `${where}: \`mig ${step}\` exited ${result.code}\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

// Sets run side by side, but at most this many set × dialect runs at once: each is a chain of
// Node processes, and the machine has two cores.
const PARALLEL = 3
let running = 0
const waiting: Array<() => void> = []
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await task()
  } finally {
    running--
    waiting.shift()?.()
  }
}

const tables = (dump: string[]) => dump.filter((line) => line.startsWith('table ')).map((line) => line.split(' ')[1])

for (const set of CORPUS) {
  describe.concurrent(`corpus set ${set.name}`, () => {
    let compiled: string | undefined
    beforeAll(async () => {
      compiled = await compileReference(set)
    })
    afterAll(() => removeCopy(compiled))

    for (const { dialect, name, enabled } of DIALECTS) {
      it.skipIf(!enabled)(`on ${name}${enabled ? '' : ' (skipped: set its URL)'}: migrate, upgrade and check converge; offline SQL and MikroORM's own DDL give the same schema`, async () => {
        await limited(() => runSet(set, dialect, name, compiled!))
      }, 300_000)
    }
  })
}

async function runSet(set: CorpusSet, dialect: Dialect, dialectName: string, compiled: string): Promise<void> {
  const where = `${set.name} on ${dialectName}`
  const project = copySet(set)
  const databases: CorpusDatabase[] = []
  const open = async (file: string) => {
    const database = await openDatabase(dialect, join(project, file))
    databases.push(database)
    return database
  }
  try {
    const main = await open(set.sqliteFile)
    const offline = await open('offline.sqlite')
    const reference = await open('reference.sqlite')
    const mig = migIn(project, dialect === 'sqlite' ? {} : set.serverEnv(dialect, main.url))

    const init = ok(where, 'init', await mig(['init']))
    if (set.foundConfig) expect(init.stdout + init.stderr).toContain(`Using MikroORM's config ${set.foundConfig}`)

    const migrate = ok(where, 'migrate -m init', await mig(['migrate', '-m', 'init']))
    const revisions = readdirSync(join(project, 'migrations/versions'))
    expect(revisions, `${where}: one revision`).toEqual([expect.stringMatching(/^[0-9a-f]{12}_init\.ts$/)])
    ok(where, 'upgrade', await mig(['upgrade']))
    const check = ok(where, 'check', await mig(['check']))
    expect(check.stdout + check.stderr).toContain('No new upgrade operations detected.')

    // From inside the project, as a developer in an editor's terminal would.
    const nestedCheck = ok(where, `check (in ${set.subdirectory})`, await mig(['check'], set.subdirectory))
    expect(nestedCheck.stdout + nestedCheck.stderr).toContain('No new upgrade operations detected.')
    const nestedMigrate = ok(where, `migrate (in ${set.subdirectory})`, await mig(['migrate', '-m', 'again'], set.subdirectory))
    expect(nestedMigrate.stdout + nestedMigrate.stderr).toContain('No changes in schema detected.')
    expect(readdirSync(join(project, 'migrations/versions'))).toEqual(revisions)

    const online = await dumpSchema(dialect, main.query)
    ok(where, 'downgrade base', await mig(['downgrade', 'base']))
    expect(tables(await dumpSchema(dialect, main.query)), `${where}: tables left after downgrade base`).toEqual(['mig_version', 'mig_version_source'])

    const script = ok(where, 'upgrade --sql', await mig(['upgrade', '--sql'])).stdout
    await offline.pipe(script)
    expect(await dumpSchema(dialect, offline.query), `${where}: offline SQL vs online upgrade`).toEqual(online.filter((line) => !SOURCE_TABLE.test(line)))

    await reference.pipe(await referenceDdl(set, compiled, dialect, reference.url))
    const expected = await dumpSchema(dialect, reference.query)
    for (const table of tables(expected)) expect(migrate.stderr + migrate.stdout).toContain(`Detected added table '${table}'`)
    const unexplained = diffDumps(explainDifferences(dialect, online.filter((line) => !VERSION_TABLE.test(line))), expected)
    expect(unexplained, `${where}: schema differences from MikroORM's getCreateSchemaSQL() (+ mig only, - MikroORM only):\n${unexplained.join('\n')}\n`).toEqual([])
  } finally {
    await Promise.all(databases.map((database) => database.drop()))
    removeCopy(project)
  }
}
