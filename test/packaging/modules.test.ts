import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { current, downgrade, heads, history, revision, resolveConfig, show, stamp, upgrade } from '../../dist/index.js'
import type { MigrationContext } from '../../dist/index.js'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** What `import * as r from './versions/aaa111_create_user.js'` gives once bundled. */
const createUser = {
  revision: 'aaa111',
  downRevision: null,
  branchLabels: null,
  dependsOn: null,
  message: 'create user',
  upgrade: ({ op }: MigrationContext) => op.createTable('user', [{ name: 'id', type: 'integer', primary: true }]),
  downgrade: ({ op }: MigrationContext) => op.dropTable('user'),
}
const addEmail = {
  revision: 'bbb222',
  downRevision: 'aaa111',
  branchLabels: ['users'],
  dependsOn: null,
  message: 'add email',
  upgrade: ({ op }: MigrationContext) => op.addColumn('user', { name: 'email', type: 'string', length: 120 }),
  downgrade: ({ op }: MigrationContext) => op.dropColumn('user', 'email'),
}

async function configWith(revisions: readonly object[]) {
  dir = mkdtempSync(join(tmpdir(), 'mig-packaged-'))
  // No migrations folder exists: everything comes from the modules.
  return resolveConfig({ database: 'sqlite:app.db', migrations: { revisions } }, { root: dir })
}

describe('config.migrations (revisions bundled as modules)', () => {
  it('serves every command that reads or runs revisions', async () => {
    const config = await configWith([createUser, addEmail])
    expect((await heads(config)).revisions.map((info) => [info.id, info.branchLabels])).toEqual([['bbb222', ['users']]])
    expect((await history(config)).revisions.map((info) => `${info.parents.join(',')} -> ${info.id}, ${info.message}`)).toEqual([
      'aaa111 -> bbb222, add email',
      ' -> aaa111, create user',
    ])
    expect((await show(config, { revision: 'users@head' })).revisions[0]).toMatchObject({ id: 'bbb222', doc: 'add email', path: `${join(dir, 'migrations', 'index.ts')}#bbb222` })

    expect((await upgrade(config, { revision: 'aaa111' })).steps.map((step) => step.revision)).toEqual(['aaa111'])
    expect((await stamp(config, { revisions: ['head'] })).steps.map((step) => step.toIds)).toEqual([['bbb222']])
    expect((await current(config)).revisions.map((info) => info.id)).toEqual(['bbb222'])
    await stamp(config, { revisions: ['aaa111'] })
    expect((await upgrade(config)).steps.map((step) => step.revision)).toEqual(['bbb222'])
    expect((await downgrade(config, { revision: 'base' })).steps.map((step) => step.message)).toEqual(['add email', 'create user'])
  })

  it('names the bundled revision when a step fails, and refuses to write revisions', async () => {
    const broken = { ...addEmail, upgrade: ({ op }: MigrationContext) => op.execute('select * from nowhere') }
    const config = await configWith([createUser, broken])
    await expect(upgrade(config)).rejects.toThrow(/upgrade of revision bbb222 \(migrations\/index\.ts#bbb222\) failed in statement: select \* from nowhere/)
    expect((await current(config)).revisions.map((info) => info.id)).toEqual(['aaa111'])
    await expect(revision(config, { message: 'x' })).rejects.toThrow("leave 'migrations' out of mig.config.ts")
  })

  it('rejects what is not a migrations index', async () => {
    await expect(heads(await configWith([{ upgrade() {} }]))).rejects.toThrow("Bundled revision #1 in config.migrations does not export a string 'revision'")
    const config = await resolveConfig({ migrations: {} as never }, { root: tmpdir() })
    await expect(heads(config)).rejects.toThrow("it exports 'revisions', a list of revision modules")
  })
})
