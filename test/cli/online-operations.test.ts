import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'
import { MYSQL_URL, POSTGRES_URL, scratchMysql, scratchPostgres, SKIP_MYSQL, SKIP_POSTGRES, type ScratchDatabase } from '../helpers/databases.js'
import { createProject, type TempProject } from '../helpers/project.js'
import { revisionSource } from '../helpers/revisions.js'

// Online operations on real servers through the real CLI: a revision outside a transaction,
// an autocommit block, lock and statement timeouts, constraints added NOT VALID, and indexes
// built while another connection keeps writing.

const require = createRequire(import.meta.url)
const pg = require('pg') as typeof import('pg')
const mysql = require('mysql2/promise') as typeof import('mysql2/promise')

let project: TempProject | undefined
let database: ScratchDatabase | undefined
afterEach(async () => {
  project?.remove()
  await database?.drop()
  project = database = undefined
})

const configFor = (url: string, extra = '') => `import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: ${JSON.stringify(url)},\n${extra}})\n`

/** A project on a fresh database whose first revision `a` makes table `item` with `rows` rows. */
async function itemProject(scratch: () => Promise<ScratchDatabase>, rows: number, extraConfig = ''): Promise<TempProject> {
  database = await scratch()
  project = createProject(configFor(database.url, extraConfig))
  await project.mig(['init'])
  project.write('migrations/versions/a.ts', revisionSource({
    id: 'a', down: null, message: 'items',
    upgrade: [
      "await op.createTable('item', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'owner_id', type: 'integer' }, { name: 'qty', type: 'integer', nullable: false, default: 0 }])",
      `await op.execute(${JSON.stringify(`insert into item (owner_id, qty) select n % 50, n from ${rows > 0 ? seriesSql(database.url, rows) : '(select 1 as n) s where 1 = 0'}`)})`,
    ],
    downgrade: ["await op.dropTable('item')"],
  }))
  return project
}

function seriesSql(url: string, rows: number): string {
  return url.startsWith('postgres') ? `generate_series(1, ${rows}) as n` : `(select seq as n from seq_1_to_${rows}) s`
}

const INSERT = 'insert into item (owner_id, qty) values (7, 1)'

/** Revision `b`: an index on `item.owner_id` built (and dropped) with `options`. */
function ownerIndexRevision(project: TempProject, options: string, exports: string[] = []): void {
  project.write('migrations/versions/b.ts', revisionSource({
    id: 'b', down: 'a', message: 'owner index', exports,
    upgrade: [`await op.createIndex('item_owner_index', 'item', ['owner_id'], ${options})`],
    downgrade: [`await op.dropIndex('item_owner_index', 'item', ${options})`],
  }))
}

/** Runs `mig upgrade` (a -> b) while `writer` inserts into `item` again and again on its own connection: both must succeed. */
async function upgradeWhileInserting(project: TempProject, writer: { insert(): Promise<unknown>; end(): Promise<void> }): Promise<void> {
  let running = true
  let inserted = 0
  const inserting = (async () => {
    for (; running; inserted++) await writer.insert()
  })()
  try {
    const up = await project.mig(['upgrade'])
    expect(up.stderr).toBe('Running upgrade a -> b, owner index\n')
    expect(up.code).toBe(0)
  } finally {
    running = false
    await inserting
    await writer.end()
  }
  expect(inserted).toBeGreaterThan(0)
}

/** Runs `mig upgrade` (a -> b), which must fail well before a lock held for 60 s is let go, leaving the version table at `a`; returns its error line. */
async function upgradeFailsFast(project: TempProject): Promise<string> {
  const started = Date.now()
  const up = await project.mig(['upgrade'])
  expect(Date.now() - started).toBeLessThan(20_000)
  expect(up.code).toBe(1)
  expect(await database!.query('select version_num from mig_version')).toEqual([{ version_num: 'a' }])
  return up.stderr.split('\n').find((line) => line.startsWith('Error: '))!
}

async function pgClient(url: string): Promise<import('pg').Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

describe('SQLite', () => {
  it('runs the same revisions in the run\'s write transaction: online options ignored, busy timeout for lockTimeout', async () => {
    project = createProject(configFor('sqlite:app.db', "  lockTimeout: '1s',\n  statementTimeout: '1s',\n"))
    await project.mig(['init'])
    project.write('migrations/versions/a.ts', revisionSource({ id: 'a', down: null, message: 'items', upgrade: ["await op.createTable('item', [{ name: 'id', type: 'integer', primary: true }, { name: 'owner_id', type: 'integer' }])"] }))
    project.write('migrations/versions/b.ts', revisionSource({
      id: 'b', down: 'a', message: 'index',
      exports: ['export const transactional = false'],
      upgrade: ["await op.createIndex('item_owner_index', 'item', ['owner_id'], { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })"],
    }))
    project.write('migrations/versions/c.ts', revisionSource({
      id: 'c', down: 'b', message: 'block',
      upgrade: ["await op.autocommitBlock(async () => { await op.dropIndex('item_owner_index', 'item', { concurrently: true }) })", "await op.validateConstraint('item', 'nothing_to_validate')"],
    }))
    const up = await project.mig(['upgrade'])
    expect(up.code, up.stderr).toBe(0)
    const Database = require('better-sqlite3') as typeof import('better-sqlite3')
    const db = new Database(`${project.dir}/app.db`, { readonly: true })
    try {
      expect(db.prepare('select version_num from mig_version').all()).toEqual([{ version_num: 'c' }])
      expect(db.prepare("select name from sqlite_master where type = 'index' and name = 'item_owner_index'").all()).toEqual([])
    } finally {
      db.close()
    }
  })
})

describe.skipIf(!POSTGRES_URL)(`PostgreSQL${SKIP_POSTGRES}`, () => {
  it('runs a transactional = false revision outside a transaction: CREATE INDEX CONCURRENTLY while another connection keeps inserting', async () => {
    const project = await itemProject(scratchPostgres, 20_000)
    ownerIndexRevision(project, '{ concurrently: true }', ['export const transactional = false'])
    expect((await project.mig(['upgrade', 'a'])).code).toBe(0)
    const writer = await pgClient(database!.url)
    await upgradeWhileInserting(project, { insert: () => writer.query(INSERT), end: () => writer.end() })
    expect(await database!.query("select indisvalid from pg_index where indexrelid = 'item_owner_index'::regclass")).toEqual([{ indisvalid: true }])
    // The version row and the kept source were written after the step, in their own transaction.
    expect(await database!.query('select version_num from mig_version')).toEqual([{ version_num: 'b' }])
    expect(await database!.query("select revision from mig_version_source where revision = 'b'")).toEqual([{ revision: 'b' }])
    const down = await project.mig(['downgrade', 'a'])
    expect(down.code).toBe(0)
    expect(await database!.query("select to_regclass('item_owner_index') as found")).toEqual([{ found: null }])
  })

  it('says how to fix CONCURRENTLY inside a transaction, and rolls the step back', async () => {
    const project = await itemProject(scratchPostgres, 10)
    project.write('migrations/versions/b.ts', revisionSource({
      id: 'b', down: 'a', message: 'owner index',
      upgrade: ["await op.addColumn('item', { name: 'note', type: 'text' })", "await op.createIndex('item_owner_index', 'item', ['owner_id'], { concurrently: true })"],
    }))
    const up = await project.mig(['upgrade'])
    expect(up.code).toBe(1)
    expect(up.stderr).toContain('CREATE INDEX CONCURRENTLY cannot run inside a transaction block')
    expect(up.stderr).toContain('add `export const transactional = false` to the revision, or wrap the operation in `await op.autocommitBlock(async () => { ... })`')
    expect(await database!.query('select version_num from mig_version')).toEqual([{ version_num: 'a' }])
    expect(await database!.query("select column_name from information_schema.columns where table_name = 'item' and column_name = 'note'")).toEqual([])
  })

  it('commits, runs an autocommit block, and begins again inside a transactional revision', async () => {
    const project = await itemProject(scratchPostgres, 100)
    project.write('migrations/versions/b.ts', revisionSource({
      id: 'b', down: 'a', message: 'index in a block',
      exports: ["export const lockTimeout = '3s'"],
      upgrade: [
        "await op.addColumn('item', { name: 'note', type: 'text' })",
        "await op.autocommitBlock(async () => { await op.createIndex('item_owner_index', 'item', ['owner_id'], { concurrently: true }) })",
        "await op.addColumn('item', { name: 'tag', type: 'text' })",
      ],
    }))
    const up = await project.mig(['upgrade'])
    expect(up.stderr).toContain('Running upgrade a -> b, index in a block\n')
    expect(up.code).toBe(0)
    const columns = await database!.query("select column_name from information_schema.columns where table_name = 'item' and column_name in ('note', 'tag') order by 1")
    expect(columns).toEqual([{ column_name: 'note' }, { column_name: 'tag' }])
    expect(await database!.query('select version_num from mig_version')).toEqual([{ version_num: 'b' }])
  })

  it('fails fast on a table another session has locked (lockTimeout), rolled back instead of queueing', async () => {
    const project = await itemProject(scratchPostgres, 10)
    project.write('migrations/versions/b.ts', revisionSource({
      id: 'b', down: 'a', message: 'note column',
      exports: ["export const lockTimeout = '1s'"],
      upgrade: ["await op.createTable('side', [{ name: 'id', type: 'integer', primary: true }])", "await op.addColumn('item', { name: 'note', type: 'text' })"],
    }))
    expect((await project.mig(['upgrade', 'a'])).code).toBe(0)
    const holder = await pgClient(database!.url)
    try {
      await holder.query('begin')
      await holder.query('lock table item in access exclusive mode')
      const releaseAfter60s = setTimeout(() => holder.query('rollback').catch(() => {}), 60_000)
      const error = await upgradeFailsFast(project)
      clearTimeout(releaseAfter60s)
      expect(error).toContain('upgrade of revision b (migrations/versions/b.ts) failed in statement: alter table "item" add column "note" text null: canceling statement due to lock timeout')
      expect(error).toContain('lockTimeout 1000ms reached: another session holds a lock on the table')
      expect(await database!.query("select to_regclass('side') as found")).toEqual([{ found: null }])
    } finally {
      await holder.query('rollback').catch(() => {})
      await holder.end()
    }
    expect((await project.mig(['upgrade'])).code).toBe(0)
  })

  it('stops a statement that runs longer than statementTimeout (from the config)', async () => {
    const project = await itemProject(scratchPostgres, 10, "  statementTimeout: '1s',\n")
    project.write('migrations/versions/b.ts', revisionSource({ id: 'b', down: 'a', message: 'slow', upgrade: ['await op.execute("select pg_sleep(30)")'] }))
    expect(await upgradeFailsFast(project)).toContain('canceling statement due to statement timeout')
  })

  it('adds a foreign key and a check NOT VALID, and validates them in a later revision', async () => {
    const project = await notValidProject(scratchPostgres)
    expect((await project.mig(['upgrade', 'b'])).code).toBe(0)
    const validated = "select conname, convalidated from pg_constraint where conname in ('item_owner_foreign', 'item_qty_check') order by 1"
    expect(await database!.query(validated)).toEqual([
      { conname: 'item_owner_foreign', convalidated: false },
      { conname: 'item_qty_check', convalidated: false },
    ])
    expect((await project.mig(['upgrade'])).code).toBe(0)
    expect(await database!.query(validated)).toEqual([
      { conname: 'item_owner_foreign', convalidated: true },
      { conname: 'item_qty_check', convalidated: true },
    ])
  })

  it('writes it all under --sql: no BEGIN/COMMIT around a non-transactional step, COMMIT/BEGIN around a block, the timeouts', async () => {
    expect(await offlineScript(POSTGRES_URL!)).toMatchInlineSnapshot(`
      "-- Running upgrade a -> b

      set lock_timeout = '2000ms';

      set statement_timeout = '60000ms';

      create index concurrently "item_owner_index" on "item" ("owner_id");

      reset lock_timeout;

      reset statement_timeout;

      BEGIN;

      UPDATE mig_version SET version_num='b' WHERE mig_version.version_num = 'a';

      COMMIT;

      -- Running upgrade b -> c

      BEGIN;

      set local lock_timeout = '5000ms';

      set local statement_timeout = '60000ms';

      alter table "item" add column "note" text null;

      COMMIT;

      set lock_timeout = '5000ms';

      set statement_timeout = '60000ms';

      drop index concurrently "item_owner_index";

      reset lock_timeout;

      reset statement_timeout;

      BEGIN;

      set local lock_timeout = '5000ms';

      set local statement_timeout = '60000ms';

      UPDATE mig_version SET version_num='c' WHERE mig_version.version_num = 'b';

      COMMIT;

      "
    `)
  })
})

describe.skipIf(!MYSQL_URL)(`MariaDB${SKIP_MYSQL}`, () => {
  it('fails fast on a table another session has locked (lockTimeout from the config), the version table unchanged', async () => {
    const project = await itemProject(scratchMysql, 10, "  lockTimeout: '1s',\n")
    project.write('migrations/versions/b.ts', revisionSource({
      id: 'b', down: 'a', message: 'note column',
      upgrade: ["await op.addColumn('item', { name: 'note', type: 'text' })"],
    }))
    expect((await project.mig(['upgrade', 'a'])).code).toBe(0)
    const holder = await mysql.createConnection({ uri: database!.url })
    try {
      await holder.query('lock tables item write')
      const error = await upgradeFailsFast(project)
      expect(error).toContain('failed in statement: alter table `item` add column `note` text null: Lock wait timeout exceeded')
      expect(error).toContain('lockTimeout 1000ms reached')
    } finally {
      await holder.query('unlock tables').catch(() => {})
      await holder.end()
    }
    expect((await project.mig(['upgrade'])).code).toBe(0)
    expect(await database!.query('select version_num from mig_version')).toEqual([{ version_num: 'b' }])
  })

  it('builds an index with ALGORITHM=INPLACE, LOCK=NONE while another connection keeps inserting', async () => {
    const project = await itemProject(scratchMysql, 20_000)
    ownerIndexRevision(project, "{ concurrently: true, algorithm: 'INPLACE', lock: 'NONE' }")
    expect((await project.mig(['upgrade', 'a'])).code).toBe(0)
    const writer = await mysql.createConnection({ uri: database!.url })
    await upgradeWhileInserting(project, { insert: () => writer.query(INSERT), end: () => writer.end() })
    expect(await database!.query("select index_name from information_schema.statistics where table_schema = database() and index_name = 'item_owner_index'")).toHaveLength(1)
    const down = await project.mig(['downgrade', 'a'])
    expect(down.code, down.stderr).toBe(0)
  })

  it('runs the same NOT VALID revisions, whose constraints MariaDB checks as they are added', async () => {
    const project = await notValidProject(scratchMysql)
    const up = await project.mig(['upgrade'])
    expect(up.code, up.stderr).toBe(0)
    expect(await database!.query("select constraint_name from information_schema.table_constraints where table_schema = database() and constraint_name in ('item_owner_foreign', 'item_qty_check') order by 1")).toEqual([
      { constraint_name: 'item_owner_foreign' },
      { constraint_name: 'item_qty_check' },
    ])
  })

  it('writes the session timeouts under --sql', async () => {
    expect(await offlineScript(MYSQL_URL!)).toMatchInlineSnapshot(`
      "-- Running upgrade a -> b

      set session lock_wait_timeout = 2;

      set session innodb_lock_wait_timeout = 2;

      set session max_statement_time = 60;

      create index \`item_owner_index\` on \`item\` (\`owner_id\`) algorithm=inplace lock=none;

      set session lock_wait_timeout = default;

      set session innodb_lock_wait_timeout = default;

      set session max_statement_time = default;

      UPDATE mig_version SET version_num='b' WHERE mig_version.version_num = 'a';

      -- Running upgrade b -> c

      set session lock_wait_timeout = 5;

      set session innodb_lock_wait_timeout = 5;

      set session max_statement_time = 60;

      alter table \`item\` add column \`note\` text null;

      drop index \`item_owner_index\` on \`item\`;

      set session lock_wait_timeout = default;

      set session innodb_lock_wait_timeout = default;

      set session max_statement_time = default;

      UPDATE mig_version SET version_num='c' WHERE mig_version.version_num = 'b';

      "
    `)
  })
})

/** `a` makes `owner` and `item` with rows; `b` adds a foreign key and a check NOT VALID; `c` validates them. */
async function notValidProject(scratch: () => Promise<ScratchDatabase>): Promise<TempProject> {
  const project = await itemProject(scratch, 0)
  project.write('migrations/versions/a2.ts', revisionSource({
    id: 'a2', down: 'a', message: 'owners',
    upgrade: [
      "await op.createTable('owner', [{ name: 'id', type: 'integer', primary: true, unsigned: false }])",
      "await op.bulkInsert('owner', [{ id: 1 }, { id: 2 }])",
      "await op.bulkInsert('item', [{ owner_id: 1, qty: 3 }, { owner_id: 2, qty: 5 }])",
    ],
  }))
  project.write('migrations/versions/b.ts', revisionSource({
    id: 'b', down: 'a2', message: 'constraints',
    upgrade: [
      "await op.createForeignKey('item_owner_foreign', 'item', ['owner_id'], 'owner', ['id'], { notValid: true })",
      "await op.createCheck('item_qty_check', 'item', 'qty >= 0', { notValid: true })",
    ],
  }))
  project.write('migrations/versions/c.ts', revisionSource({
    id: 'c', down: 'b', message: 'validate',
    upgrade: ["await op.validateConstraint('item', 'item_owner_foreign')", "await op.validateConstraint('item', 'item_qty_check')"],
  }))
  return project
}

/**
 * `mig upgrade --sql` from `b` on: `b` outside a transaction with its own lock timeout, `c` with
 * an autocommit block and the config's timeouts.
 */
async function offlineScript(url: string): Promise<string> {
  project = createProject(configFor(url, "  lockTimeout: '5s',\n  statementTimeout: 60000,\n"))
  await project.mig(['init'])
  project.write('migrations/versions/a.ts', revisionSource({ id: 'a', down: null, message: 'items', upgrade: ["await op.createTable('item', [{ name: 'id', type: 'integer', primary: true }, { name: 'owner_id', type: 'integer' }])"] }))
  project.write('migrations/versions/b.ts', revisionSource({
    id: 'b', down: 'a', message: 'index',
    exports: ['export const transactional = false', "export const lockTimeout = '2s'"],
    upgrade: ["await op.createIndex('item_owner_index', 'item', ['owner_id'], { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })"],
  }))
  project.write('migrations/versions/c.ts', revisionSource({
    id: 'c', down: 'b', message: 'block',
    upgrade: [
      "await op.addColumn('item', { name: 'note', type: 'text' })",
      "await op.autocommitBlock(async () => { await op.dropIndex('item_owner_index', 'item', { concurrently: true }) })",
    ],
  }))
  const out = await project.mig(['upgrade', '--sql'])
  expect(out.code, out.stderr).toBe(0)
  return out.stdout.slice(out.stdout.indexOf('-- Running upgrade a -> b'))
}
