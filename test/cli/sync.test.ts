import Database from 'better-sqlite3'
import { execSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scratchMysql, scratchPostgres, SKIP_MYSQL, SKIP_POSTGRES, type ScratchDatabase } from '../helpers/databases.js'
import { git, gitInit, gitWithOutput } from '../helpers/git.js'
import { BIN, createProject, sqliteConfig, urlConfig, type TempProject } from '../helpers/project.js'
import { revisionSource } from '../helpers/revisions.js'

// A dev database that follows git: revisions applied on one branch are phantoms on another,
// and `mig sync` downgrades them from the sources mig kept when it applied them.

const R1 = revisionSource({
  id: 'aaaa00000001',
  message: 'person table',
  upgrade: ["await op.createTable('person', [{ name: 'id', type: 'integer', primary: true }, { name: 'name', type: 'string', length: 40 }])"],
  downgrade: ["await op.dropTable('person')"],
})
const A1 = revisionSource({
  id: 'aaaa000000a1',
  down: 'aaaa00000001',
  message: 'tag table',
  upgrade: ["await op.createTable('tag', [{ name: 'id', type: 'integer', primary: true }, { name: 'label', type: 'string', length: 40 }])"],
  downgrade: ["await op.dropTable('tag')"],
})
const A2 = revisionSource({
  id: 'aaaa000000a2',
  down: 'aaaa000000a1',
  message: 'person nickname',
  upgrade: ["await op.addColumn('person', { name: 'nickname', type: 'string', length: 40, nullable: true })"],
  downgrade: ["await op.dropColumn('person', 'nickname')"],
})
const B1 = revisionSource({
  id: 'bbbb000000b1',
  down: 'aaaa00000001',
  message: 'note table',
  upgrade: ["await op.createTable('note', [{ name: 'id', type: 'integer', primary: true }, { name: 'body', type: 'string', length: 40 }])"],
  downgrade: ["await op.dropTable('note')"],
})

/** A git repository with R1 on `main`, and `feature/a` adding `revisions` (file name → source), checked out and upgraded. */
async function upgradedBranchA(project: TempProject, revisions: Record<string, string>): Promise<void> {
  expect((await project.mig(['init'])).code).toBe(0)
  project.write('.gitignore', 'node_modules\napp.db*\n')
  project.write('migrations/versions/aaaa00000001_person.ts', R1)
  gitInit(project.dir)
  git(project.dir, 'switch', '-q', '-c', 'feature/a')
  for (const [file, source] of Object.entries(revisions)) project.write(`migrations/versions/${file}`, source)
  git(project.dir, 'add', '-A')
  git(project.dir, 'commit', '-q', '-m', 'a')
  expect((await project.mig(['upgrade'])).code).toBe(0)
}

/** Reads and writes the project's database the way the app would, beside mig. */
interface AppDatabase {
  exec(sql: string): Promise<void>
  rows(sql: string): Promise<Array<Record<string, unknown>>>
  tables(): Promise<string[]>
  columns(table: string): Promise<string[]>
}

interface Setup {
  project: TempProject
  db: AppDatabase
  cleanup(): Promise<void>
}

async function sqliteSetup(): Promise<Setup> {
  const project = createProject(sqliteConfig('app.db'))
  const file = join(project.dir, 'app.db')
  const open = () => new Database(file)
  const db: AppDatabase = {
    async exec(sql) {
      const connection = open()
      connection.exec(sql)
      connection.close()
    },
    async rows(sql) {
      const connection = open()
      const rows = connection.prepare(sql).all() as Array<Record<string, unknown>>
      connection.close()
      return rows
    },
    async tables() {
      return (await db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((row) => String(row.name))
    },
    async columns(table) {
      return (await db.rows(`PRAGMA table_info(${table})`)).map((row) => String(row.name))
    },
  }
  return { project, db, cleanup: async () => project.remove() }
}

async function postgresSetup(): Promise<Setup> {
  const scratch: ScratchDatabase = await scratchPostgres()
  const project = createProject(urlConfig(scratch.url))
  const db: AppDatabase = {
    exec: async (sql) => void (await scratch.query(sql)),
    rows: (sql) => scratch.query(sql),
    async tables() {
      return (await scratch.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((row) => row.name)
    },
    async columns(table) {
      return (await scratch.query<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`)).map((row) => row.name)
    },
  }
  return {
    project,
    db,
    cleanup: async () => {
      project.remove()
      // A snapshot taken by a test is a database of its own.
      for (const { datname } of await scratch.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${new URL(scratch.url).pathname.slice(1)}_before_sync_%'`)) {
        await scratch.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {})
      }
      await scratch.drop()
    },
  }
}

const DIALECTS = [
  { name: 'SQLite', setup: sqliteSetup, skip: '' },
  { name: `PostgreSQL${SKIP_POSTGRES}`, setup: postgresSetup, skip: SKIP_POSTGRES },
]

describe.each(DIALECTS)('mig sync on $name', ({ setup, skip }) => {
  let s: Setup
  let project: TempProject
  let db: AppDatabase

  beforeEach(async () => {
    if (skip) return
    s = await setup()
    project = s.project
    db = s.db
    // Branch A: a table and a column, applied, with rows in both.
    await upgradedBranchA(project, { 'aaaa000000a1_tag.ts': A1, 'aaaa000000a2_nickname.ts': A2 })
    await db.exec("INSERT INTO person (id, name, nickname) VALUES (1, 'ada', 'countess')")
    await db.exec("INSERT INTO tag (id, label) VALUES (1, 'math')")
    // Branch B: its own revision, from the shared one.
    git(project.dir, 'switch', '-q', 'main')
    git(project.dir, 'switch', '-q', '-c', 'feature/b')
    project.write('migrations/versions/bbbb000000b1_note.ts', B1)
    git(project.dir, 'add', '-A')
    git(project.dir, 'commit', '-q', '-m', 'b')
  })

  afterEach(async () => {
    if (!skip) await s.cleanup()
  })

  it.skipIf(skip)('names the phantoms, refuses to upgrade past them, and syncs to the other branch and back without losing shared rows', async () => {
    const current = await project.mig(['current'])
    expect(current.code).toBe(0)
    expect(current.stdout).toMatch(/^aaaa000000a2 \(phantom: file missing, applied (just now|\d+ min ago) on branch feature\/a\), person nickname$/m)

    const upgrade = await project.mig(['upgrade'])
    expect(upgrade.code).toBe(1)
    expect(upgrade.stderr).toContain('aaaa000000a2')
    expect(upgrade.stderr).toContain('aaaa000000a1')
    expect(upgrade.stderr).toContain("mig sync")
    expect(await db.tables()).toContain('tag')

    const check = await project.mig(['check'])
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('aaaa000000a2 (phantom: file missing')

    const sync = await project.mig(['sync'])
    expect(sync.code, sync.stderr).toBe(0)
    expect(sync.stderr).toMatch(/Snapshot: \S+/)
    const running = sync.stderr.split('\n').filter((line) => line.startsWith('Running'))
    expect(running).toEqual([
      'Running downgrade aaaa000000a2 -> aaaa000000a1, person nickname',
      'Running downgrade aaaa000000a1 -> aaaa00000001, tag table',
      'Running upgrade aaaa00000001 -> bbbb000000b1, note table',
    ])
    expect(await db.tables()).not.toContain('tag')
    expect(await db.columns('person')).toEqual(['id', 'name'])
    expect(await db.rows('SELECT id, name FROM person')).toEqual([{ id: 1, name: 'ada' }])
    expect((await project.mig(['current'])).stdout.trim()).toBe('bbbb000000b1 (head)')
    await db.exec("INSERT INTO note (id, body) VALUES (1, 'remember')")

    // Back on A: B's revision is the phantom now.
    git(project.dir, 'switch', '-q', 'feature/a')
    const back = await project.mig(['sync'])
    expect(back.code, back.stderr).toBe(0)
    expect(back.stderr.split('\n').filter((line) => line.startsWith('Running'))).toEqual([
      'Running downgrade bbbb000000b1 -> aaaa00000001, note table',
      'Running upgrade aaaa00000001 -> aaaa000000a1, tag table',
      'Running upgrade aaaa000000a1 -> aaaa000000a2, person nickname',
    ])
    expect(await db.tables()).not.toContain('note')
    expect(await db.columns('person')).toEqual(['id', 'name', 'nickname'])
    expect(await db.rows('SELECT id, name FROM person')).toEqual([{ id: 1, name: 'ada' }])
    expect((await project.mig(['current'])).stdout.trim()).toBe('aaaa000000a2 (head)')
    const again = await project.mig(['sync'])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('Nothing to sync')
  })

  it.skipIf(skip)('restores the snapshot with the command it printed', async () => {
    const sync = await project.mig(['sync'])
    expect(sync.code, sync.stderr).toBe(0)
    const restore = /restore: (.+)\)$/m.exec(sync.stderr)?.[1]
    expect(restore).toBeDefined()
    expect(await db.tables()).not.toContain('tag')
    execSync(restore!, { cwd: project.dir, stdio: 'pipe' })
    expect(await db.tables()).toContain('tag')
    expect(await db.rows('SELECT label FROM tag')).toEqual([{ label: 'math' }])
    expect(await db.rows('SELECT nickname FROM person')).toEqual([{ nickname: 'countess' }])
  })

  it.skipIf(skip)('a phantom whose downgrade fails stops the sync with that step rolled back, and --forget gets past it', async () => {
    // On A, the newest revision is rewritten so that it cannot be undone and applied again:
    // the kept source is the one applied last.
    git(project.dir, 'switch', '-q', 'feature/a')
    expect((await project.mig(['downgrade', '-1'])).code).toBe(0)
    const irreversible = A2.replace("await op.dropColumn('person', 'nickname')", "throw new Error('irreversible: nicknames cannot be dropped')")
    project.write('migrations/versions/aaaa000000a2_nickname.ts', irreversible)
    expect((await project.mig(['upgrade'])).code).toBe(0)
    // The committed file differs from what was applied: reported as edited.
    git(project.dir, 'checkout', '-q', '--', '.')
    expect((await project.mig(['current'])).stdout).toContain('aaaa000000a2 (head) (edited: file changed after it was applied)')
    git(project.dir, 'switch', '-q', 'feature/b')

    const failed = await project.mig(['sync'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('irreversible: nicknames cannot be dropped')
    expect(failed.stderr).toContain("mig sync --forget aaaa000000a2")
    expect(failed.stderr).toMatch(/to restore as it was before the sync: /)
    expect(await db.rows('SELECT version_num FROM mig_version')).toEqual([{ version_num: 'aaaa000000a2' }])
    expect(await db.tables()).toContain('tag')

    const forgot = await project.mig(['sync', '--forget', 'aaaa000000a2'])
    expect(forgot.code, forgot.stderr).toBe(0)
    expect(await db.tables()).not.toContain('tag')
    // Its change stays, as asked.
    expect(await db.columns('person')).toContain('nickname')
    expect((await project.mig(['current'])).stdout.trim()).toBe('bbbb000000b1 (head)')
  })

  it.skipIf(skip)('--sql prints the plan without changing the database; --hook prints one line', async () => {
    const sql = await project.mig(['sync', '--sql'])
    expect(sql.code, sql.stderr).toBe(0)
    expect(sql.stdout).toMatch(/drop table "?tag"?/i)
    expect(sql.stdout).toMatch(/create table "?note"?/i)
    expect(sql.stdout).toContain("UPDATE mig_version SET version_num='aaaa000000a1' WHERE mig_version.version_num = 'aaaa000000a2'")
    expect(await db.tables()).toContain('tag')

    const hook = await project.mig(['sync', '--hook', '--no-snapshot'])
    expect(hook.code).toBe(0)
    expect(hook.stderr.trim()).toBe('mig: dev database synced: downgraded aaaa000000a2, aaaa000000a1 (files gone); upgraded bbbb000000b1')
    const idle = await project.mig(['sync', '--hook'])
    expect(idle.stderr.trim()).toBe('mig: dev database in sync with the migrations')
  })

  it.skipIf(skip)('mig init --git-hook: a git switch syncs the database and prints one line', async () => {
    const init = await project.mig(['init', '--git-hook'])
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toMatch(/Installed the git post-checkout hook \.git\/hooks\/post-checkout/)
    // As npm installs it.
    mkdirSync(join(project.dir, 'node_modules', '.bin'))
    symlinkSync(BIN, join(project.dir, 'node_modules', '.bin', 'mig'))
    // On B with A's revisions applied; back to A, where the database is at the head already.
    const toA = gitWithOutput(project.dir, 'switch', 'feature/a')
    expect(toA.code).toBe(0)
    expect(toA.stderr).toContain('mig: dev database in sync with the migrations')
    const toB = gitWithOutput(project.dir, 'switch', 'feature/b')
    expect(toB.code).toBe(0)
    expect(toB.stderr).toContain('mig: dev database synced: downgraded aaaa000000a2, aaaa000000a1 (files gone); upgraded bbbb000000b1; snapshot ')
    // A checkout that does not change versions/ does not start mig at all.
    const same = gitWithOutput(project.dir, 'switch', '-c', 'feature/c')
    expect(same.stderr).not.toContain('mig')
    expect((await project.mig(['current'])).stdout.trim()).toBe('bbbb000000b1 (head)')
    // A second install replaces mig's block instead of adding another.
    expect((await project.mig(['init', '--git-hook'])).code).toBe(0)
    expect(project.read('.git/hooks/post-checkout').match(/mig sync --hook/g)?.length).toBe(2)
  })

  it.skipIf(skip)('a phantom applied before mig kept sources cannot be synced, and says what to do', async () => {
    await db.exec('DELETE FROM mig_version_source')
    const sync = await project.mig(['sync'])
    expect(sync.code).toBe(1)
    expect(sync.stderr).toContain('Cannot downgrade aaaa000000a2')
    expect(sync.stderr).toContain('stamp --purge')
    expect(await db.tables()).toContain('tag')
  })
})

describe(`mig sync on MariaDB${SKIP_MYSQL}`, () => {
  it.skipIf(SKIP_MYSQL)('asks for --no-snapshot, then syncs without one', async () => {
    const scratch = await scratchMysql()
    const project = createProject(urlConfig(scratch.url))
    try {
      await upgradedBranchA(project, { 'aaaa000000a1_tag.ts': A1 })
      git(project.dir, 'switch', '-q', 'main')

      const refused = await project.mig(['sync'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain("MariaDB/MySQL cannot copy a database in place, so no snapshot")
      expect(refused.stderr).toContain('--no-snapshot')
      expect((await scratch.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'tag'")).length).toBe(1)

      const synced = await project.mig(['sync', '--no-snapshot'])
      expect(synced.code, synced.stderr).toBe(0)
      expect(synced.stderr).toContain('Running downgrade aaaa000000a1 -> aaaa00000001, tag table')
      expect((await scratch.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'tag'")).length).toBe(0)
      expect((await project.mig(['current'])).stdout.trim()).toBe('aaaa00000001 (head)')
    } finally {
      project.remove()
      await scratch.drop()
    }
  })
})

describe('keepRevisionSources: false', () => {
  it('keeps no source table', async () => {
    const project = createProject(sqliteConfig('app.db', '  keepRevisionSources: false,\n'))
    try {
      expect((await project.mig(['init'])).code).toBe(0)
      project.write('migrations/versions/aaaa00000001_person.ts', R1)
      expect((await project.mig(['upgrade'])).code).toBe(0)
      const db = new Database(join(project.dir, 'app.db'), { readonly: true })
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => (row as { name: string }).name)
      db.close()
      expect(tables).toContain('mig_version')
      expect(tables).not.toContain('mig_version_source')
    } finally {
      project.remove()
    }
  })
})
