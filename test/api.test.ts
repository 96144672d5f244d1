import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { current, downgrade, heads, history, init, isMigError, resolveConfig, revision, show, stamp, sync, upgrade } from '../dist/index.js'
import { createProject, type TempProject } from './helpers/project.js'
import { tableRevision } from './helpers/revisions.js'

let dir: string | undefined
let project: TempProject | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  project?.remove()
  vi.restoreAllMocks()
})

describe('the programmatic API', () => {
  it('runs every command as a function that returns results and prints nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mig-api-'))
    const stdout = vi.spyOn(process.stdout, 'write')
    const stderr = vi.spyOn(process.stderr, 'write')
    const config = await resolveConfig({ database: 'sqlite:app.db', versionTable: 'schema_versions' }, { root: dir })
    const created = await init(config)
    expect(created.created.map((item) => item.path)).toContain(join(dir, 'migrations', 'env.ts'))
    const first = await revision(config, { message: 'first', revId: 'aaa' })
    expect(first).toEqual({ id: 'aaa', path: join(dir, 'migrations/versions/aaa_first.ts') })
    await revision(config, { message: 'second', revId: 'bbb' })
    const seen: string[] = []
    const up = await upgrade(config, { onStep: (step) => seen.push(step.revision.id) })
    expect(up.steps.map((step) => [step.fromIds, step.toIds])).toEqual([[[], ['aaa']], [['aaa'], ['bbb']]])
    expect(seen).toEqual(['aaa', 'bbb'])
    expect((await current(config)).revisions.map((r) => r.id)).toEqual(['bbb'])
    expect((await heads(config)).revisions[0]).toMatchObject({ id: 'bbb', isHead: true, parents: ['aaa'], message: 'second' })
    expect((await history(config)).revisions.map((r) => r.id)).toEqual(['bbb', 'aaa'])
    expect((await show(config, { revision: 'aa' })).revisions[0]!.doc).toMatch(/^first\n\nRevision ID: aaa/)
    // bbb's file goes (a git switch): a phantom, removed from the source kept in schema_versions_source.
    const bbb = join(dir, 'migrations/versions/bbb_second.ts')
    const kept = readFileSync(bbb, 'utf8')
    rmSync(bbb)
    expect((await current(config)).phantoms.map((p) => [p.id, p.message, p.file])).toEqual([['bbb', 'second', 'versions/bbb_second.ts']])
    const synced = await sync(config, { snapshot: false })
    expect(synced.steps.map((step) => [step.direction, step.revision])).toEqual([['down', 'bbb']])
    writeFileSync(bbb, kept)
    expect((await upgrade(config)).steps.map((step) => step.revision)).toEqual(['bbb'])
    expect((await downgrade(config)).steps.map((step) => step.revision)).toEqual(['bbb'])
    expect((await stamp(config, { revisions: ['base'] })).steps).toEqual([{ fromIds: ['aaa'], toIds: [] }])
    const offline = await upgrade(config, { sql: true })
    expect(offline.sql).toContain('CREATE TABLE schema_versions')
    expect(stdout).not.toHaveBeenCalled()
    expect(stderr).not.toHaveBeenCalled()
  })

  it('throws MigErrors with stable codes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mig-api-'))
    const config = await resolveConfig({ database: 'sqlite:app.db' }, { root: dir })
    const error = await upgrade(config).catch((e: unknown) => e)
    expect(isMigError(error) && error.code).toBe('NO_REPOSITORY')
    await init(config)
    const unknown = await show(config, { revision: 'nope' }).catch((e: unknown) => e)
    expect(isMigError(unknown) && unknown.code).toBe('UNKNOWN_REVISION')
  })

  it('takes the connection from MikroORM options when no database URL is given', async () => {
    project = createProject(`import { defineConfig } from 'mig'
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite'

export default defineConfig({ orm: { driver: BetterSqliteDriver, dbName: 'from-orm.db', entities: [] } })
`)
    await project.mig(['init'])
    project.write('migrations/versions/a.ts', tableRevision('a', null))
    expect((await project.mig(['upgrade'])).code).toBe(0)
    expect((await project.mig(['current', '-v'])).stdout).toContain(`Current revision(s) for sqlite:${join(project.dir, 'from-orm.db')}:`)
  })
})
