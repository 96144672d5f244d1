/**
 * What a developer sees when they run Vitest with mig: each scenario is a real `vitest` run
 * of a small project, on the dialect given (the same list runs on SQLite and PostgreSQL).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, expect, it } from 'vitest'
import { revisionSource } from '../helpers/revisions.js'
import {
  addEmail, createUser, leftoverFolders, models, removeInstalledMig, runDatabases, serverDatabases, vitestProject,
  type Dialect, type VitestProject, type VitestRun,
} from './helpers.js'

/** A test file that checks isolation between tests (rollback) and between workers (commits). */
const isolation = (letter: string) => `import { describe, expect, inject } from 'vitest'
import { test, workerDatabaseUrl } from 'mig/vitest'
import { User } from '../src/models.js'

test('writes a row only this test sees', async ({ em }) => {
  em.create(User, { name: '${letter}' })
  await em.flush()
  expect(await em.count(User)).toBe(1)
})

test('does not see the row of the test before', async ({ em }) => {
  expect(await em.count(User)).toBe(0)
})

describe('committing', () => {
  test.override({ commits: true })

  test('commits a row no other worker sees', async ({ em, orm }) => {
    em.create(User, { name: '${letter}' })
    await em.flush()
    // Both files are in this test at the same time: a shared database would show both rows.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await orm.em.fork().find(User, {})).map((user) => user.name)).toEqual(['${letter}'])
    console.log('WORKER', process.env.VITEST_POOL_ID, workerDatabaseUrl(), inject('mig').dialect)
  })

  test('starts from the template again after a commit', async ({ orm }) => {
    expect(await orm.em.fork().count(User)).toBe(0)
  })
})
`

const migrations = "import { migrationTests } from 'mig/vitest'\n\nmigrationTests()\n"

const slow = `import { test } from 'mig/vitest'

test('runs until interrupted', async ({ em }) => {
  await em.count('User')
  console.log('STARTED', process.env.VITEST_POOL_ID)
  await new Promise((resolve) => setTimeout(resolve, 60_000))
}, 90_000)
`

const emailColumn = `import { test } from 'mig/vitest'

test('reports whether user.email exists', async ({ em }) => {
  const found = await em.execute('select email from "user"').then(() => 'yes', () => 'no')
  console.log('EMAIL COLUMN', found)
})
`

export function vitestScenarios(dialect: Dialect, serverUrl?: string): void {
  let project: VitestProject | undefined
  afterEach(() => project?.remove())
  afterAll(() => removeInstalledMig())

  const create = (options: Omit<Parameters<typeof vitestProject>[0], 'dialect' | 'serverUrl'>) =>
    (project = vitestProject({ dialect, serverUrl, ...options }))

  /** The temporary folders or server databases of the run of vitest process `pid`. */
  const traces = (pid: number) => (dialect === 'sqlite' ? Promise.resolve(leftoverFolders(pid)) : serverDatabases(serverUrl!, runDatabases(pid)))

  /** Nothing of the run is left, and the developer's database was never opened or created. */
  async function expectNoTraces(run: VitestRun, p: VitestProject): Promise<void> {
    // The exit path hands server drops to a detached helper: give it a moment.
    await expect.poll(() => traces(run.pid), { timeout: 10_000, interval: 200 }).toEqual([])
    if (dialect === 'sqlite') {
      expect(existsSync(join(p.dir, 'app.db'))).toBe(false)
      return
    }
    const devName = new URL(p.database).pathname.slice(1)
    expect(await serverDatabases(serverUrl!, new RegExp(`^${devName}$`))).toEqual([])
  }

  it('gives every test a rolled-back transaction and every worker its own copy', async () => {
    const p = create({ tests: { 'a.test.ts': isolation('A'), 'b.test.ts': isolation('B') } })
    const run = await p.vitest(['run', '--maxWorkers=2'])
    expect(run.output).toContain('Tests  8 passed (8)')
    expect(run.code).toBe(0)
    const workers = [...run.output.matchAll(/^WORKER (\d+) (\S+) (\w+)$/gm)]
    expect(workers.map((match) => match[3])).toEqual([dialect, dialect])
    expect(new Set(workers.map((match) => match[2])).size).toBe(2)
    await expectNoTraces(run, p)
  })

  it('passes the ready-made migration tests on a good project, wired by mig/vite, and cleans up after a failing run', async () => {
    const failing = "import { expect, test } from 'vitest'\n\ntest('fails', () => expect(1).toBe(2))\n"
    const p = create({ plugin: 'vite', revisions: { aaa: createUser, bbb: addEmail }, models: models(", email: p.string().length(200).nullable()"), tests: { 'migrations.test.ts': migrations, 'failing.test.ts': failing } })
    const run = await p.vitest(['run', '--maxWorkers=2', '--reporter=verbose'])
    expect(run.output).toMatch(/✓ .*migrations > have a single head/)
    expect(run.output).toMatch(/✓ .*migrations > upgrade an empty database from base to the heads/)
    expect(run.output).toMatch(/✓ .*migrations > go up, down and up again one revision at a time \(stairway\)/)
    expect(run.output).toMatch(/✓ .*migrations > match the models \(no change without a revision\)/)
    expect(run.output).toContain('Tests  1 failed | 4 passed (5)')
    expect(run.code).toBe(1)
    await expectNoTraces(run, p)
  })

  it('fails the ready-made tests of a broken project, naming the revision, table and column', async () => {
    const badDowngrade = revisionSource({
      id: 'bbb',
      down: 'aaa',
      message: 'add email',
      upgrade: ["await op.addColumn('user', { name: 'email', type: 'string', length: 200, nullable: true })"],
      downgrade: ["await op.execute('DROP TABLE no_such_table')"],
    })
    const p = create({
      revisions: { aaa: createUser, bbb: badDowngrade },
      models: models(', email: p.string().length(200).nullable(), age: p.integer().nullable()'),
      tests: { 'migrations.test.ts': migrations },
    })
    const run = await p.vitest(['run'])
    expect(run.output).toContain('Tests  2 failed | 2 passed (4)')
    expect(run.output).toContain('Stairway at revision bbb (add email, migrations/versions/bbb.ts): the downgrade failed: downgrade of revision bbb')
    expect(run.output).toContain('no_such_table')
    expect(run.output).toContain('The models have 1 change(s) that no revision covers:')
    expect(run.output).toContain("  - user.age: Detected added column 'user.age'")
    expect(run.code).toBe(1)
    await expectNoTraces(run, p)
  })

  it('stops with a clear error when the template cannot be migrated', async () => {
    const broken = revisionSource({ id: 'aaa', message: 'broken', upgrade: ["await op.execute('CREATE TABLE broken (')"] })
    const p = create({ revisions: { aaa: broken }, tests: { 'a.test.ts': isolation('A') } })
    const run = await p.vitest(['run'])
    expect(run.output).toContain('mig/vitest could not migrate the test template: upgrade of revision aaa (migrations/versions/aaa.ts) failed')
    expect(run.code).toBe(1)
    await expectNoTraces(run, p)
  })

  it('drops everything when the run is interrupted with SIGINT', async () => {
    const p = create({ tests: { 'one.test.ts': slow, 'two.test.ts': slow } })
    const live = p.start(['run', '--maxWorkers=2'])
    await live.waitFor(/STARTED \d[\s\S]*STARTED \d/)
    // The template and both workers' copies exist at this point.
    expect((await traces(live.child.pid!)).length).toBe(dialect === 'sqlite' ? 1 : 3)
    // As Ctrl+C in a terminal: the whole process group gets the signal.
    process.kill(-live.child.pid!, 'SIGINT')
    const run = await live.done
    expect(run.code === 0).toBe(false)
    await expectNoTraces(run, p)
  })

  it('migrates the template again when watch mode sees a new revision', async () => {
    const p = create({ tests: { 'email.test.ts': emailColumn } })
    const live = p.start(['watch'])
    await live.waitFor(/EMAIL COLUMN no[\s\S]*Waiting for file changes/)
    p.write('migrations/versions/bbb.ts', addEmail)
    await live.waitFor(/EMAIL COLUMN yes/)
    process.kill(-live.child.pid!, 'SIGTERM')
    await expectNoTraces(await live.done, p)
  })
}
