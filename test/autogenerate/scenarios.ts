import { defineEntity, p, type EntitySchema } from '@mikro-orm/core'
import { expect } from 'vitest'
import type { Harness } from './helpers/harness.js'
import type { Scenario } from './helpers/scenario.js'

/**
 * Every kind of model change autogenerate handles, each as a before/after pair of models.
 * The roundtrip tests run each on every dialect; the rendered revisions are the snapshot files
 * in __snapshots__/ (`<scenario>.<dialect>.ts`).
 */

// An `Author` with `id` and `name` plus the given properties (and entity options).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const author = (properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): EntitySchema<any> =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defineEntity({ name: 'Author', properties: { id: p.integer().primary(), name: p.string().length(100), ...properties }, ...extra } as any)

// The table's comment as the database keeps it ('' for none), read from the catalog rather
// than through MikroORM, whose reading the scenario is testing.
async function tableComment(harness: Harness, table: string): Promise<string> {
  const sql = harness.dialect === 'postgresql'
    ? `select coalesce(obj_description('"${table}"'::regclass, 'pg_class'), '') as comment`
    : `select table_comment as comment from information_schema.tables where table_schema = database() and table_name = '${table}'`
  const [row] = await harness.query<{ comment: string }>(sql)
  return row!.comment
}

// How the database keeps an index: its SQL (SQLite, PostgreSQL) or its type (MariaDB).
async function indexDefinition(harness: Harness, table: string, index: string): Promise<string> {
  const sql = {
    sqlite: `select sql as definition from sqlite_master where type = 'index' and name = '${index}'`,
    postgresql: `select indexdef as definition from pg_indexes where indexname = '${index}'`,
    mysql: `select distinct index_type as definition from information_schema.statistics where table_schema = database() and table_name = '${table}' and index_name = '${index}'`,
  }[harness.dialect]
  const [row] = await harness.query<{ definition: string }>(sql)
  return row!.definition
}

// The author table's comment going from `before` to `after`. SQLite keeps no comments, so
// there it is no change at all.
function tableCommentScenario(name: string, before: string | undefined, after: string | undefined, message: string): Scenario {
  const models = (comment: string | undefined) => () => [author({}, comment === undefined ? {} : { comment })]
  return {
    name,
    before: models(before),
    after: models(after),
    seed: { author: [{ id: 1, name: 'Ada' }] },
    messages: (dialect) => (dialect === 'sqlite' ? [] : [message]),
    afterUpgrade: async (harness) => {
      expect(await tableComment(harness, 'author')).toBe(after ?? '')
    },
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'all-types',
    before: () => [author()],
    after: () => [
      author(),
      defineEntity({
        name: 'Sample',
        properties: {
          id: p.bigint().primary(),
          text: p.text().nullable(),
          flag: p.boolean().default(false),
          small: p.smallint().nullable(),
          big: p.bigint().nullable(),
          real: p.float().nullable(),
          double: p.double().nullable(),
          money: p.decimal().precision(10).scale(2).default('0.00'),
          day: p.date().nullable(),
          time: p.time().nullable(),
          at: p.datetime().defaultRaw('CURRENT_TIMESTAMP'),
          precise: p.datetime().length(3).nullable(),
          data: p.json().nullable(),
          uid: p.uuid().nullable(),
          bytes: p.blob().nullable(),
          code: p.string().length(12).default('n/a'),
          kind: p.enum(['x', "y'z"]).nullable(),
        },
      }),
    ],
    messages: () => ["Detected added table 'sample'"],
  },
  {
    name: 'composite-keys',
    before: () => [author()],
    after: () => {
      const Edition = defineEntity({
        name: 'Edition',
        properties: { isbn: p.string().length(13).primary(), printing: p.integer().primary(), title: p.string() },
        primaryKeys: ['isbn', 'printing'],
      } as never)
      const Copy = defineEntity({
        name: 'Copy',
        properties: { id: p.integer().primary(), edition: () => p.manyToOne(Edition as never).deleteRule('cascade') },
      } as never)
      return [author(), Edition, Copy]
    },
    messages: () => ["Detected added table 'edition'", "Detected added table 'copy'"],
  },
  {
    name: 'table-cycle',
    before: () => [author()],
    after: () => {
      const Left: EntitySchema<any> = defineEntity({ name: 'Left', properties: { id: p.integer().primary(), right: () => p.manyToOne(Right).nullable() } } as any)
      const Right: EntitySchema<any> = defineEntity({ name: 'Right', properties: { id: p.integer().primary(), left: () => p.manyToOne(Left).nullable() } } as any)
      return [author(), Left, Right]
    },
    messages: () => ["Detected added table 'right'", "Detected added table 'left'"],
  },
  {
    name: 'relations',
    before: () => [author(), defineEntity({ name: 'Tag', properties: { id: p.integer().primary(), label: p.string() } })],
    after: () => {
      const Tag = defineEntity({ name: 'Tag', properties: { id: p.integer().primary(), label: p.string() } })
      const Profile = defineEntity({ name: 'Profile', properties: { id: p.integer().primary(), bio: p.text().nullable() } })
      const Author = author({ profile: () => p.oneToOne(Profile).nullable(), tags: () => p.manyToMany(Tag) })
      return [Author, Tag, Profile]
    },
    seed: { author: [{ id: 1, name: 'Ada' }], tag: [{ id: 1, label: 'x' }] },
    messages: (dialect) => [
      "Detected added table 'profile'",
      "Detected added table 'author_tags'",
      "Detected added foreign key (profile_id)(id) on table 'author' referencing 'profile'",
      "Detected added unique constraint 'author_profile_id_unique' on 'author' ['profile_id']",
      "Detected added column 'author.profile_id'",
    ].filter((message) => dialect !== 'postgresql' || !message.includes('index')),
  },
  {
    name: 'drop-related-tables',
    before: () => {
      const Author = author()
      const Book = defineEntity({ name: 'Book', properties: { id: p.integer().primary(), author: () => p.manyToOne(Author) } })
      const Review = defineEntity({ name: 'Review', properties: { id: p.integer().primary(), book: () => p.manyToOne(Book), stars: p.integer() } })
      return [Author, Book, Review]
    },
    after: () => [author()],
    seed: { author: [{ id: 1, name: 'Ada' }], book: [{ id: 1, author_id: 1 }], review: [{ id: 1, book_id: 1, stars: 5 }] },
    messages: () => ["Detected removed table 'review'", "Detected removed table 'book'"],
    afterDowngrade: (_, before) => ({ ...before, book: [], review: [] }),
  },
  {
    name: 'add-tables',
    before: () => [],
    after: () => {
      const Author = author({ email: p.string().unique(), born: p.date().nullable() })
      const Book = defineEntity({
        name: 'Book',
        properties: { id: p.integer().primary(), title: p.string().index(), price: p.decimal().precision(8).scale(2).nullable(), author: () => p.manyToOne(Author).deleteRule('cascade') },
      })
      return [Author, Book]
    },
    messages: () => ["Detected added table 'author'", "Detected added table 'book'"],
  },
  {
    name: 'drop-table',
    before: () => [author(), defineEntity({ name: 'Tag', properties: { id: p.integer().primary(), label: p.string() } })],
    after: () => [author()],
    seed: { author: [{ id: 1, name: 'Ada' }], tag: [{ id: 1, label: 'x' }] },
    messages: () => ["Detected removed table 'tag'"],
    rendered: (result) => {
      expect(result.changes[0]!.destructive).toBe(true)
      expect(result.upgrades).toContain("// mig: destructive — drops table 'tag' and all its rows")
    },
    afterDowngrade: (_, before) => ({ ...before, tag: [] }),
  },
  {
    name: 'add-column',
    before: () => [author()],
    after: () => [author({ email: p.string().length(320).nullable(), age: p.integer().default(3) })],
    seed: { author: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Bob' }] },
    messages: () => ["Detected added column 'author.email'", "Detected added column 'author.age'"],
    afterUpgrade: async (harness) => {
      expect(await harness.query('select "name", "age" from "author" order by "id"')).toEqual([{ name: 'Ada', age: 3 }, { name: 'Bob', age: 3 }])
    },
  },
  {
    name: 'drop-column',
    before: () => [author({ age: p.integer().nullable() })],
    after: () => [author()],
    seed: { author: [{ id: 1, name: 'Ada', age: 36 }] },
    messages: () => ["Detected removed column 'author.age'"],
    rendered: (result) => expect(result.changes[0]!.destructive).toBe(true),
    afterDowngrade: () => ({ author: [{ id: 1, name: 'Ada', age: null }] }),
  },
  {
    name: 'type-change',
    before: () => [author({ count: p.smallint(), price: p.decimal().precision(10).scale(2), code: p.string() })],
    after: () => [author({ name: p.string().length(200), count: p.integer(), price: p.decimal().precision(12).scale(2), code: p.integer() })],
    seed: { author: [{ id: 1, name: 'Ada', count: 7, price: '12.50', code: '42' }] },
    messages: (dialect) =>
      ({
        // SQLite has one integer type: smallint → int is no change there.
        sqlite: [
          "Detected type change from varchar(255) to integer on 'author.code'",
          "Detected type change from varchar(100) to varchar(200) on 'author.name'",
          "Detected type change from numeric(10,2) to numeric(12,2) on 'author.price'",
        ],
        postgresql: [
          "Detected type change from varchar(100) to varchar(200) on 'author.name'",
          "Detected type change from smallint to int on 'author.count'",
          "Detected type change from numeric(10,2) to numeric(12,2) on 'author.price'",
          "Detected type change from varchar(255) to int on 'author.code'",
        ],
        mysql: [
          "Detected type change from varchar(100) to varchar(200) on 'author.name'",
          "Detected type change from smallint to int on 'author.count'",
          "Detected type change from numeric(10,2) to numeric(12,2) on 'author.price'",
          "Detected type change from varchar(255) to int on 'author.code'",
        ],
      })[dialect],
    rendered: (result) => {
      expect(result.changes.find((change) => change.column === 'code')!.destructive).toBe(true)
      expect(result.changes.filter((change) => change.destructive)).toHaveLength(1)
    },
    afterUpgrade: async (harness) => {
      expect(await harness.query('select "code" from "author"')).toEqual([{ code: 42 }])
    },
    afterDowngrade: (dialect, before) => ({ author: before.author!.map((row) => ({ ...row })) }),
  },
  {
    name: 'nullable-and-default',
    before: () => [author({ nick: p.string().nullable(), status: p.string().default('draft'), score: p.integer().nullable() })],
    after: () => [author({ name: p.string().length(100).nullable(), nick: p.string(), status: p.string().default('live'), score: p.integer().nullable().default(0) })],
    seed: { author: [{ id: 1, name: 'Ada', nick: 'ada', status: 'draft', score: null }] },
    messages: () => [
      "Detected NULL on column 'author.name'",
      "Detected NOT NULL on column 'author.nick'",
      "Detected server default on column 'author.status'",
      "Detected server default on column 'author.score'",
    ],
  },
  {
    name: 'indexes-and-uniques',
    before: () => [author({ email: p.string(), title: p.string().index(), code: p.string().unique() })],
    after: () => [author({ email: p.string().unique(), title: p.string(), code: p.string().index() })],
    seed: { author: [{ id: 1, name: 'Ada', email: 'a@x', title: 't', code: 'c' }] },
    messages: () => [
      "Detected removed unique constraint 'author_code_unique' on 'author'",
      "Detected removed index 'author_title_index' on 'author'",
      "Detected added index 'author_code_index' on 'author' ['code']",
      "Detected added unique constraint 'author_email_unique' on 'author' ['email']",
    ],
  },
  {
    name: 'fulltext-index',
    before: () => [author({ bio: p.text().nullable() })],
    after: () => [
      author({ bio: p.text().nullable() }, {
        indexes: [{ properties: ['name'], type: 'fulltext' }, { properties: ['name', 'bio'], type: 'fulltext', name: 'author_search' }],
      }),
    ],
    seed: { author: [{ id: 1, name: 'Ada', bio: 'counts' }] },
    messages: () => [
      "Detected added index 'author_name_index' on 'author' ['name']",
      "Detected added index 'author_search' on 'author' ['name', 'bio']",
    ],
    afterUpgrade: async (harness) => {
      expect(await indexDefinition(harness, 'author', 'author_search')).toMatch(
        { sqlite: /\("name", "bio"\) where 0$/, postgresql: /USING gin \(to_tsvector\('simple'::regconfig/, mysql: /^FULLTEXT$/ }[harness.dialect],
      )
    },
  },
  {
    name: 'fulltext-index-type',
    before: () => [author({ title: p.string().index() })],
    after: () => [author({ title: p.string() }, { indexes: [{ properties: ['title'], type: 'fulltext', name: 'author_title_index' }] })],
    seed: { author: [{ id: 1, name: 'Ada', title: 'Notes' }] },
    messages: () => ["Detected removed index 'author_title_index' on 'author'", "Detected added index 'author_title_index' on 'author' ['title']"],
  },
  {
    name: 'check-constraint',
    before: () => [author({ price: p.integer() })],
    after: () => [author({ price: p.integer() }, { checks: [{ name: 'author_price_check', expression: 'price >= 0' }] })],
    seed: { author: [{ id: 1, name: 'Ada', price: 5 }] },
    messages: () => ["Detected added check constraint 'author_price_check' on 'author'"],
    afterUpgrade: async (harness) => {
      await expect(harness.query(`insert into "author" ("id", "name", "price") values (2, 'x', -1)`)).rejects.toThrow()
    },
  },
  {
    name: 'enum-items',
    before: () => [author({ kind: p.enum(['a', 'b']).default('a') })],
    after: () => [author({ kind: p.enum(['a', 'b', 'c']).default('a') })],
    seed: { author: [{ id: 1, name: 'Ada', kind: 'a' }, { id: 2, name: 'Bob', kind: 'b' }] },
    messages: () => ["Detected enum change from ['a', 'b'] to ['a', 'b', 'c'] on 'author.kind'"],
    afterUpgrade: async (harness) => {
      await harness.query(`insert into "author" ("id", "name", "kind") values (3, 'Cy', 'c')`)
      await expect(harness.query(`insert into "author" ("id", "name", "kind") values (4, 'Di', 'd')`)).rejects.toThrow()
      await harness.query(`delete from "author" where "id" = 3`)
    },
  },
  {
    name: 'column-comment',
    before: () => [author({ note: p.text().nullable() })],
    after: () => [author({ note: p.text().nullable().comment("the author's own words") })],
    seed: { author: [{ id: 1, name: 'Ada', note: 'hello' }] },
    messages: (dialect) => (dialect === 'sqlite' ? [] : ["Detected column comment 'author.note'"]),
  },
  {
    name: 'comment-with-type',
    before: () => [author({ note: p.string().length(50).nullable() })],
    after: () => [author({ note: p.text().nullable().comment('free text') })],
    seed: { author: [{ id: 1, name: 'Ada', note: 'hello' }] },
    messages: (dialect) =>
      dialect === 'sqlite'
        ? ["Detected type change from varchar(50) to text on 'author.note'"]
        : ["Detected type change from varchar(50) to text on 'author.note'", "Detected column comment 'author.note'"],
  },
  tableCommentScenario('table-comment-added', undefined, "people who write (the author's table)", "Detected added table comment on 'author'"),
  tableCommentScenario('table-comment-changed', 'writers', 'people who write', "Detected table comment change on 'author'"),
  tableCommentScenario('table-comment-removed', 'writers', undefined, "Detected removed table comment on 'author'"),
  {
    name: 'foreign-key-new-column',
    before: () => [author(), defineEntity({ name: 'Book', properties: { id: p.integer().primary(), title: p.string() } })],
    after: () => {
      const Author = author()
      return [Author, defineEntity({ name: 'Book', properties: { id: p.integer().primary(), title: p.string(), author: () => p.manyToOne(Author).nullable() } })]
    },
    seed: { author: [{ id: 1, name: 'Ada' }], book: [{ id: 1, title: 'Notes' }] },
    messages: (dialect) => [
      "Detected added foreign key (author_id)(id) on table 'book' referencing 'author'",
      ...(dialect === 'postgresql' ? [] : ["Detected added index 'book_author_id_index' on 'book' ['author_id']"]),
      "Detected added column 'book.author_id'",
    ],
  },
  {
    name: 'foreign-key-existing-column',
    before: () => [author(), defineEntity({ name: 'Book', properties: { id: p.integer().primary(), title: p.string(), authorId: p.integer() } })],
    after: () => {
      const Author = author()
      return [Author, defineEntity({ name: 'Book', properties: { id: p.integer().primary(), title: p.string(), author: () => p.manyToOne(Author) } })]
    },
    seed: { author: [{ id: 1, name: 'Ada' }], book: [{ id: 1, title: 'Notes', author_id: 1 }] },
    messages: (dialect) => [
      "Detected added foreign key (author_id)(id) on table 'book' referencing 'author'",
      ...(dialect === 'postgresql' ? [] : ["Detected added index 'book_author_id_index' on 'book' ['author_id']"]),
      // MySQL keys are unsigned, and a foreign key must match its key.
      ...(dialect === 'mysql' ? ["Detected type change from int to int unsigned on 'book.author_id'"] : []),
    ],
  },
  {
    name: 'rename-table',
    before: () => [author()],
    after: () => [author({}, { tableName: 'writer' })],
    seed: { author: [{ id: 1, name: 'Ada' }] },
    messages: () => ["Detected added table 'writer'", "Detected removed table 'author'"],
    rendered: (result) => {
      expect(result.upgrades.join('\n')).toContain("await op.renameTable('author', 'writer') (keeps the rows)")
    },
    afterDowngrade: () => ({ author: [] }),
  },
  {
    name: 'rename-column',
    before: () => [author({ mail: p.string().nullable() })],
    after: () => [author({ email: p.string().nullable() })],
    seed: { author: [{ id: 1, name: 'Ada', mail: 'a@x' }] },
    messages: () => ["Detected added column 'author.email'", "Detected removed column 'author.mail'"],
    rendered: (result, dialect) => {
      expect(result.upgrades.join('\n')).toContain("await batch.renameColumn('mail', 'email')")
      expect(result.upgrades.join('\n')).not.toMatch(/^await batch\.renameColumn/m)
      void dialect
    },
    afterDowngrade: () => ({ author: [{ id: 1, name: 'Ada', mail: null }] }),
  },
  {
    name: 'repoint-foreign-key',
    before: () => {
      const Parent = defineEntity({ name: 'Parent', tableName: 'e1', properties: { id: p.integer().primary() } })
      return [Parent, defineEntity({ name: 'Child', tableName: 'e2', properties: { id: p.integer().primary(), parent: () => p.manyToOne(Parent).nullable() } })]
    },
    after: () => {
      const Other = defineEntity({ name: 'Other', tableName: 'e3', properties: { id: p.integer().primary() } })
      return [Other, defineEntity({ name: 'Child', tableName: 'e2', properties: { id: p.integer().primary(), parent: () => p.manyToOne(Other).nullable() } })]
    },
    messages: () => [
      "Detected added table 'e3'",
      "Detected removed foreign key (parent_id)(id) on table 'e2' referencing 'e1'",
      "Detected added foreign key (parent_id)(id) on table 'e2' referencing 'e3'",
      "Detected removed table 'e1'",
    ],
    rendered: (result) => {
      expect(result.upgrades.filter((line) => line.includes("dropForeignKey('e2_parent_id_foreign')"))).toHaveLength(1)
    },
  },
]
