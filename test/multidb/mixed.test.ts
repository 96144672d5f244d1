import { afterEach, describe, expect, it } from 'vitest'
import { MYSQL_URL, POSTGRES_URL, scratchMysql, scratchPostgres, SKIP_MYSQL, SKIP_POSTGRES, type ScratchDatabase } from '../helpers/databases.js'
import { createProject, type TempProject } from '../helpers/project.js'
import { bindRevision, MODELS, multidbConfig, sqliteState } from './helpers.js'

let project: TempProject | undefined
let postgres: ScratchDatabase | undefined
let mariadb: ScratchDatabase[] = []
afterEach(async () => {
  project?.remove()
  await postgres?.drop()
  postgres = undefined
  for (const db of mariadb) await db.drop()
  mariadb = []
})

const tables = async (db: ScratchDatabase) =>
  (await db.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public' order by tablename")).map((row) => row.tablename)

// The main database on PostgreSQL, bind `users` on SQLite: one revision, two dialects.
describe.skipIf(!POSTGRES_URL)(`multiple databases on PostgreSQL + SQLite${SKIP_POSTGRES}`, () => {
  it('migrate, upgrade and downgrade act on both, each with its own version table', async () => {
    postgres = await scratchPostgres()
    project = createProject(multidbConfig(postgres.url))
    project.write('src/models.ts', MODELS)
    expect((await project.mig(['init', '--multidb'])).code).toBe(0)
    const migrate = await project.mig(['migrate', '-m', 'initial'])
    expect(migrate.stderr).toBe("Migrating database <default>\nDetected added table 'post'\nMigrating database users\nDetected added table 'user'\n")
    expect((await project.mig(['upgrade'])).code).toBe(0)
    const id = project.list('migrations/versions')[0]!.slice(0, 12)
    expect(await tables(postgres)).toEqual(['mig_version', 'mig_version_source', 'post'])
    expect(await postgres.query('select version_num from mig_version')).toEqual([{ version_num: id }])
    expect(sqliteState(project.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source', 'user'], versions: [id] })
    expect((await project.mig(['check'])).code).toBe(0)

    const sql = await project.mig(['upgrade', '--sql'])
    expect(sql.stdout).toMatch(/^-- bind: default\n\nCREATE TABLE mig_version[\s\S]*create table "post"[\s\S]*-- bind: users\n\nCREATE TABLE mig_version[\s\S]*PRAGMA foreign_keys = OFF/)

    expect((await project.mig(['downgrade', 'base'])).code).toBe(0)
    expect(await tables(postgres)).toEqual(['mig_version', 'mig_version_source'])
    expect(sqliteState(project.dir, 'users.db')).toEqual({ tables: ['mig_version', 'mig_version_source'], versions: [] })
  })

  it('a step failing on the SQLite bind rolls back the PostgreSQL bind', async () => {
    postgres = await scratchPostgres()
    project = createProject(multidbConfig(postgres.url))
    await project.mig(['init', '--multidb'])
    project.write('migrations/versions/a.ts', bindRevision('a', null, {
      default: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }])"],
      users: ["await op.execute('insert into no_such_table values (1)')"],
    }))
    const upgrade = await project.mig(['upgrade'])
    expect(upgrade.code).toBe(1)
    expect(upgrade.stderr).toMatch(/Error: bind users: upgrade of revision a .*; the same step was rolled back on default\n$/)
    expect(await tables(postgres)).toEqual(['mig_version', 'mig_version_source'])
    expect(await postgres.query('select version_num from mig_version')).toEqual([])
  })
})

// MariaDB cannot roll DDL back: its binds run last in each round, and the error names what stays.
describe.skipIf(!MYSQL_URL)(`multiple databases with MariaDB${SKIP_MYSQL}`, () => {
  const failing = (project: TempProject) =>
    project.write('migrations/versions/a.ts', bindRevision('a', null, {
      default: ["await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }])"],
      users: ["await op.execute('insert into no_such_table values (1)')"],
    }))
  const postTables = async (db: ScratchDatabase) => (await db.query("show tables like 'post'")).length

  it('a MariaDB bind waits for the transactional binds, so their failure never reaches it', async () => {
    mariadb = [await scratchMysql()]
    project = createProject(multidbConfig(mariadb[0]!.url))
    await project.mig(['init', '--multidb'])
    failing(project)
    const upgrade = await project.mig(['upgrade'])
    expect(upgrade.stderr).toMatch(/Error: bind users: upgrade of revision a .*; not run on default\n$/)
    expect(await postTables(mariadb[0]!)).toBe(0)
  })

  it('says which MariaDB bind kept its step when a later one fails', async () => {
    mariadb = [await scratchMysql(), await scratchMysql()]
    project = createProject(multidbConfig(mariadb[0]!.url, mariadb[1]!.url))
    await project.mig(['init', '--multidb'])
    failing(project)
    const upgrade = await project.mig(['upgrade'])
    expect(upgrade.code).toBe(1)
    expect(upgrade.stderr).toMatch(/; NOT rolled back on default \(MariaDB\/MySQL cannot roll back DDL\): it stays at its new revision/)
    expect(await postTables(mariadb[0]!)).toBe(1)
    expect(await mariadb[0]!.query('select version_num from mig_version')).toEqual([{ version_num: 'a' }])
  })
})
