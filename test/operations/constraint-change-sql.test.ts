import { describe, expect, it } from 'vitest'
import { createOperations } from '../../src/operations/index.js'
import { recordingExecutor, sqlFor } from './helpers/recording.js'

describe('unique, check and foreign-key constraints on existing tables', () => {
  it('creates and drops a unique constraint (a unique index on SQLite, as MikroORM makes it)', async () => {
    expect(await sqlFor(async (op) => {
      await op.createUnique('user_email_unique', 'user', ['email', 'tenant'])
      await op.dropUnique('user_email_unique', 'user')
    })).toEqual({
      sqlite: ['create unique index "user_email_unique" on "user" ("email", "tenant")', 'drop index "user_email_unique"'],
      postgresql: [
        'alter table "user" add constraint "user_email_unique" unique ("email", "tenant")',
        'alter table "user" drop constraint "user_email_unique"',
      ],
      mysql: [
        'alter table `user` add constraint `user_email_unique` unique (`email`, `tenant`)',
        'alter table `user` drop index `user_email_unique`',
      ],
    })
  })

  it('creates and drops a check constraint on PostgreSQL and MySQL/MariaDB', async () => {
    for (const dialect of ['postgresql', 'mysql'] as const) {
      const executor = recordingExecutor(dialect)
      const op = createOperations(executor)
      await op.createCheck('post_status_check', 'post', "status in ('draft', 'live')")
      await op.dropCheck('post_status_check', 'post')
      const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
      expect(executor.statements).toEqual([
        `alter table ${q('post')} add constraint ${q('post_status_check')} check (status in ('draft', 'live'))`,
        // MikroORM's form for both MariaDB (10.2+) and MySQL (8.0.19+).
        `alter table ${q('post')} drop constraint ${q('post_status_check')}`,
      ])
    }
  })

  it('creates and drops a foreign key on PostgreSQL and MySQL/MariaDB', async () => {
    for (const dialect of ['postgresql', 'mysql'] as const) {
      const executor = recordingExecutor(dialect)
      const op = createOperations(executor)
      await op.createForeignKey('book_author_fk', 'book', ['author_id'], 'author', ['id'], { onDelete: 'cascade', onUpdate: 'no action' })
      await op.dropForeignKey('book_author_fk', 'book')
      const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
      expect(executor.statements).toEqual([
        `alter table ${q('book')} add constraint ${q('book_author_fk')} foreign key (${q('author_id')}) references ${q('author')} (${q('id')}) on delete cascade on update no action`,
        `alter table ${q('book')} drop ${dialect === 'mysql' ? 'foreign key' : 'constraint'} ${q('book_author_fk')}`,
      ])
    }
  })

  it('checks the arguments before writing anything', async () => {
    const op = createOperations(recordingExecutor('postgresql'))
    await expect(op.createCheck('c', 'post', '  ')).rejects.toThrow('needs its SQL expression')
    await expect(op.createUnique('u', 'post', [])).rejects.toThrow('non-empty list of column names')
    await expect(op.createForeignKey('f', 'book', ['a', 'b'], 'author', ['id'])).rejects.toThrow('as many referenced columns')
    await expect(op.createForeignKey('f', 'book', ['a'], 'author', ['id'], { onDelete: 'explode' as never })).rejects.toThrow('Unknown referential action')
    await expect(op.dropForeignKey('', 'book')).rejects.toThrow('constraint name must be a non-empty string')
  })
})

describe('createTable checks', () => {
  it('writes named checks inside create table on every dialect', async () => {
    const sql = await sqlFor((op) =>
      op.createTable('post', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'status', type: 'string', length: 10 }], {
        checks: [{ name: 'post_status_check', expression: "status in ('draft', 'live')" }],
      }),
    )
    expect(sql).toEqual({
      sqlite: [`create table "post" ("id" integer not null primary key autoincrement, "status" varchar(10) null, constraint "post_status_check" check (status in ('draft', 'live')))`],
      postgresql: [`create table "post" ("id" serial primary key, "status" varchar(10) null, constraint "post_status_check" check (status in ('draft', 'live')))`],
      mysql: ["create table `post` (`id` int unsigned not null auto_increment primary key, `status` varchar(10) null, constraint `post_status_check` check (status in ('draft', 'live'))) default character set utf8mb4 engine = InnoDB"],
    })
  })
})

describe('batchAlterTable on PostgreSQL and MySQL/MariaDB', () => {
  it("is the plain ALTERs in order; copyFrom stands in for alterColumn's existing", async () => {
    const body = (op: ReturnType<typeof createOperations>) =>
      op.batchAlterTable('item', (batch) => {
        batch.addColumn({ name: 'note', type: 'text' })
        batch.alterColumn('qty', { nullable: false })
        batch.dropIndex('item_qty_index')
        batch.dropColumn('legacy')
      }, { copyFrom: { columns: [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'integer', default: 0 }] } })
    const pg = recordingExecutor('postgresql')
    await body(createOperations(pg))
    expect(pg.statements).toEqual([
      'alter table "item" add column "note" text null',
      'update "item" set "qty" = 0 where "qty" is null',
      'alter table "item" alter column "qty" set not null',
      'drop index "item_qty_index"',
      'alter table "item" drop column "legacy"',
    ])
    const mysql = recordingExecutor('mysql')
    await body(createOperations(mysql))
    expect(mysql.statements).toEqual([
      'alter table `item` add column `note` text null',
      'update `item` set `qty` = 0 where `qty` is null',
      'alter table `item` modify `qty` int not null default 0',
      'drop index `item_qty_index` on `item`',
      'alter table `item` drop column `legacy`',
    ])
  })
})
