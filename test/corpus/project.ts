import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { linkModules, REPO, runMig, runNode, type RunResult } from '../helpers/project.js'
import type { Dialect } from './databases.js'
import type { CorpusSet } from './sets.js'

const FIXTURES = join(REPO, 'test/fixtures/corpus')
const TSC = join(REPO, 'node_modules/typescript/bin/tsc')
const REFERENCE_DDL = join(REPO, 'test/corpus/reference-ddl.mjs')

/** A throwaway copy of a corpus set, its node_modules linked to this repo's: runs never write into the repo. */
export function copySet(set: CorpusSet): string {
  const dir = mkdtempSync(join(tmpdir(), `mig-corpus-${set.name}-`))
  cpSync(join(FIXTURES, set.name), dir, { recursive: true })
  linkModules(dir)
  return dir
}

export function removeCopy(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true })
}

// A user's shell, not Vitest's: MikroORM reads `VITEST` as "a TypeScript loader is active" and
// would then pick `entitiesTs` over the compiled `entities`; mig reads the worker variables.
const USER_ENV = { VITEST: '', VITEST_WORKER_ID: '', VITEST_POOL_ID: '' }

/** `mig` run in `cwd` (relative to the project) with the given environment. */
export function migIn(project: string, env: Record<string, string>) {
  return (args: string[], cwd = '.'): Promise<RunResult> => runMig(join(project, cwd), args, { env: { ...USER_ENV, ...env }, timeout: 60_000 })
}

/** A copy of the set built the way its production build is: `tsc` as the set's scripts run it. */
export async function compileReference(set: CorpusSet): Promise<string> {
  const dir = copySet(set)
  const result = await runNode(dir, [TSC, ...set.reference.tsc])
  if (result.code !== 0) throw new Error(`tsc failed on corpus set ${set.name}:\n${result.stdout}${result.stderr}`)
  if (set.reference.commonjsOutput) writeFileSync(join(dir, 'dist/package.json'), '{ "type": "commonjs" }\n')
  return dir
}

/** MikroORM's own `getCreateSchemaSQL()` for the compiled set, for a database of `dialect`. */
export async function referenceDdl(set: CorpusSet, compiled: string, dialect: Dialect, database: string): Promise<string> {
  const result = await runNode(compiled, [...(set.reference.node ?? []), REFERENCE_DDL, set.reference.config, dialect, database], { env: { ...USER_ENV, ...set.reference.env } })
  if (result.code !== 0) throw new Error(`MikroORM's getCreateSchemaSQL() failed on corpus set ${set.name} (${dialect}):\n${result.stderr}`)
  return result.stdout
}
