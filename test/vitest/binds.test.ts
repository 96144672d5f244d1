import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bindRevision, MODELS, multidbConfig } from '../multidb/helpers.js'
import { leftoverFolders, removeInstalledMig, vitestProject } from './helpers.js'

afterAll(() => removeInstalledMig())

const createTables = bindRevision(
  'aaa',
  null,
  {
    default: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }, { name: 'title', type: 'string', length: 200 }])"],
    users: ["await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }, { name: 'name', type: 'string', length: 128 }])"],
  },
  { default: ["await op.dropTable('post')"], users: ["await op.dropTable('user')"] },
)

const bindTest = `import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { bindDatabaseUrl, workerDatabaseUrl } from 'mig/vitest'

const tables = (url: string) => {
  const db = new Database(url.replace(/^sqlite:/, ''), { readonly: true })
  try {
    return db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all().map((row: any) => row.name)
  } finally {
    db.close()
  }
}

test('every bind has its own migrated copy', () => {
  expect(tables(workerDatabaseUrl())).toEqual(['mig_version', 'post'])
  expect(tables(bindDatabaseUrl('users'))).toEqual(['mig_version', 'user'])
  expect(bindDatabaseUrl('users')).not.toBe(workerDatabaseUrl())
})
`

const bindOrmTest = `import { describe, expect } from 'vitest'
import { test } from 'mig/vitest'
import { Post, User } from '../src/models.ts'

describe('committing tests', () => {
  test.override({ commits: true })
  test('writes through the bind ORM and the main em', async ({ em, bindOrm }) => {
    em.create(Post, { id: 1, title: 'hello' })
    await em.flush()
    const users = (await bindOrm('users')).em.fork()
    users.create(User, { id: 1, name: 'ada' })
    await users.flush()
    expect(await (await bindOrm('users')).em.fork().count(User)).toBe(1)
  })
})

test('finds every database restored from its template after a committing test', async ({ em, bindOrm }) => {
  expect(await em.count(Post)).toBe(0)
  expect(await (await bindOrm('users')).em.fork().count(User)).toBe(0)
  await expect(bindOrm('nope')).rejects.toThrow("no bind 'nope' in this run; binds: users")
})
`

describe('mig/vitest with binds', () => {
  it('migrates a throwaway copy of every bind, never the real ones, and leaves nothing behind', async () => {
    const project = vitestProject({ dialect: 'sqlite', revisions: { aaa: createTables }, models: MODELS, tests: { 'binds.test.ts': bindTest } })
    try {
      project.write('mig.config.ts', multidbConfig())
      const run = await project.vitest()
      expect(run.output).toContain('1 passed')
      expect(run.code).toBe(0)
      expect(existsSync(join(project.dir, 'main.db'))).toBe(false)
      expect(existsSync(join(project.dir, 'users.db'))).toBe(false)
      expect(leftoverFolders(run.pid)).toEqual([])
    } finally {
      project.remove()
    }
  })

  it('bindOrm gives MikroORM on a bind\'s copy, restored with the others after a committing test', async () => {
    const project = vitestProject({ dialect: 'sqlite', revisions: { aaa: createTables }, models: MODELS, tests: { 'bind-orm.test.ts': bindOrmTest } })
    try {
      project.write('mig.config.ts', multidbConfig())
      const run = await project.vitest()
      expect(run.output).toContain('2 passed')
      expect(run.code).toBe(0)
      expect(existsSync(join(project.dir, 'users.db'))).toBe(false)
    } finally {
      project.remove()
    }
  })
})
