import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteSteps, type SqliteSteps } from './helpers/sqlite-steps.js'

// Move-and-copy on a real SQLite file, run the way mig's runtime runs a step: foreign keys off
// outside the transaction, `foreign_key_check` before commit.
describe('SQLite move-and-copy keeps every row', () => {
  let sqlite: SqliteSteps
  beforeEach(async () => {
    sqlite = openSqliteSteps()
    await sqlite.step(async (op) => {
      await op.createTable('owner', [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'name', type: 'string', nullable: false },
        { name: 'code', type: 'string' },
        { name: 'rank', type: 'integer' },
      ], { indexes: [{ columns: ['name'] }, { columns: ['rank'] }], uniques: [{ columns: ['code'] }] })
      await op.createTable('pet', [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'owner_id', type: 'integer', nullable: false, references: { table: 'owner', column: 'id', onDelete: 'cascade' } },
      ], { indexes: [{ columns: ['owner_id'] }] })
      await op.createTable('car', [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'owner_id', type: 'integer', references: { table: 'owner', column: 'id', onDelete: 'set null' } },
      ])
      await op.bulkInsert('owner', [
        { name: 'ann', code: '42', rank: 1 },
        { name: 'bob', code: '7', rank: null },
        { name: 'cy', code: null, rank: 3 },
      ])
      await op.bulkInsert('pet', [{ owner_id: 1 }, { owner_id: 2 }, { owner_id: 2 }, { owner_id: 3 }])
      await op.bulkInsert('car', [{ owner_id: 1 }, { owner_id: 3 }, { owner_id: null }])
    })
  })
  afterEach(() => sqlite.close())

  it('copies a parent table: its rows, its children (cascade and set null) and every index stay', async () => {
    const pets = sqlite.rows('pet')
    const cars = sqlite.rows('car')
    await sqlite.step((op) =>
      op.batchAlterTable('owner', (batch) => {
        batch.alterColumn('code', { type: 'integer' })
        batch.alterColumn('rank', { nullable: false, default: 0 })
      }),
    )
    expect(sqlite.take().some((sql) => sql.startsWith('create table "_mig_tmp_owner"'))).toBe(true)
    expect(sqlite.rows('owner')).toEqual([
      { id: 1, name: 'ann', code: 42, rank: 1 },
      { id: 2, name: 'bob', code: 7, rank: 0 },
      { id: 3, name: 'cy', code: null, rank: 3 },
    ])
    expect(sqlite.rows('pet')).toEqual(pets)
    expect(sqlite.rows('car')).toEqual(cars)
    expect(cars.map((car) => car.owner_id)).toEqual([1, 3, null])
    expect(sqlite.indexNames('owner')).toEqual(['owner_code_unique', 'owner_name_index', 'owner_rank_index'])
    expect(sqlite.tableNames()).not.toContain('_mig_tmp_owner')

    // The children's keys still point at the new table and are still enforced.
    sqlite.db.prepare('delete from owner where id = 1').run()
    expect(sqlite.rows('pet').map((pet) => pet.owner_id)).toEqual([2, 2, 3])
    expect(sqlite.rows('car').map((car) => car.owner_id)).toEqual([null, 3, null])
    expect(() => sqlite.db.prepare('insert into pet (owner_id) values (99)').run()).toThrow(/FOREIGN KEY/)
  })

  it("converts '42' to 42 when a string column becomes an integer", async () => {
    await sqlite.step((op) => op.alterColumn('owner', 'code', { type: 'integer' }))
    const codes = sqlite.db.prepare('select code, typeof(code) as kind from owner order by id').all()
    expect(codes).toEqual([{ code: 42, kind: 'integer' }, { code: 7, kind: 'integer' }, { code: null, kind: 'null' }])
  })

  it('fills NULLs with the default when a column becomes NOT NULL', async () => {
    await sqlite.step((op) => op.alterColumn('owner', 'rank', { nullable: false, default: 5 }))
    expect(sqlite.rows('owner').map((owner) => owner.rank)).toEqual([1, 5, 3])
    expect(() => sqlite.db.prepare("insert into owner (name, rank) values ('dee', null)").run()).toThrow(/NOT NULL/)
  })

  it('rolls a failing copy back whole: nothing is lost, no temporary table is left', async () => {
    const before = { owner: sqlite.rows('owner'), pet: sqlite.rows('pet'), indexes: sqlite.indexNames('owner') }
    // NOT NULL without a default over a NULL row: the copy itself fails.
    await expect(sqlite.step((op) => op.alterColumn('owner', 'rank', { nullable: false }))).rejects.toThrow(/NOT NULL/)
    expect(sqlite.rows('owner')).toEqual(before.owner)
    expect(sqlite.rows('pet')).toEqual(before.pet)
    expect(sqlite.indexNames('owner')).toEqual(before.indexes)
    expect(sqlite.tableNames()).not.toContain('_mig_tmp_owner')
  })

  it('keeps the autoincrement high-water mark, so deleted ids are not reused', async () => {
    sqlite.db.prepare('delete from pet where id = 4').run()
    await sqlite.step((op) => op.createCheck('pet_owner_check', 'pet', 'owner_id > 0'))
    sqlite.db.prepare('insert into pet (owner_id) values (1)').run()
    expect(sqlite.rows('pet').map((pet) => pet.id)).toEqual([1, 2, 3, 5])
  })

  it('keeps triggers on the table and views that read it', async () => {
    sqlite.db.exec(`create view owner_names as select name from owner;
      create trigger owner_upper after insert on owner begin update owner set name = upper(new.name) where id = new.id; end`)
    await sqlite.step((op) => op.alterColumn('owner', 'code', { type: 'integer' }))
    sqlite.db.prepare("insert into owner (name) values ('dee')").run()
    expect(sqlite.db.prepare('select name from owner_names order by name').all()).toEqual([
      { name: 'DEE' }, { name: 'ann' }, { name: 'bob' }, { name: 'cy' },
    ])
  })

  it('drops a column that an index and a check use, with them', async () => {
    await sqlite.step(async (op) => {
      await op.createCheck('owner_rank_check', 'owner', 'rank > 0 or rank is null')
      await op.batchAlterTable('owner', (batch) => batch.dropColumn('rank'))
    })
    expect(sqlite.indexNames('owner')).toEqual(['owner_code_unique', 'owner_name_index'])
    expect(sqlite.rows('owner')).toEqual([
      { id: 1, name: 'ann', code: '42' },
      { id: 2, name: 'bob', code: '7' },
      { id: 3, name: 'cy', code: null },
    ])
  })

  it('copies a table that refers to itself, and one with a composite key', async () => {
    await sqlite.step(async (op) => {
      await op.createTable('node', [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'parent_id', type: 'integer', references: { table: 'node', column: 'id', onDelete: 'cascade' } },
      ])
      await op.createTable('pair', [{ name: 'a', type: 'integer' }, { name: 'b', type: 'string' }, { name: 'n', type: 'string' }], { primaryKey: ['b', 'a'] })
      await op.bulkInsert('node', [{ id: 1 }, { id: 2, parent_id: 1 }, { id: 3, parent_id: 2 }])
      await op.bulkInsert('pair', [{ a: 1, b: 'x', n: '5' }])
    })
    await sqlite.step(async (op) => {
      await op.batchAlterTable('node', (batch) => batch.alterColumn('parent_id', { newName: 'up', type: 'bigint' }))
      await op.alterColumn('pair', 'n', { type: 'integer' })
    })
    expect(sqlite.rows('node')).toEqual([{ id: 1, up: null }, { id: 2, up: 1 }, { id: 3, up: 2 }])
    sqlite.db.prepare('delete from node where id = 2').run()
    expect(sqlite.rows('node')).toEqual([{ id: 1, up: null }])
    expect(sqlite.db.prepare(`select name, pk from pragma_table_info('pair') order by cid`).all()).toEqual([
      { name: 'a', pk: 2 }, { name: 'b', pk: 1 }, { name: 'n', pk: 0 },
    ])
    expect(sqlite.rows('pair', 'a')).toEqual([{ a: 1, b: 'x', n: 5 }])
  })

  it('renames a column that an index, a unique and a check use, everywhere', async () => {
    await sqlite.step(async (op) => {
      await op.createCheck('owner_rank_check', 'owner', 'rank > 0')
      await op.batchAlterTable('owner', (batch) => {
        batch.renameColumn('rank', 'level')
        batch.alterColumn('code', { type: 'integer', newName: 'number' })
      })
    })
    const sql = (sqlite.db.prepare(`select sql from sqlite_master where name = 'owner'`).get() as { sql: string }).sql
    expect(sql).toContain('constraint "owner_rank_check" check ("level" > 0)')
    expect(sqlite.rows('owner')[0]).toEqual({ id: 1, name: 'ann', number: 42, level: 1 })
    expect(() => sqlite.db.prepare("insert into owner (name, level) values ('x', -1)").run()).toThrow(/CHECK/)
  })
})
