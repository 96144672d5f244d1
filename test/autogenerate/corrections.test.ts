import { defineEntity, p } from '@mikro-orm/core'
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareSchemas } from '../../src/autogenerate/compare.js'
import { openOrmSession } from '../../src/autogenerate/orm.js'
import { createHarness, type Harness } from './helpers/harness.js'
import { MYSQL_URL, POSTGRES_URL, SKIP_MYSQL, SKIP_POSTGRES } from '../helpers/databases.js'
import { SCENARIOS } from './scenarios.js'

// Each correction of MikroORM 6.6's comparison, shown twice: with the correction left out
// (`skipCorrections`) the defect appears, with it the comparison is right.

const messages = async (harness: Harness, skip: string[] = []) =>
  (await harness.generate({ skipCorrections: skip })).changes.map((change) => change.message)

async function withHarness(dialect: 'sqlite' | 'postgresql' | 'mysql', work: (harness: Harness) => Promise<void>): Promise<void> {
  const harness = await createHarness(dialect)
  try {
    await work(harness)
  } finally {
    await harness.close()
  }
}

/** Brings the database to `models` with a generated revision. */
async function migrateTo(harness: Harness, models: unknown[]): Promise<void> {
  harness.models(models)
  await harness.migrate('models')
  await harness.upgrade()
}

/** MikroORM's own update SQL for the current models (what mig does not use). */
async function mikroOrmUpdateSql(harness: Harness): Promise<string> {
  const session = await openOrmSession(harness.config, harness.target, [harness.config.versionTable])
  try {
    return await session.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })
  } finally {
    await session.close()
  }
}

const library = () => {
  const Author = defineEntity({ name: 'Author', properties: { id: p.integer().primary(), name: p.string() } })
  const Book = defineEntity({ name: 'Book', properties: { id: p.integer().primary(), author: () => p.manyToOne(Author) } })
  return [Author, Book]
}

describe('on SQLite', () => {
  it('sqlite-foreign-keys: a table with a foreign key is not reported as dropping it', () =>
    withHarness('sqlite', async (harness) => {
      await migrateTo(harness, library())
      expect(await messages(harness, ['sqlite-foreign-keys'])).toEqual([
        "Detected removed foreign key (author_id)(id) on table 'book' referencing 'author'",
      ])
      expect(await messages(harness)).toEqual([])
    }))

  it('sqlite-foreign-keys: a foreign key on an existing column is added in one pass', () =>
    withHarness('sqlite', async (harness) => {
      const Author = defineEntity({ name: 'Author', properties: { id: p.integer().primary() } })
      await migrateTo(harness, [Author, defineEntity({ name: 'Book', properties: { id: p.integer().primary(), authorId: p.integer() } })])
      harness.models([Author, defineEntity({ name: 'Book', properties: { id: p.integer().primary(), author: () => p.manyToOne(Author) } })])
      // MikroORM's own SQL only creates the index: the key is skipped until the next diff.
      const sql = await mikroOrmUpdateSql(harness)
      expect(sql).toContain('create index')
      expect(sql).not.toMatch(/foreign key|references/)
      const result = await harness.migrate('key')
      expect(result.upgrades.join('\n')).toContain("await batch.createForeignKey('book_author_id_foreign', ['author_id'], 'author', ['id']")
      expect(result.upgrades.join('\n')).toContain('copyFrom')
      await harness.upgrade()
      expect(await harness.query(`select "table", "from", "to" from pragma_foreign_key_list('book')`)).toEqual([{ table: 'author', from: 'author_id', to: 'id' }])
      expect(await messages(harness, ['sqlite-foreign-keys'])).not.toEqual([])
      expect(await messages(harness)).toEqual([])
    }))

  it('sqlite-checks: a check constraint is read back, and added by copying the table', () =>
    withHarness('sqlite', async (harness) => {
      const before = () => [defineEntity({ name: 'Item', properties: { id: p.integer().primary(), qty: p.integer() } })]
      await migrateTo(harness, before())
      harness.models([defineEntity({ name: 'Item', properties: { id: p.integer().primary(), qty: p.integer() }, checks: [{ name: 'item_qty_check', expression: 'qty >= 0' }] })])
      // MikroORM writes `alter table ... add constraint`, which SQLite does not have.
      const sql = await mikroOrmUpdateSql(harness)
      expect(sql).toContain('alter table `item` add constraint item_qty_check check(qty >= 0)')
      copyFileSync(join(harness.project.dir, 'app.db'), join(harness.project.dir, 'copy.db'))
      const db = new Database(join(harness.project.dir, 'copy.db'))
      try {
        expect(() => db.exec(sql.replace(/drop table if exists `mig_version`;/, ''))).toThrow(/syntax error/)
      } finally {
        db.close()
      }
      await harness.migrate('check')
      await harness.upgrade()
      expect(await messages(harness, ['sqlite-checks'])).toEqual(["Detected added check constraint 'item_qty_check' on 'item'"])
      expect(await messages(harness)).toEqual([])
    }))

  it('enum-checks: an enum older revisions wrote as text and a named check is read as the enum, and a change converges', () =>
    withHarness('sqlite', async (harness) => {
      const item = (kinds: string[]) => [defineEntity({ name: 'Item', properties: { id: p.integer().primary(), kind: p.enum(kinds) } })]
      await harness.query(`create table "item" ("id" integer not null primary key autoincrement, "kind" text not null, constraint "item_kind_check" check (kind in ('a', 'b')))`)
      harness.models(item(['a', 'b']))
      expect(await messages(harness, ['enum-checks'])).toContain("Detected removed check constraint 'item_kind_check' on 'item'")
      expect(await messages(harness)).toEqual([])
      await migrateTo(harness, item(['a', 'b', 'c']))
      expect(await messages(harness)).toEqual([])
    }))

  it('sqlite-comments: comments, which SQLite does not keep, are not changes', () =>
    withHarness('sqlite', async (harness) => {
      await migrateTo(harness, [
        defineEntity({ name: 'Item', comment: 'things', properties: { id: p.integer().primary(), note: p.text().comment('free text') } }),
      ])
      expect(await messages(harness, ['sqlite-comments'])).toEqual(["Detected column comment 'item.note'", "Detected added table comment on 'item'"])
      expect(await messages(harness)).toEqual([])
    }))

  it('sqlite-boolean-defaults: a boolean default written 0, false or \'0\' converges in one pass', () =>
    withHarness('sqlite', async (harness) => {
      await migrateTo(harness, [
        defineEntity({ name: 'Item', properties: { id: p.integer().primary(), off: p.boolean().default(0 as never), on: p.boolean().default(1 as never) } }),
      ])
      expect(await messages(harness, ['sqlite-boolean-defaults'])).toEqual([
        "Detected server default on column 'item.off'",
        "Detected server default on column 'item.on'",
      ])
      expect(await messages(harness)).toEqual([])
      // A table an older MikroORM (knex) wrote, with the default quoted, and the model saying false.
      await harness.query(`create table "legacy" ("id" integer not null primary key autoincrement, "flag" integer not null default '0')`)
      harness.models([defineEntity({ name: 'Legacy', properties: { id: p.integer().primary(), flag: p.boolean().default(false) } })])
      expect(await messages(harness, ['sqlite-boolean-defaults'])).toContain("Detected server default on column 'legacy.flag'")
      expect(await messages(harness)).toEqual(["Detected removed table 'item'"])
    }))

  it('sqlite-default-expressions: an expression default, which SQLite reports without its parentheses, converges and survives a move-and-copy', () =>
    withHarness('sqlite', async (harness) => {
      const item = (note: 'nullable' | 'required') => defineEntity({
        name: 'Item',
        properties: { id: p.integer().primary(), token: p.string().defaultRaw('(lower(hex(randomblob(16))))'), note: note === 'nullable' ? p.string().nullable() : p.string() },
      })
      await migrateTo(harness, [item('nullable')])
      expect(await messages(harness, ['sqlite-default-expressions'])).toEqual(["Detected server default on column 'item.token'"])
      expect(await messages(harness)).toEqual([])
      // NOT NULL is a move-and-copy, which writes every column's default again.
      await harness.query(`insert into "item" ("note") values ('x')`)
      await migrateTo(harness, [item('required')])
      expect(await messages(harness)).toEqual([])
      expect(await harness.query('select length(token) as n from item')).toEqual([{ n: 32 }])
    }))

  it('sqlite-rowid-keys: a bigint autoincrement key, an integer on SQLite, is not a type change', () =>
    withHarness('sqlite', async (harness) => {
      await migrateTo(harness, [defineEntity({ name: 'Event', properties: { id: p.bigint().primary() } })])
      expect(await messages(harness, ['sqlite-rowid-keys'])).toEqual(["Detected type change from integer to bigint on 'event.id'"])
      expect(await messages(harness)).toEqual([])
    }))

  it('column-renames: a dropped and an added column with the same definition are not renamed', () =>
    withHarness('sqlite', async (harness) => {
      await migrateTo(harness, [defineEntity({ name: 'Item', properties: { id: p.integer().primary(), mail: p.string().nullable() } })])
      harness.models([defineEntity({ name: 'Item', properties: { id: p.integer().primary(), email: p.string().nullable() } })])
      const compare = async (skip: string[]) => {
        const session = await openOrmSession(harness.config, harness.target, ['mig_version'])
        try {
          const { diff, context } = await compareSchemas(session, { compareType: true, skipCorrections: skip })
          const item = diff.changedTables.item!
          return { renamed: Object.keys(item.renamedColumns), added: Object.keys(item.addedColumns), removed: Object.keys(item.removedColumns), hints: context.columnRenames }
        } finally {
          await session.close()
        }
      }
      expect(await compare(['column-renames'])).toEqual({ renamed: ['mail'], added: [], removed: [], hints: [] })
      expect(await compare([])).toEqual({ renamed: [], added: ['email'], removed: ['mail'], hints: [{ table: 'item', from: 'mail', to: 'email' }] })
    }))

  it('table-renames: a renamed table is a drop and a create, with a note offering renameTable', () =>
    withHarness('sqlite', async (harness) => {
      const scenario = SCENARIOS.find((candidate) => candidate.name === 'rename-table')!
      await migrateTo(harness, scenario.before())
      harness.models(scenario.after())
      const without = await harness.generate({ skipCorrections: ['table-renames'] })
      expect(without.upgrades.join('\n')).not.toContain('renameTable')
      const result = await harness.generate()
      expect(result.changes.map((change) => change.kind)).toEqual(['add_table', 'remove_table'])
      expect(result.upgrades.filter((line) => line.includes('renameTable'))).toEqual([
        "// mig: 'author' and the new table 'writer' have the same columns. If 'author' was renamed, replace createTable('writer') above and this dropTable with: await op.renameTable('author', 'writer') (keeps the rows)",
      ])
    }))
})

describe.each([
  { dialect: 'sqlite' as const, enabled: true, name: 'SQLite' },
  { dialect: 'postgresql' as const, enabled: Boolean(POSTGRES_URL), name: `PostgreSQL${SKIP_POSTGRES}` },
  { dialect: 'mysql' as const, enabled: Boolean(MYSQL_URL), name: `MariaDB${SKIP_MYSQL}` },
])('foreign-key-drops on $name', ({ dialect, enabled }) => {
  it.skipIf(!enabled)('a key pointing at a dropped table and repointed is dropped once', () =>
    withHarness(dialect, async (harness) => {
      const scenario = SCENARIOS.find((candidate) => candidate.name === 'repoint-foreign-key')!
      await migrateTo(harness, scenario.before())
      harness.models(scenario.after())
      const drops = (lines: string[]) => lines.filter((line) => line.includes("dropForeignKey('e2_parent_id_foreign')")).length
      const without = await harness.migrate('twice', { skipCorrections: ['foreign-key-drops'] })
      expect(drops(without.upgrades)).toBe(2)
      if (dialect === 'postgresql') await expect(harness.upgrade()).rejects.toThrow(/e2_parent_id_foreign/)
      expect(drops((await harness.generate()).upgrades)).toBe(1)
    }))
})

describe.each([
  { dialect: 'postgresql' as const, enabled: Boolean(POSTGRES_URL), name: `PostgreSQL${SKIP_POSTGRES}` },
  { dialect: 'mysql' as const, enabled: Boolean(MYSQL_URL), name: `MariaDB${SKIP_MYSQL}` },
])('numeric-defaults on $name', ({ dialect, enabled }) => {
  it.skipIf(!enabled)("a number default written as a string ('0.00') converges", () =>
    withHarness(dialect, async (harness) => {
      await migrateTo(harness, [defineEntity({ name: 'Price', properties: { id: p.integer().primary(), amount: p.decimal().precision(10).scale(2).default('0.00') } })])
      expect(await messages(harness, ['numeric-defaults'])).toEqual(["Detected server default on column 'price.amount'"])
      expect(await messages(harness)).toEqual([])
    }))
})

describe.skipIf(!POSTGRES_URL)(`on PostgreSQL${SKIP_POSTGRES}`, () => {
  it('foreign-key-indexes: the index SQLite revisions make for a foreign key is kept', () =>
    withHarness('postgresql', async (harness) => {
      await migrateTo(harness, library())
      await harness.query('create index "book_author_id_index" on "book" ("author_id")')
      expect(await messages(harness, ['foreign-key-indexes'])).toEqual(["Detected removed index 'book_author_id_index' on 'book'"])
      expect(await messages(harness)).toEqual([])
    }))

  it('a comment changed with the type is written with it (MikroORM leaves it to the next diff)', () =>
    withHarness('postgresql', async (harness) => {
      const scenario = SCENARIOS.find((candidate) => candidate.name === 'comment-with-type')!
      await migrateTo(harness, scenario.before())
      harness.models(scenario.after())
      const sql = await mikroOrmUpdateSql(harness)
      expect(sql).toContain('type text')
      expect(sql).not.toContain('comment on column')
      await harness.migrate('note')
      await harness.upgrade()
      expect(await messages(harness)).toEqual([])
    }))
})

describe.skipIf(!MYSQL_URL)(`on MariaDB${SKIP_MYSQL}`, () => {
  it("mariadb-introspection: defaults and json columns are read as MariaDB writes them", () =>
    withHarness('mysql', async (harness) => {
      await migrateTo(harness, [
        defineEntity({
          name: 'Item',
          properties: { id: p.integer().primary(), status: p.string().default('draft'), note: p.text().nullable(), data: p.json().nullable() },
        }),
      ])
      expect(await messages(harness, ['mariadb-introspection'])).toEqual([
        "Detected removed check constraint 'data' on 'item'",
        "Detected server default on column 'item.status'",
        "Detected removed server default on column 'item.note'",
        "Detected type change from longtext to json on 'item.data'",
      ])
      expect(await messages(harness)).toEqual([])
    }))
})
