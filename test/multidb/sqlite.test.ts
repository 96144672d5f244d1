import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { git, gitInit } from '../helpers/git.js'
import { createProject, type TempProject } from '../helpers/project.js'
import { bindRevision, MODELS, multidbConfig, sqliteState } from './helpers.js'

let project: TempProject | undefined
afterEach(() => project?.remove())

/** A project with two SQLite files: `main.db` (bind default, model Post) and `users.db` (bind users, model User). */
async function initialised(): Promise<TempProject> {
  project = createProject(multidbConfig())
  project.write('src/models.ts', MODELS)
  const init = await project.mig(['init', '--multidb'])
  expect(init.code).toBe(0)
  return project
}

describe('multiple databases (init --multidb) on two SQLite files', () => {
  it('init --multidb writes the multidb template, listed with its description', async () => {
    const p = await initialised()
    expect(p.list('migrations')).toEqual(['README', 'env.ts', 'script.ts.tmpl', 'versions'])
    expect(p.read('migrations/script.ts.tmpl')).toContain('export async function upgrade({ op, bind }: MigrationContext)')
    expect((await p.mig(['list-templates'])).stdout).toContain('multidb - Multi-database configuration for mig.\n')
    // A hand-written revision starts with an empty section per database.
    expect((await p.mig(['revision', '-m', 'by hand'])).code).toBe(0)
    const source = p.read(`migrations/versions/${p.list('migrations/versions')[0]}`)
    expect(source).toContain("  if (bind === 'default') {\n    // write the upgrade of database 'default' here\n  }\n\n  if (bind === 'users') {")
  })

  it('migrate writes one revision with a section per bind; upgrade puts each table and a version table in its own database', async () => {
    const p = await initialised()
    const migrate = await p.mig(['migrate', '-m', 'initial multi'])
    expect(migrate.code).toBe(0)
    expect(migrate.stderr).toBe("Migrating database <default>\nDetected added table 'post'\nMigrating database users\nDetected added table 'user'\n")
    const [file] = p.list('migrations/versions')
    const source = p.read(`migrations/versions/${file}`)
    expect(source).toMatch(/if \(bind === 'default'\) \{\n[^}]*op\.createTable\('post'/)
    expect(source).toMatch(/if \(bind === 'users'\) \{\n[^}]*op\.createTable\('user'/)
    const id = file!.slice(0, 12)

    const upgrade = await p.mig(['upgrade'])
    expect(upgrade.code).toBe(0)
    expect(upgrade.stderr).toBe(
      `Migrating database <default>\nRunning upgrade  -> ${id}, initial multi\nMigrating database users\nRunning upgrade  -> ${id}, initial multi\n`,
    )
    expect(sqliteState(p.dir, 'main.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'post'], versions: [id] })
    expect(sqliteState(p.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'user'], versions: [id] })

    // `current` names each database (Flask-Migrate prints the bare lines, one per bind).
    const current = await p.mig(['current'])
    expect(current.stdout).toBe(
      `Database <default> (sqlite:${p.dir}/main.db):\n${id} (head)\nDatabase users (sqlite:${p.dir}/users.db):\n${id} (head)\n`,
    )
    expect((await p.mig(['current', '-v'])).stdout).toContain(`Current revision(s) for users (sqlite:${p.dir}/users.db):\nRev: ${id} (head)\n`)

    const again = await p.mig(['migrate', '-m', 'none'])
    expect(again.code).toBe(0)
    expect(again.stderr).toBe('Migrating database <default>\nMigrating database users\nNo changes in schema detected.\n')
    expect(p.list('migrations/versions')).toEqual([file])
    expect((await p.mig(['check'])).code).toBe(0)

    const down = await p.mig(['downgrade', 'base'])
    expect(down.code).toBe(0)
    expect(sqliteState(p.dir, 'main.db')).toEqual({ tables: ['mig_version', 'mig_version_source'], versions: [] })
    expect(sqliteState(p.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source'], versions: [] })
    expect((await p.mig(['current'])).stdout).toBe(`Database <default> (sqlite:${p.dir}/main.db):\nDatabase users (sqlite:${p.dir}/users.db):\n`)
  })

  it('migrate reports a change in one bind only, and leaves the other bind section empty', async () => {
    const p = await initialised()
    await p.mig(['migrate', '-m', 'initial'])
    await p.mig(['upgrade'])
    p.write('src/models.ts', MODELS.replace("name: p.string().length(128)", 'name: p.string().length(128), email: p.string().length(120).nullable()'))
    const check = await p.mig(['check'])
    expect(check.code).toBe(1)
    expect(check.stderr).toBe("New upgrade operations detected:\n  Detected added column 'user.email' (database users)\n")
    const migrate = await p.mig(['migrate', '-m', 'email'])
    expect(migrate.stderr).toBe("Migrating database <default>\nMigrating database users\nDetected added column 'user.email'\n")
    const file = p.list('migrations/versions').find((name) => name.endsWith('_email.ts'))!
    expect(p.read(`migrations/versions/${file}`)).toContain("if (bind === 'default') {\n    // no changes detected in this database\n  }")
    expect((await p.mig(['upgrade'])).code).toBe(0)
    expect((await p.mig(['check'])).code).toBe(0)
  })

  it('--sql prints each bind under a header; stamp moves every version table', async () => {
    const p = await initialised()
    p.write('migrations/versions/a.ts', bindRevision('a', null, {
      default: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }])"],
      users: ["await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }])"],
    }))
    const sql = await p.mig(['upgrade', '--sql'])
    expect(sql.code).toBe(0)
    const [, main, users] = sql.stdout.split(/^-- bind: (?:default|users)\n/m)
    expect(sql.stdout.startsWith('-- bind: default\n\nCREATE TABLE mig_version')).toBe(true)
    expect(main).toContain('create table "post"')
    expect(main).not.toContain('"user"')
    expect(users).toContain('create table "user"')
    expect(users).toContain("INSERT INTO mig_version (version_num) VALUES ('a');")
    expect(existsSync(join(p.dir, 'main.db'))).toBe(false)

    const stamp = await p.mig(['stamp', 'head'])
    expect(stamp.code).toBe(0)
    expect(stamp.stderr).toBe('Migrating database <default>\nRunning stamp_revision  -> a\nMigrating database users\nRunning stamp_revision  -> a\n')
    expect(sqliteState(p.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source'], versions: ['a'] })
    const stampSql = await p.mig(['stamp', 'a:base', '--sql'])
    expect(stampSql.stdout).toBe(
      "-- bind: default\n\n-- Running stamp_revision a -> \n\nDELETE FROM mig_version WHERE mig_version.version_num = 'a';\n\n" +
        "-- bind: users\n\n-- Running stamp_revision a -> \n\nDELETE FROM mig_version WHERE mig_version.version_num = 'a';\n\n",
    )
  })

  it('a step that fails on one bind is rolled back on the other, and the error says where', async () => {
    const p = await initialised()
    p.write('migrations/versions/a.ts', bindRevision('a', null, {
      default: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }])"],
      users: ["await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }])"],
    }))
    p.write('migrations/versions/b.ts', bindRevision('b', 'a', {
      default: ["await op.createTable('extra', [{ name: 'id', type: 'integer', primary: true }])"],
      users: ["await op.execute('insert into no_such_table values (1)')"],
    }))
    const upgrade = await p.mig(['upgrade'])
    expect(upgrade.code).toBe(1)
    expect(upgrade.stderr).toMatch(/^Error: bind users: upgrade of revision b \(.*b\.ts\) failed in statement: insert into no_such_table values \(1\): .*; the same step was rolled back on default$/m)
    // Revision a stays applied on both; b is on neither.
    expect(sqliteState(p.dir, 'main.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'post'], versions: ['a'] })
    expect(sqliteState(p.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'user'], versions: ['a'] })
  })

  it('em() in a bind section is that bind\'s entity manager, with its own models', async () => {
    const p = await initialised()
    await p.mig(['migrate', '-m', 'initial'])
    p.write('migrations/versions/b_fill.ts', `import type { MigrationContext } from 'mig'
import { Post, User } from '../../src/models.ts'

export const revision = 'b'
export const downRevision = '${p.list('migrations/versions')[0]!.slice(0, 12)}'
export const branchLabels = null
export const dependsOn = null

export async function upgrade({ bind, em }: MigrationContext): Promise<void> {
  const manager = await em()
  if (bind === 'default') manager.create(Post, { title: 'hello' })
  if (bind === 'users') manager.create(User, { name: 'ada' })
  await manager.flush()
}

export async function downgrade(): Promise<void> {}
`)
    const upgrade = await p.mig(['upgrade'])
    expect(upgrade.code).toBe(0)
    const rows = (file: string, sql: string) => {
      const db = new Database(join(p.dir, file), { readonly: true })
      try {
        return db.prepare(sql).all()
      } finally {
        db.close()
      }
    }
    expect(rows('main.db', 'select title from post')).toEqual([{ title: 'hello' }])
    expect(rows('users.db', 'select name from user')).toEqual([{ name: 'ada' }])
  })

  it('works with binds only (no main database); history -i marks what the databases are at', async () => {
    project = createProject(multidbConfig().replace(/  database: .*\n  orm: .*\n/, '').replace('binds: {', "binds: {\n    posts: { database: 'sqlite:posts.db' },"))
    await project.mig(['init', '--multidb'])
    project.write('migrations/versions/a.ts', bindRevision('a', null, {
      posts: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }])"],
      users: ["await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }])"],
    }, { posts: ["await op.dropTable('post')"], users: ["await op.dropTable('user')"] }))
    expect((await project.mig(['upgrade'])).stderr).toBe('Migrating database posts\nRunning upgrade  -> a, a\nMigrating database users\nRunning upgrade  -> a, a\n')
    expect(sqliteState(project.dir, 'posts.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'post'], versions: ['a'] })
    expect((await project.mig(['history', '-i'])).stdout).toBe('<base> -> a (head) (current), a\n')
    expect((await project.mig(['downgrade'])).code).toBe(0)
    expect(sqliteState(project.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source'], versions: [] })
  })

  it('refuses a bind named default and a revision template without bind', async () => {
    project = createProject(multidbConfig().replace('users: {', 'default: {'))
    const bad = await project.mig(['current'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain("Bind name 'default' is reserved for the main database")
    project.remove()
    project = createProject(multidbConfig('sqlite:same.db', 'sqlite:same.db'))
    await project.mig(['init', '--multidb'])
    expect((await project.mig(['current'])).stderr).toMatch(/^Error: Binds 'default' and 'users' are the same database \(sqlite:.*same\.db\)/)
    project.remove()
    project = createProject(multidbConfig())
    await project.mig(['init'])
    const revision = await project.mig(['revision', '-m', 'x'])
    expect(revision.code).toBe(1)
    expect(revision.stderr).toContain("does not give revisions the 'bind'")
  })
})

describe('mig sync with binds', () => {
  it('each database keeps its own sources; the phantom is synced away on both, in lockstep', async () => {
    const p = await initialised()
    p.write('.gitignore', 'node_modules\n*.db*\n')
    p.write('migrations/versions/a_base.ts', bindRevision('a', null, { default: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }])"], users: ["await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }])"] }, { default: ["await op.dropTable('post')"], users: ["await op.dropTable('user')"] }))
    gitInit(p.dir)
    git(p.dir, 'switch', '-q', '-c', 'feature/b')
    p.write('migrations/versions/b_extra.ts', bindRevision('b', 'a', { default: ["await op.createTable('post_extra', [{ name: 'id', type: 'integer', primary: true }])"], users: ["await op.createTable('user_extra', [{ name: 'id', type: 'integer', primary: true }])"] }, { default: ["await op.dropTable('post_extra')"], users: ["await op.dropTable('user_extra')"] }))
    git(p.dir, 'add', '-A')
    git(p.dir, 'commit', '-q', '-m', 'b')
    expect((await p.mig(['upgrade'])).code).toBe(0)
    git(p.dir, 'switch', '-q', 'main')

    const current = await p.mig(['current'])
    expect(current.stdout).toMatch(/^Database <default> \(sqlite:\S+main\.db\):\nb \(phantom: file missing, applied [^)]* on branch feature\/b\), b\nDatabase users \(sqlite:\S+users\.db\):\nb \(phantom: file missing, applied [^)]* on branch feature\/b\), b\n$/)
    const sync = await p.mig(['sync'])
    expect(sync.code, sync.stderr).toBe(0)
    expect(sync.stderr).toContain('Migrating database <default>\nRunning downgrade b -> a, b\nMigrating database users\nRunning downgrade b -> a, b')
    expect(sync.stderr.match(/^Snapshot of (<default>|users): /gm)).toHaveLength(2)
    expect(sqliteState(p.dir, 'main.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'post'], versions: ['a'] })
    expect(sqliteState(p.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'user'], versions: ['a'] })
  })
})
