import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOperations, type ColumnSpec, type TableDefinition } from '../../src/operations/index.js'
import { recordingExecutor } from './helpers/recording.js'
import { openSqliteSteps, type SqliteSteps } from './helpers/sqlite-steps.js'

// The table every test starts from, written once as a definition: createTable makes it, and
// the offline runs give it as copyFrom.
const BOOK: TableDefinition = {
  columns: [
    { name: 'id', type: 'integer', autoincrement: true },
    { name: 'title', type: 'string', nullable: false },
    { name: 'pages', type: 'integer' },
    { name: 'status', type: 'string', length: 10, nullable: false, default: 'draft' },
    { name: 'author_id', type: 'integer', references: { table: 'author', column: 'id', onDelete: 'set null' } },
    { name: 'isbn', type: 'string', unique: true },
  ],
  indexes: [{ columns: ['title'] }, { name: 'book_pages_status_index', columns: ['pages', 'status'] }],
  checks: [{ name: 'book_status_check', expression: "status in ('draft', 'live')" }],
}

describe('SQLite batches: in place or one copy', () => {
  let sqlite: SqliteSteps
  beforeEach(async () => {
    sqlite = openSqliteSteps()
    await sqlite.step(async (op) => {
      await op.createTable('author', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'name', type: 'text' }])
      await op.createTable('book', BOOK.columns, BOOK)
      await op.bulkInsert('author', [{ name: 'ann' }, { name: 'bob' }])
      await op.bulkInsert('book', [
        { title: 'one', pages: 10, author_id: 1, isbn: 'a' },
        { title: 'two', pages: null, status: 'live', author_id: 2, isbn: 'b' },
      ])
    })
    sqlite.take()
  })
  afterEach(() => sqlite.close())

  const offline = async (body: Parameters<ReturnType<typeof createOperations>['batchAlterTable']>[1]) => {
    const executor = recordingExecutor('sqlite')
    await createOperations(executor).batchAlterTable('book', body, { copyFrom: BOOK })
    return executor.statements
  }

  it('writes the same SQL offline from copyFrom as it runs online from the live table', async () => {
    const body = (batch: Parameters<Parameters<ReturnType<typeof createOperations>['batchAlterTable']>[1]>[0]) => {
      batch.alterColumn('pages', { type: 'string', nullable: false, default: '0' })
      batch.addColumn({ name: 'price', type: 'decimal', precision: 8, scale: 2, default: 0 })
      batch.renameColumn('title', 'name')
      batch.dropIndex('book_pages_status_index')
      batch.createCheck('book_price_check', 'price >= 0')
      batch.dropForeignKey('book_author_id_foreign')
      batch.createForeignKey('book_author_fk', ['author_id'], 'author', ['id'], { onDelete: 'cascade' })
    }
    const expected = await offline(body)
    await sqlite.step((op) => op.batchAlterTable('book', body))
    const online = sqlite.take()
    expect(online).toEqual(expected)
    expect(expected).toMatchInlineSnapshot(`
      [
        "create table "_mig_tmp_book" ("id" integer not null primary key autoincrement, "name" varchar(255) not null, "pages" varchar(255) not null default '0', "status" varchar(10) not null default 'draft', "author_id" integer null, "isbn" varchar(255) null, "price" numeric(8,2) null default 0, constraint "book_author_fk" foreign key ("author_id") references "author" ("id") on delete cascade, constraint "book_status_check" check (status in ('draft', 'live')), constraint "book_price_check" check (price >= 0))",
        "insert into "_mig_tmp_book" ("id", "name", "pages", "status", "author_id", "isbn") select "id", "title", coalesce(cast("pages" as text), '0'), "status", "author_id", "isbn" from "book"",
        "delete from sqlite_sequence where name = '_mig_tmp_book'",
        "insert into sqlite_sequence (name, seq) select '_mig_tmp_book', seq from sqlite_sequence where name = 'book'",
        "drop table "book"",
        "pragma legacy_alter_table = on",
        "alter table "_mig_tmp_book" rename to "book"",
        "pragma legacy_alter_table = off",
        "create unique index "book_isbn_unique" on "book" ("isbn")",
        "create index "book_title_index" on "book" ("name")",
      ]
    `)
    expect(sqlite.rows('book')).toEqual([
      { id: 1, name: 'one', pages: '10', status: 'draft', author_id: 1, isbn: 'a', price: 0 },
      { id: 2, name: 'two', pages: '0', status: 'live', author_id: 2, isbn: 'b', price: 0 },
    ])
  })

  it('adds a foreign key to an existing column, enforced from then on', async () => {
    await sqlite.step(async (op) => {
      await op.addColumn('book', { name: 'editor_id', type: 'integer' })
      await op.execute('update book set editor_id = 2')
      await op.createForeignKey('book_editor_id_foreign', 'book', ['editor_id'], 'author', ['id'])
    })
    expect(sqlite.rows('book').map((book) => book.editor_id)).toEqual([2, 2])
    expect(() => sqlite.db.prepare('update book set editor_id = 9').run()).toThrow(/FOREIGN KEY/)
    // A key the rows break fails the step's foreign_key_check, and the step rolls back.
    sqlite.db.prepare('update book set editor_id = null').run()
    sqlite.db.pragma('foreign_keys = OFF')
    sqlite.db.prepare('update book set editor_id = 9 where id = 1').run()
    sqlite.db.pragma('foreign_keys = ON')
    await expect(sqlite.step((op) => op.dropForeignKey('book_editor_id_foreign', 'book').then(() =>
      op.createForeignKey('book_editor_fk', 'book', ['editor_id'], 'author', ['id'])))).rejects.toThrow(/foreign key check failed/)
  })

  it('adds and drops a check constraint; an enum is one', async () => {
    await sqlite.step((op) => op.createCheck('book_pages_check', 'book', 'pages > 0'))
    expect(() => sqlite.db.prepare("insert into book (title, pages) values ('x', -1)").run()).toThrow(/CHECK constraint failed: book_pages_check/)
    expect(() => sqlite.db.prepare("insert into book (title, status) values ('x', 'gone')").run()).toThrow(/book_status_check/)
    await sqlite.step(async (op) => {
      await op.dropCheck('book_status_check', 'book')
      await op.createCheck('book_status_check', 'book', "status in ('draft', 'live', 'gone')")
    })
    sqlite.db.prepare("insert into book (title, status) values ('x', 'gone')").run()
    // Rows that break a new check make the copy fail, and the step roll back.
    await expect(sqlite.step((op) => op.createCheck('book_title_check', 'book', "title <> 'x'"))).rejects.toThrow(/CHECK/)
    expect(sqlite.rows('book')).toHaveLength(3)
  })

  it('does in place what SQLite can: add, rename, drop an unused column, indexes, uniques', async () => {
    await sqlite.step((op) =>
      op.batchAlterTable('book', (batch) => {
        batch.addColumn({ name: 'note', type: 'text' })
        batch.renameColumn('title', 'name')
        batch.dropIndex('book_pages_status_index')
        batch.dropColumn('pages')
        batch.createUnique('book_name_unique', ['name'])
        batch.alterColumn('name', { newName: 'heading' })
      }),
    )
    expect(sqlite.take()).toEqual([
      'alter table "book" add column "note" text null',
      'alter table "book" rename column "title" to "name"',
      'drop index "book_pages_status_index"',
      'alter table "book" drop column "pages"',
      'create unique index "book_name_unique" on "book" ("name")',
      'alter table "book" rename column "name" to "heading"',
    ])
    expect(sqlite.indexNames('book')).toEqual(['book_isbn_unique', 'book_name_unique', 'book_title_index'])
  })

  it("copies when asked ('always') and refuses to ('never')", async () => {
    await sqlite.step((op) => op.batchAlterTable('book', (batch) => batch.addColumn({ name: 'note', type: 'text' }), { recreate: 'always' }))
    expect(sqlite.take()).toContain('drop table "book"')
    await expect(
      sqlite.step((op) => op.batchAlterTable('book', (batch) => batch.alterColumn('pages', { nullable: false, default: 1 }), { recreate: 'never' })),
    ).rejects.toMatchObject({ code: 'BAD_OPERATION', message: expect.stringContaining("op.alterColumn('book', 'pages') needs a move-and-copy") })
  })

  it('asks for copyFrom offline, where the table cannot be read', async () => {
    const op = createOperations(recordingExecutor('sqlite'))
    await expect(op.alterColumn('book', 'pages', { nullable: false })).rejects.toMatchObject({
      code: 'OFFLINE_UNSUPPORTED',
      message: expect.stringContaining("op.batchAlterTable('book', (batch) => { ... }, { copyFrom:"),
    })
    // In place needs no definition, offline either.
    await op.batchAlterTable('book', (batch) => batch.renameColumn('title', 'name'))
  })

  it('names what a change refers to but the table lacks', async () => {
    await expect(offline((batch) => batch.dropCheck('nope'))).rejects.toThrow("table 'book' has no check named 'nope' (it has 'book_status_check')")
    await expect(offline((batch) => batch.alterColumn('nope', { nullable: true }))).rejects.toThrow("table 'book' has no column 'nope'")
    await expect(offline((batch) => batch.alterColumn('pages', { notNull: true } as never))).rejects.toThrow("unknown change(s) 'notNull'")
    await expect(offline((batch) => batch.addColumn({ name: 'title', type: 'text' } as ColumnSpec))).rejects.toThrow('already has column')
  })
})
