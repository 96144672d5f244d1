import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { current, resolveConfig } from '../../dist/index.js'
import { checkSingleHead, checkStairway } from '../../dist/vitest/migration-checks.js'
import { createTestDatabases, type TestDatabases } from '../../dist/vitest.js'
import { tableRevision } from '../helpers/revisions.js'

let dir: string
let databases: TestDatabases | undefined
afterEach(async () => {
  await databases?.dispose()
  databases = undefined
  rmSync(dir, { recursive: true, force: true })
})

/** A project folder with the given revisions (id → parents) and a config built in code. */
async function repository(revisions: Record<string, string | string[] | null>, dependsOn: Record<string, string[]> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'mig-vt-'))
  for (const [id, down] of Object.entries(revisions)) write(`migrations/versions/${id}.ts`, tableRevision(id, down, dependsOn[id] ? { dependsOn: dependsOn[id] } : {}))
  return resolveConfig({ database: 'sqlite:app.db' }, { root: dir })
}

function write(path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  writeFileSync(join(dir, path), content)
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare("select name from sqlite_master where type = 'table' order by 1").all() as Array<{ name: string }>).map((row) => row.name)
  } finally {
    db.close()
  }
}

describe('the template databases of a run', () => {
  it('migrates a template, copies it per worker, re-migrates on a new revision and drops it all', async () => {
    const config = await repository({ a: null, b: 'a' })
    databases = await createTestDatabases(config)
    const run = await databases.migrate()
    expect(run).toMatchObject({ dialect: 'sqlite', generation: 1, heads: ['b'], root: dir })
    const worker = (await databases.worker(2)).slice('sqlite:'.length)
    expect(worker).toBe(run.workerUrlPattern.slice('sqlite:'.length).replace('{pool}', '2'))
    expect(tables(worker)).toEqual(['mig_version', 't_a', 't_b'])

    expect(await databases.refresh()).toBe(false)
    write('migrations/versions/c.ts', tableRevision('c', 'b'))
    expect(await databases.refresh()).toBe(true)
    expect(databases.run).toMatchObject({ generation: 2, heads: ['c'] })
    // The first generation is gone; the new one is complete.
    expect(existsSync(worker)).toBe(false)
    expect(tables((await databases.worker(2)).slice('sqlite:'.length))).toEqual(['mig_version', 't_a', 't_b', 't_c'])

    await databases.dispose()
    databases = undefined
    expect(existsSync(run.home)).toBe(false)
    // The developer's database was never opened.
    expect(existsSync(join(dir, 'app.db'))).toBe(false)
  })

  it('keeps the last good template when a new revision fails, and reports why', async () => {
    const config = await repository({ a: null })
    databases = await createTestDatabases(config)
    await databases.migrate()
    write('migrations/versions/b.ts', tableRevision('b', 'a', { upgrade: ["await op.execute('CREATE TABLE broken (')"] }))
    expect(await databases.refresh()).toBe(true)
    expect(databases.run.error).toMatch(/^mig\/vitest could not migrate the test template: upgrade of revision b .* failed/)
    expect(databases.run.generation).toBe(1)
  })
})

describe('the ready-made checks', () => {
  it('run the stairway over branches, a merge, a second base and a dependency', async () => {
    const config = await repository({ a: null, b: 'a', c1: 'b', c2: 'b', m: ['c1', 'c2'], x: null, y: 'x', n: ['m', 'y'] }, { y: ['c1'] })
    const url = `sqlite:${join(dir, 'stairway.db')}`
    await checkStairway(config, url)
    expect((await current({ ...config, database: url })).revisions.map((revision) => revision.id)).toEqual(['n'])
  })

  it('name every head when there are several', async () => {
    const config = await repository({ a: null, b: 'a', c: 'a' })
    await expect(checkSingleHead(config)).rejects.toThrow(
      /^Expected a single head revision, found 2:\n  - [bc] [bc] \(migrations\/versions\/[bc]\.ts\)\n  - [bc] [bc] .*\nMerge them: npx mig merge heads -m "merge heads"$/,
    )
  })
})
