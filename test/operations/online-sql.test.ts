import { describe, expect, it } from 'vitest'
import { renderCall } from '../../src/operations/calls.js'
import { reverseOperation } from '../../src/operations/entries.js'
import type { Operation } from '../../src/operations/index.js'
import { sqlFor } from './helpers/recording.js'

describe('createIndex and dropIndex on a busy table', () => {
  it('build and drop concurrently on PostgreSQL, with algorithm and lock on MySQL/MariaDB; SQLite ignores both', async () => {
    const sql = await sqlFor(async (op) => {
      await op.createIndex('post_title_index', 'post', ['title'], { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })
      await op.createIndex('post_slug_unique', 'post', 'slug', { unique: true, concurrently: true, lock: 'SHARED' })
      await op.createIndex('post_search', 'post', ['title', 'body'], { type: 'fulltext', concurrently: true, algorithm: 'INPLACE' })
      await op.dropIndex('post_title_index', 'post', { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })
    })
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "create index \`post_title_index\` on \`post\` (\`title\`) algorithm=inplace lock=none",
          "create unique index \`post_slug_unique\` on \`post\` (\`slug\`) lock=shared",
          "alter table \`post\` add fulltext index \`post_search\`(\`title\`,\`body\`), algorithm=inplace",
          "alter table \`post\` drop index \`post_title_index\`, algorithm=inplace, lock=none",
        ],
        "postgresql": [
          "create index concurrently "post_title_index" on "post" ("title")",
          "create unique index concurrently "post_slug_unique" on "post" ("slug")",
          "create index concurrently "post_search" on "post" using gin(to_tsvector('simple', "title" || ' ' || "body"))",
          "drop index concurrently "post_title_index"",
        ],
        "sqlite": [
          "create index "post_title_index" on "post" ("title")",
          "create unique index "post_slug_unique" on "post" ("slug")",
          "create index "post_search" on "post" ("title", "body") where 0",
          "drop index "post_title_index"",
        ],
      }
    `)
  })

  it('refuses an algorithm or lock mig does not know, naming the ones it does', async () => {
    await expect(sqlFor((op) => op.createIndex('ix', 'post', ['title'], { lock: 'none' as never }))).rejects.toMatchObject({
      code: 'BAD_OPERATION',
      message: expect.stringContaining("unknown lock \"none\"; use one of 'DEFAULT', 'NONE', 'SHARED', 'EXCLUSIVE'"),
    })
    await expect(sqlFor((op) => op.dropIndex('ix', 'post', { algorithm: 'FAST' as never }))).rejects.toMatchObject({ code: 'BAD_OPERATION' })
  })

  it('keep their options in the revision file and in the reverse', () => {
    const create: Operation = { kind: 'createIndex', name: 'post_title_index', table: 'post', columns: ['title'], concurrently: true, algorithm: 'INPLACE', lock: 'NONE' }
    expect(renderCall(create, false)).toEqual([
      "await op.createIndex('post_title_index', 'post', ['title'], { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })",
    ])
    const drop = reverseOperation(create)
    expect(renderCall(drop, false)).toEqual(["await op.dropIndex('post_title_index', 'post', { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })"])
    expect(renderCall(reverseOperation(drop), false)).toEqual(renderCall(create, false))
  })
})

describe('constraints added NOT VALID, validated later', () => {
  it('add a foreign key and a check NOT VALID on PostgreSQL, checked as usual on MySQL/MariaDB', async () => {
    const sql = await sqlFor(async (op) => {
      if (op.dialect === 'sqlite') return
      await op.createForeignKey('book_author_id_foreign', 'book', ['author_id'], 'author', ['id'], { onDelete: 'cascade', notValid: true })
      await op.createCheck('book_pages_check', 'book', 'pages > 0', { notValid: true })
    })
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "alter table \`book\` add constraint \`book_author_id_foreign\` foreign key (\`author_id\`) references \`author\` (\`id\`) on delete cascade",
          "alter table \`book\` add constraint \`book_pages_check\` check (pages > 0)",
        ],
        "postgresql": [
          "alter table "book" add constraint "book_author_id_foreign" foreign key ("author_id") references "author" ("id") on delete cascade not valid",
          "alter table "book" add constraint "book_pages_check" check (pages > 0) not valid",
        ],
        "sqlite": [],
      }
    `)
  })

  it('validate on PostgreSQL; nothing to do where a constraint is always checked when added', async () => {
    expect(await sqlFor((op) => op.validateConstraint('book', 'book_author_id_foreign'))).toMatchInlineSnapshot(`
      {
        "mysql": [],
        "postgresql": [
          "alter table "book" validate constraint "book_author_id_foreign"",
        ],
        "sqlite": [],
      }
    `)
  })

  it('keep notValid in the revision file and in the reverse of the reverse', () => {
    const key: Operation = { kind: 'createForeignKey', table: 'book', name: 'fk', columns: ['a'], referencedTable: 'author', referencedColumns: ['id'], onDelete: 'cascade', notValid: true }
    expect(renderCall(key, false)).toEqual(["await op.createForeignKey('fk', 'book', ['a'], 'author', ['id'], { onDelete: 'cascade', notValid: true })"])
    expect(renderCall(reverseOperation(reverseOperation(key)), false)).toEqual(renderCall(key, false))
    const check: Operation = { kind: 'createCheck', table: 'book', name: 'c', expression: 'pages > 0', notValid: true }
    expect(renderCall(check, false)).toEqual(["await op.createCheck('c', 'book', 'pages > 0', { notValid: true })"])
    expect(renderCall({ kind: 'validateConstraint', table: 'book', name: 'c' }, false)).toEqual(["await op.validateConstraint('book', 'c')"])
  })
})
