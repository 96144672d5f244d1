import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { copySet, migIn, removeCopy } from '../corpus/project.js'
import { CORPUS } from '../corpus/sets.js'
import { decoratorConfig, withRating, writeDecoratorProject } from '../helpers/decorator-project.js'
import { startMig, type LongProcess } from '../helpers/long-process.js'
import { POSTGRES_URL, scratchPostgres, SKIP_POSTGRES } from '../helpers/databases.js'
import { createProject, urlConfig, type RunResult, type TempProject } from '../helpers/project.js'

let project: TempProject | undefined
let dev: LongProcess | undefined
afterEach(async () => {
  await dev?.stop('SIGKILL')
  project?.remove()
  dev = project = undefined
})

function ok(result: RunResult): RunResult {
  expect(result.code, result.stderr).toBe(0)
  return result
}

function columns(project: TempProject, table: string): string[] {
  const db = new Database(join(project.dir, 'app.db'), { readonly: true })
  try {
    return (db.prepare(`select name from pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((row) => row.name)
  } finally {
    db.close()
  }
}

async function decoratorProject(): Promise<TempProject> {
  const created = createProject(decoratorConfig)
  writeDecoratorProject(created)
  ok(await created.mig(['init']))
  ok(await created.mig(['migrate', '-m', 'init']))
  ok(await created.mig(['upgrade']))
  return created
}

describe('mig dev', () => {
  it('prints a line per state: an edited decorated model, then its revision pending, then clean after migrate + upgrade elsewhere', async () => {
    project = await decoratorProject()
    dev = startMig(project.dir, ['dev'])
    await dev.waitFor(/\[mig\] models match the migrations \(head \w+\)\n/)

    let from = dev.output().length
    project.write('src/entities/book.entity.ts', withRating(project.read('src/entities/book.entity.ts')))
    const changed = await dev.waitFor(/\[mig\] (.*) changed: 1 model change\(s\) not in a migration: (.*) → (.*)\n/, from)
    expect(changed.slice(1)).toEqual(['src/entities/book.entity.ts', "added column 'book.rating'", 'mig migrate -m "describe the change"'])

    from = dev.output().length
    ok(await project.mig(['migrate', '-m', 'add rating']))
    await dev.waitFor(/\[mig\] .*changed: database is 1 revision\(s\) behind \(\w+\) → mig upgrade\n/, from)
    from = dev.output().length
    ok(await project.mig(['upgrade']))
    await dev.waitFor(/\[mig\] models match the migrations/, from)

    // A removed decorated property is seen too: each generation of the models starts from scratch.
    from = dev.output().length
    project.write('src/entities/book.entity.ts', project.read('src/entities/book.entity.ts').replace('  @Property() pages!: number\n', ''))
    await dev.waitFor(/\[mig\] src\/entities\/book.entity.ts changed: 1 model change\(s\) not in a migration: removed column 'book.pages'/, from)

    expect(await dev.stop('SIGINT')).toBe(0)
    expect(dev.output()).toMatch(/\[mig\] stopped\n$/)
    expect(dev.output()).not.toMatch(/\bat .*\.js:\d+/)
  }, 120_000)

  it('--auto-upgrade applies a revision written in another terminal', async () => {
    project = await decoratorProject()
    dev = startMig(project.dir, ['dev', '--auto-upgrade'])
    await dev.waitFor(/models match the migrations/)
    const from = dev.output().length
    project.write('src/entities/book.entity.ts', withRating(project.read('src/entities/book.entity.ts')))
    await dev.waitFor(/not in a migration/, from)
    ok(await project.mig(['migrate', '-m', 'add rating']))
    await dev.waitFor(/models match the migrations/, from)
    expect(columns(project, 'book')).toContain('rating')
  }, 120_000)

  it('fails with one line when the config is missing', async () => {
    project = createProject()
    const result = await project.mig(['dev', '--config', 'nope.ts'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`Error: Config file '${join(project.dir, 'nope.ts')}' does not exist\n`)
  })
})

describe('mig dev on CommonJS NestJS-style projects (folder discovery)', () => {
  // Their entity files are found by MikroORM's globs, not imported by the config: mig dev
  // watches the folders of `entitiesTs` as the running MikroORM was configured.
  it.each([
    { name: 'nest-tsmorph', file: 'src/tickets/reply.entity.ts', anchor: '  @Property()\n  internal = false\n', added: '  @Property({ nullable: true })\n  editedAt?: Date\n', column: "'reply.edited_at'" },
    { name: 'nest-no-config', file: 'src/branches/branch.entity.ts', anchor: "  @Property({ type: 'time', nullable: true })\n  opensAt?: string\n", added: "  @Property({ type: 'time', nullable: true })\n  closesAt?: string\n", column: "'branch.closes_at'" },
  ])('$name: an edited entity file shows its column', async ({ name, file, anchor, added, column }) => {
    const set = CORPUS.find((candidate) => candidate.name === name)!
    const dir = copySet(set)
    project = { dir, remove: () => removeCopy(dir) } as TempProject
    const mig = migIn(dir, {})
    for (const args of [['init'], ['migrate', '-m', 'init'], ['upgrade']]) ok(await mig(args))
    dev = startMig(dir, ['dev'], { VITEST: '', VITEST_WORKER_ID: '', VITEST_POOL_ID: '' })
    await dev.waitFor(/\[mig\] models match the migrations/)
    const from = dev.output().length
    const source = readFileSync(join(dir, file), 'utf8')
    expect(source).toContain(anchor)
    writeFileSync(join(dir, file), source.replace(anchor, `${anchor}\n${added}`))
    const line = await dev.waitFor(/\[mig\] (.*) changed: 1 model change\(s\) not in a migration: (.*) →/, from)
    expect(line.slice(1)).toEqual([file, `added column ${column}`])
  }, 120_000)
})

describe('mig dev on PostgreSQL', () => {
  it.skipIf(!POSTGRES_URL)(`follows the database: an upgrade in another terminal clears the pending line${SKIP_POSTGRES}`, async () => {
    const database = await scratchPostgres()
    onTestFinished(() => database.drop())
    project = createProject(urlConfig(database.url, "  orm: async () => ({ entities: [(await import('./src/models.js')).Post] }),\n"))
    project.write('src/models.ts', "import { defineEntity, p } from '@mikro-orm/core'\n\nexport const Post = defineEntity({ name: 'Post', properties: { id: p.integer().primary(), title: p.string().length(200) } })\n")
    ok(await project.mig(['init']))
    ok(await project.mig(['migrate', '-m', 'posts']))
    dev = startMig(project.dir, ['dev'])
    await dev.waitFor(/\[mig\] database is 1 revision\(s\) behind \(\w+\) → mig upgrade\n/)
    const from = dev.output().length
    ok(await project.mig(['upgrade']))
    // No file changed: the version table is read every 500 ms on the loop's own connection.
    const [line] = await dev.waitFor(/.*\[mig\] .*\n/, from)
    expect(line).toMatch(/^\d\d:\d\d:\d\d \[mig\] models match the migrations \(head \w+\)\n$/)
    expect(await dev.stop('SIGTERM')).toBe(0)
  }, 60_000)
})
