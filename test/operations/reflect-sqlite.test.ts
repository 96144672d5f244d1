import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOperations, reflectSqliteTable } from '../../src/operations/index.js'
import { parseCreateTable } from '../../src/operations/sqlite-ddl-parse.js'
import { mentionsColumn, renameColumnIn } from '../../src/operations/sqlite-tokens.js'
import { recordingExecutor } from './helpers/recording.js'
import { openSqliteSteps, type SqliteSteps } from './helpers/sqlite-steps.js'

// A table as MikroORM 6.6 writes it on SQLite: backticks, an enum as a column check, named keys.
const MIKRO_ORM_TABLE = "create table `item` (`id` integer not null primary key autoincrement, `kind` text check (`kind` in ('a', 'b')) not null default 'a', " +
  '`ratio` Float null, `owner_id` integer null, `code` varchar(20) null, ' +
  'constraint `item_owner_id_foreign` foreign key(`owner_id`) references `owner`(`id`) on delete set null on update cascade, ' +
  'constraint `item_code_uq` unique (`code`), constraint item_ratio_check check (ratio < 1))'

describe('reading SQLite create table text', () => {
  it('finds types, checks, constraint names and autoincrement', () => {
    const parsed = parseCreateTable(MIKRO_ORM_TABLE)
    expect(parsed).toEqual({
      autoincrement: 'id',
      types: new Map([['id', 'integer'], ['kind', 'text'], ['ratio', 'Float'], ['owner_id', 'integer'], ['code', 'varchar(20)']]),
      checks: [
        { name: undefined, expression: "`kind` in ('a', 'b')", column: 'kind' },
        { name: 'item_ratio_check', expression: 'ratio < 1' },
      ],
      foreignKeys: [{ name: 'item_owner_id_foreign', columns: ['owner_id'] }],
      uniques: [{ name: 'item_code_uq', columns: ['code'] }],
    })
  })

  it('renames a column in an expression, but not strings, comments or functions', () => {
    expect(renameColumnIn("length(\"length\") > 0 and length <> 'length' -- length", 'length', 'size'))
      .toBe(`length("size") > 0 and "size" <> 'length' -- length`)
    expect(renameColumnIn('[Qty] > 0 and `qty` < 9', 'qty', 'amount')).toBe('"amount" > 0 and "amount" < 9')
    expect(mentionsColumn("x'00' = blob", 'x')).toBe(false)
    expect(mentionsColumn("status in ('qty')", 'qty')).toBe(false)
  })
})

describe('reflecting a live SQLite table', () => {
  let sqlite: SqliteSteps
  beforeEach(() => {
    sqlite = openSqliteSteps()
    sqlite.db.exec(`create table owner (id integer primary key); ${MIKRO_ORM_TABLE};
      create index item_lower_code on item (lower(code));
      create index item_kind_partial on item (kind) where kind = 'b';
      insert into owner values (1); insert into item (kind, ratio, owner_id, code) values ('b', 0.5, 1, 'X'), ('a', null, null, null)`)
  })
  afterEach(() => sqlite.close())

  it('reads a definition that keeps every name, check and declared type', async () => {
    const executor = { dialect: 'sqlite' as const, offline: false, execute: async () => {}, query: async <T>(sql: string, params: unknown[] = []) => sqlite.db.prepare(sql).all(...params) as T[] }
    const current = await reflectSqliteTable(executor, 'item')
    expect(current.definition).toEqual({
      columns: [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'kind', type: 'text', nullable: false, defaultRaw: "'a'" },
        { name: 'ratio', type: 'Float', nullable: true },
        { name: 'owner_id', type: 'integer', nullable: true },
        { name: 'code', type: 'varchar(20)', nullable: true },
      ],
      primaryKey: ['id'],
      indexes: [],
      uniques: [{ name: 'item_code_uq', columns: ['code'] }],
      foreignKeys: [{ name: 'item_owner_id_foreign', columns: ['owner_id'], references: { table: 'owner', columns: ['id'] }, onDelete: 'set null', onUpdate: 'cascade' }],
      checks: [{ name: 'item_kind_check', expression: "`kind` in ('a', 'b')" }, { name: 'item_ratio_check', expression: 'ratio < 1' }],
    })
    expect(current.rawIndexes?.map((index) => index.name).sort()).toEqual(['item_kind_partial', 'item_lower_code'])
  })

  it('copies such a table keeping all of it, expression and partial indexes included', async () => {
    await sqlite.step((op) => op.alterColumn('item', 'code', { newName: 'label', nullable: false, default: '-' }))
    const sql = (sqlite.db.prepare(`select sql from sqlite_master where name = 'item'`).get() as { sql: string }).sql
    expect(sql).toContain('"ratio" Float null')
    expect(sql).toContain(`constraint "item_kind_check" check (\`kind\` in ('a', 'b'))`)
    expect(sql).toContain('on delete set null on update cascade')
    expect(sqlite.indexNames('item')).toEqual(['item_code_uq', 'item_kind_partial', 'item_lower_code'])
    expect((sqlite.db.prepare(`select sql from sqlite_master where name = 'item_lower_code'`).get() as { sql: string }).sql)
      .toBe('CREATE INDEX item_lower_code on item (lower("label"))')
    expect(sqlite.rows('item')).toEqual([
      { id: 1, kind: 'b', ratio: 0.5, owner_id: 1, label: 'X' },
      { id: 2, kind: 'a', ratio: null, owner_id: null, label: '-' },
    ])
    expect(() => sqlite.db.prepare(`insert into item (kind) values ('c')`).run()).toThrow(/CHECK/)
  })

  it('adds a column SQLite cannot add in place (a non-constant default) by copying; offline it asks for copyFrom', async () => {
    await sqlite.step((op) => op.addColumn('item', { name: 'seen_at', type: 'datetime', defaultRaw: 'current_timestamp' }))
    expect(sqlite.rows('item').every((row) => typeof row.seen_at === 'string')).toBe(true)
    const op = createOperations(recordingExecutor('sqlite'))
    await expect(op.addColumn('item', { name: 'at', type: 'datetime', defaultRaw: 'current_timestamp' })).rejects.toMatchObject({ code: 'OFFLINE_UNSUPPORTED' })
  })
})
