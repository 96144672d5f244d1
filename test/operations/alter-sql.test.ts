import { describe, expect, it } from 'vitest'
import { sqlFor } from './helpers/recording.js'

describe('addColumn', () => {
  it('adds a plain column', async () => {
    expect(await sqlFor((op) => op.addColumn('user', { name: 'nickname', type: 'string', length: 40 }))).toMatchInlineSnapshot(`
      {
        "mysql": [
          "alter table \`user\` add column \`nickname\` varchar(40) null",
        ],
        "postgresql": [
          "alter table "user" add column "nickname" varchar(40) null",
        ],
        "sqlite": [
          "alter table "user" add column "nickname" varchar(40) null",
        ],
      }
    `)
  })

  it('adds the unique constraint, foreign key and comment the way each dialect allows', async () => {
    const sql = await sqlFor((op) =>
      op.addColumn('post', {
        name: 'editor_id',
        type: 'integer',
        unique: true,
        comment: 'last editor',
        references: { table: 'user', column: 'id', onDelete: 'set null' },
      }),
    )
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "alter table \`post\` add column \`editor_id\` int unsigned null comment 'last editor'",
          "alter table \`post\` add constraint \`post_editor_id_unique\` unique (\`editor_id\`)",
          "alter table \`post\` add constraint \`post_editor_id_foreign\` foreign key (\`editor_id\`) references \`user\` (\`id\`) on delete set null",
        ],
        "postgresql": [
          "alter table "post" add column "editor_id" int null",
          "alter table "post" add constraint "post_editor_id_unique" unique ("editor_id")",
          "alter table "post" add constraint "post_editor_id_foreign" foreign key ("editor_id") references "user" ("id") on delete set null",
          "comment on column "post"."editor_id" is 'last editor'",
        ],
        "sqlite": [
          "alter table "post" add column "editor_id" integer null constraint "post_editor_id_foreign" references "user" ("id") on delete set null",
          "create unique index "post_editor_id_unique" on "post" ("editor_id")",
        ],
      }
    `)
  })

  it('renders literal and raw defaults', async () => {
    const sql = await sqlFor(async (op) => {
      await op.addColumn('post', { name: 'status', type: 'string', nullable: false, default: "it's new" })
      await op.addColumn('post', { name: 'score', type: 'decimal', precision: 5, scale: 2, default: 0 })
      await op.addColumn('post', { name: 'seen_at', type: 'datetime', defaultRaw: "'2024-01-01'" })
    })
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "alter table \`post\` add column \`status\` varchar(255) not null default 'it''s new'",
          "alter table \`post\` add column \`score\` numeric(5,2) null default 0",
          "alter table \`post\` add column \`seen_at\` datetime null default '2024-01-01'",
        ],
        "postgresql": [
          "alter table "post" add column "status" varchar(255) not null default 'it''s new'",
          "alter table "post" add column "score" numeric(5,2) null default 0",
          "alter table "post" add column "seen_at" timestamptz null default '2024-01-01'",
        ],
        "sqlite": [
          "alter table "post" add column "status" varchar(255) not null default 'it''s new'",
          "alter table "post" add column "score" numeric(5,2) null default 0",
          "alter table "post" add column "seen_at" datetime null default '2024-01-01'",
        ],
      }
    `)
  })
})

describe('dropColumn and renameColumn', () => {
  it('alter the table in place', async () => {
    const sql = await sqlFor(async (op) => {
      await op.dropColumn('user', 'nickname')
      await op.renameColumn('user', 'mail', 'email')
    })
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "alter table \`user\` drop column \`nickname\`",
          "alter table \`user\` rename column \`mail\` to \`email\`",
        ],
        "postgresql": [
          "alter table "user" drop column "nickname"",
          "alter table "user" rename column "mail" to "email"",
        ],
        "sqlite": [
          "alter table "user" drop column "nickname"",
          "alter table "user" rename column "mail" to "email"",
        ],
      }
    `)
  })
})

describe('createIndex and dropIndex', () => {
  it('create plain and unique indexes', async () => {
    const sql = await sqlFor(async (op) => {
      await op.createIndex('post_title_index', 'post', ['title'])
      await op.createIndex('post_slug_unique', 'post', 'slug', { unique: true })
    })
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "create index \`post_title_index\` on \`post\` (\`title\`)",
          "create unique index \`post_slug_unique\` on \`post\` (\`slug\`)",
        ],
        "postgresql": [
          "create index "post_title_index" on "post" ("title")",
          "create unique index "post_slug_unique" on "post" ("slug")",
        ],
        "sqlite": [
          "create index "post_title_index" on "post" ("title")",
          "create unique index "post_slug_unique" on "post" ("slug")",
        ],
      }
    `)
  })

  it('drop an index, naming the table where MySQL needs it', async () => {
    expect(await sqlFor((op) => op.dropIndex('post_title_index', 'post'))).toMatchInlineSnapshot(`
      {
        "mysql": [
          "drop index \`post_title_index\` on \`post\`",
        ],
        "postgresql": [
          "drop index "post_title_index"",
        ],
        "sqlite": [
          "drop index "post_title_index"",
        ],
      }
    `)
  })

  it('refuses a MySQL dropIndex without the table, saying how to fix it', async () => {
    const error = await sqlFor((op) => op.dropIndex('post_title_index')).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'BAD_OPERATION',
      message: "dropIndex('post_title_index'): MySQL/MariaDB needs the table name too; write op.dropIndex('post_title_index', '<table>')",
    })
  })

  it("create fulltext indexes as MikroORM writes them (on SQLite an empty index in their place), offline too", async () => {
    const sql = await sqlFor(async (op) => {
      await op.createIndex('post_search', 'post', ['title', 'body'], { type: 'fulltext' })
      await op.createTable('note', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'text', type: 'text' }], {
        indexes: [{ columns: ['text'], type: 'fulltext' }],
      })
    })
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "alter table \`post\` add fulltext index \`post_search\`(\`title\`,\`body\`)",
          "create table \`note\` (\`id\` int unsigned not null auto_increment primary key, \`text\` text null) default character set utf8mb4 engine = InnoDB",
          "alter table \`note\` add fulltext index \`note_text_index\`(\`text\`)",
        ],
        "postgresql": [
          "create index "post_search" on "post" using gin(to_tsvector('simple', "title" || ' ' || "body"))",
          "create table "note" ("id" serial primary key, "text" text null)",
          "create index "note_text_index" on "note" using gin(to_tsvector('simple', "text"))",
        ],
        "sqlite": [
          "create index "post_search" on "post" ("title", "body") where 0",
          "create table "note" ("id" integer not null primary key autoincrement, "text" text null)",
          "create index "note_text_index" on "note" ("text") where 0",
        ],
      }
    `)
  })

  it('keeps a fulltext index through a batch, and refuses index types it does not know', async () => {
    const copyFrom = { columns: [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'text' }], indexes: [{ name: 'item_qty_index', columns: ['qty'], type: 'fulltext' as const }] }
    const sql = await sqlFor((op) => op.batchAlterTable('item', (batch) => batch.alterColumn('qty', { type: 'integer' }), { copyFrom }))
    expect(sql.sqlite).toContain('create index "item_qty_index" on "item" ("qty") where 0')
    await expect(sqlFor((op) => op.createIndex('ix', 'post', ['title'], { type: 'gist' as never }))).rejects.toMatchObject({
      code: 'BAD_OPERATION',
      message: expect.stringContaining(`unknown index type "gist"`),
    })
    await expect(sqlFor((op) => op.createIndex('ix', 'post', ['title'], { type: 'fulltext', unique: true }))).rejects.toMatchObject({
      code: 'BAD_OPERATION',
      message: expect.stringContaining('a fulltext index cannot be unique'),
    })
  })

  it('refuses an index without columns', async () => {
    const error = await sqlFor((op) => op.createIndex('ix', 'post', [])).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_OPERATION' })
  })
})
