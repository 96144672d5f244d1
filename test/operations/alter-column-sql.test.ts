import { describe, expect, it } from 'vitest'
import { createOperations, type ColumnChanges, type ColumnSpec } from '../../src/operations/index.js'
import { recordingExecutor } from './helpers/recording.js'

// PostgreSQL and MySQL/MariaDB write alterColumn in place; SQLite copies the table (see the
// batch tests), so it is not in these tables.
async function sql(dialect: 'postgresql' | 'mysql', changes: ColumnChanges, existing?: ColumnSpec): Promise<string[]> {
  const executor = recordingExecutor(dialect)
  await createOperations(executor).alterColumn('item', 'qty', existing ? { ...changes, existing } : changes)
  return executor.statements
}

const QTY: ColumnSpec = { name: 'qty', type: 'string', length: 20, default: '1', comment: 'how many' }

describe('alterColumn on PostgreSQL', () => {
  it.each([
    ['type, with a cast', { type: 'integer' }, undefined, [
      'alter table "item" alter column "qty" type int using ("qty"::int)',
    ]],
    ['type over an existing default: dropped first, set again after', { type: 'integer' }, { name: 'qty', type: 'string', defaultRaw: '0' }, [
      'alter table "item" alter column "qty" drop default',
      'alter table "item" alter column "qty" type int using ("qty"::int)',
      'alter table "item" alter column "qty" set default 0',
    ]],
    ['length of the existing type', { length: 50 }, QTY, [
      'alter table "item" alter column "qty" drop default',
      'alter table "item" alter column "qty" type varchar(50) using ("qty"::varchar(50))',
      `alter table "item" alter column "qty" set default '1'`,
    ]],
    ['NOT NULL with a default: NULLs filled first', { nullable: false, default: 0 }, undefined, [
      'alter table "item" alter column "qty" set default 0',
      'update "item" set "qty" = 0 where "qty" is null',
      'alter table "item" alter column "qty" set not null',
    ]],
    ['nullable again', { nullable: true }, undefined, ['alter table "item" alter column "qty" drop not null']],
    ['drop the default', { default: null }, undefined, ['alter table "item" alter column "qty" drop default']],
    ['raw default', { defaultRaw: 'now()' }, undefined, ['alter table "item" alter column "qty" set default now()']],
    ['comment', { comment: "it's" }, undefined, [`comment on column "item"."qty" is 'it''s'`]],
    ['no comment', { comment: null }, undefined, ['comment on column "item"."qty" is null']],
    ['rename last', { nullable: true, newName: 'amount' }, undefined, [
      'alter table "item" alter column "qty" drop not null',
      'alter table "item" rename column "qty" to "amount"',
    ]],
    ['unsigned is MySQL only', { unsigned: true }, undefined, []],
  ] as const)('%s', async (_, changes, existing, expected) => {
    expect(await sql('postgresql', changes, existing)).toEqual(expected)
  })
})

describe('alterColumn on MySQL/MariaDB', () => {
  it.each([
    ['type, restating the rest', { type: 'integer' }, QTY, ["alter table `item` modify `qty` int null default '1' comment 'how many'"]],
    ['NOT NULL with the existing default: NULLs filled first', { nullable: false }, QTY, [
      "update `item` set `qty` = '1' where `qty` is null",
      "alter table `item` modify `qty` varchar(20) not null default '1' comment 'how many'",
    ]],
    ['drop default and comment', { default: null, comment: null }, QTY, ['alter table `item` modify `qty` varchar(20) null']],
    ['unsigned', { unsigned: true }, { name: 'qty', type: 'integer' }, ['alter table `item` modify `qty` int unsigned null']],
    ['an autoincrement key keeps auto_increment but not "primary key" again', { type: 'bigint' }, { name: 'qty', type: 'integer', autoincrement: true }, [
      'alter table `item` modify `qty` bigint unsigned not null auto_increment',
    ]],
    ['rename alone needs no existing', { newName: 'amount' }, undefined, ['alter table `item` rename column `qty` to `amount`']],
  ] as const)('%s', async (_, changes, existing, expected) => {
    expect(await sql('mysql', changes, existing)).toEqual(expected)
  })

  it('asks for existing, since modify restates the whole column', async () => {
    await expect(sql('mysql', { nullable: false })).rejects.toMatchObject({
      code: 'BAD_OPERATION',
      message: expect.stringContaining("pass existing: { name: 'qty'"),
    })
  })
})

describe('alterColumn arguments', () => {
  it.each([
    [{ notNull: true }, "unknown change(s) 'notNull'"],
    [{ default: 1, defaultRaw: '2' }, 'either default or defaultRaw'],
    [{ nullable: 'no' }, 'nullable must be true or false'],
    [{ length: 10 }, 'needs the type too'],
    [{ type: 'text', existing: { name: 'other', type: 'text' } }, "existing describes column 'other'"],
  ])('rejects %j', async (changes, message) => {
    await expect(sql('postgresql', changes as ColumnChanges)).rejects.toThrow(message)
  })
})
