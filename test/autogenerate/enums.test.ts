import { defineEntity, p } from '@mikro-orm/core'
import { describe, expect, it } from 'vitest'
import { parseEnumCheck } from '../../src/autogenerate/corrections/enum-checks.js'
import { parseEnumType } from '../../src/autogenerate/corrections/mysql-enums.js'
import { openOrmSession } from '../../src/autogenerate/orm.js'
import type { Dialect } from '../../src/operations/types.js'
import { createHarness, DIALECTS, type Harness } from './helpers/harness.js'
import { runScenario, type Scenario } from './helpers/scenario.js'

// Enums and foreign-key rules are written as MikroORM's own schema generator writes them on
// each dialect: a numeric enum is a small integer (no check), a string enum a native
// `enum(...)` on MariaDB and text with an inline check elsewhere, `no action` rules are kept.

// A numeric TS enum, as `@Enum(() => Level)` users write it.
enum Level { Low = 1, Mid = 2, High = 3 }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const author = (properties: Record<string, unknown> = {}) => defineEntity({ name: 'Author', properties: { id: p.integer().primary(), name: p.string().length(100), ...properties } } as any)
const parent = () => defineEntity({ name: 'Parent', properties: { id: p.integer().primary() } })

// The column's SQL type as the catalog has it.
async function columnType(harness: Harness, table: string, column: string): Promise<string> {
  const sql = {
    sqlite: `select type from pragma_table_info('${table}') where name = '${column}'`,
    postgresql: `select data_type as type from information_schema.columns where table_name = '${table}' and column_name = '${column}'`,
    mysql: `select column_type as type from information_schema.columns where table_schema = database() and table_name = '${table}' and column_name = '${column}'`,
  }[harness.dialect]
  const [row] = await harness.query<{ type: string }>(sql)
  return row!.type.toLowerCase()
}

const MIKRO_ORM_TYPES: Record<Dialect, { level: string; kind: string }> = {
  sqlite: { level: 'integer', kind: 'text' },
  postgresql: { level: 'smallint', kind: 'text' },
  mysql: { level: 'tinyint(4)', kind: "enum('a','b')" },
}

export const ENUM_SCENARIOS: Scenario[] = [
  {
    name: 'numeric-enum',
    before: () => [author()],
    after: () => [author({ level: p.enum([1, 2, 3]).default(2), rank: p.enum(() => Level).nullable() })],
    seed: { author: [{ id: 1, name: 'Ada' }] },
    messages: () => ["Detected added column 'author.level'", "Detected added column 'author.rank'"],
    rendered: (result) => {
      expect(result.upgrades.join('\n')).toContain("{ name: 'level', type: 'tinyint', nullable: false, default: 2 }")
      expect(result.upgrades.join('\n')).not.toContain('check')
    },
    afterUpgrade: async (harness) => {
      expect(await columnType(harness, 'author', 'level')).toBe(MIKRO_ORM_TYPES[harness.dialect].level)
      expect(await harness.query('select "level" from "author"')).toEqual([{ level: 2 }])
    },
  },
  {
    name: 'string-enum',
    before: () => [author()],
    after: () => [author({ kind: p.enum(['a', 'b']).default('a') })],
    seed: { author: [{ id: 1, name: 'Ada' }] },
    messages: () => ["Detected added column 'author.kind'"],
    afterUpgrade: async (harness) => {
      expect(await columnType(harness, 'author', 'kind')).toBe(MIKRO_ORM_TYPES[harness.dialect].kind)
      await expect(harness.query(`insert into "author" ("id", "name", "kind") values (2, 'Bob', 'z')`)).rejects.toThrow()
    },
  },
  {
    name: 'one-value-enum',
    before: () => [author()],
    after: () => [author({ only: p.enum(['a']).default('a') })],
    seed: { author: [{ id: 1, name: 'Ada' }] },
    messages: () => ["Detected added column 'author.only'"],
    afterUpgrade: async (harness) => {
      await expect(harness.query(`insert into "author" ("id", "name", "only") values (2, 'Bob', 'b')`)).rejects.toThrow()
    },
  },
  {
    name: 'no-action-rules',
    before: () => [parent(), defineEntity({ name: 'Child', properties: { id: p.integer().primary() } })],
    after: () => {
      const Parent = parent()
      return [Parent, defineEntity({
        name: 'Child',
        properties: { id: p.integer().primary(), parent: () => p.manyToOne(Parent).nullable().updateRule('no action').deleteRule('no action') },
      })]
    },
    messages: (dialect) => [
      "Detected added foreign key (parent_id)(id) on table 'child' referencing 'parent'",
      ...(dialect === 'postgresql' ? [] : ["Detected added index 'child_parent_id_index' on 'child' ['parent_id']"]),
      "Detected added column 'child.parent_id'",
    ],
    rendered: (result) => expect(result.upgrades.join('\n')).toContain("onDelete: 'no action', onUpdate: 'no action'"),
    afterUpgrade: async (harness) => {
      // Only MariaDB tells an explicit NO ACTION from its default (RESTRICT).
      if (harness.dialect !== 'mysql') return
      expect(await harness.query(`select update_rule, delete_rule from information_schema.referential_constraints where constraint_schema = database()`))
        .toEqual([{ update_rule: 'NO ACTION', delete_rule: 'NO ACTION' }])
    },
  },
]

/** The models' schema, as MikroORM's own generator would still change it (empty: the same). */
async function mikroOrmUpdateSql(harness: Harness): Promise<string> {
  const session = await openOrmSession(harness.config, harness.target, [harness.config.versionTable])
  try {
    const sql = await session.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })
    // MariaDB's string defaults are MikroORM's own misreading (see corrections/mariadb.ts).
    return sql.split('\n').filter((line) => line.trim() && !/mig_version/.test(line) && !/ default '/.test(line)).join('\n')
  } finally {
    await session.close()
  }
}

async function withHarness(dialect: Dialect, work: (harness: Harness) => Promise<void>): Promise<void> {
  const harness = await createHarness(dialect)
  try {
    await work(harness)
  } finally {
    await harness.close()
  }
}

for (const { dialect, name, enabled } of DIALECTS) {
  describe.skipIf(!enabled)(`enums and key rules as MikroORM writes them, on ${name}`, () => {
    for (const scenario of ENUM_SCENARIOS) it(`round trip: ${scenario.name}`, () => runScenario(scenario, dialect))

    it('leaves nothing for MikroORM to change', () =>
      withHarness(dialect, async (harness) => {
        const Parent = parent()
        harness.models([Parent, author({
          // (No quote in an item, nor a nullable enum: MikroORM misreads both on MariaDB.)
          level: p.enum(() => Level), kind: p.enum(['a', 'b']), only: p.enum(['x']),
          parent: () => p.manyToOne(Parent).nullable().updateRule('no action').deleteRule('no action'),
        })])
        await harness.migrate('models')
        await harness.upgrade()
        expect((await harness.generate()).changes).toEqual([])
        expect(await mikroOrmUpdateSql(harness)).toBe('')
      }))

    it('numeric enum values come back as numbers, and compare with numbers', () =>
      withHarness(dialect, async (harness) => {
        const Thing = defineEntity({ name: 'Thing', properties: { id: p.integer().primary(), level: p.enum(() => Level) } })
        harness.models([Thing])
        await harness.migrate('thing')
        await harness.upgrade()
        const session = await openOrmSession(harness.config, harness.target, [harness.config.versionTable])
        try {
          const em = session.orm.em.fork()
          em.create(Thing, { level: Level.Mid })
          em.create(Thing, { level: Level.High })
          await em.flush()
          const found = await session.orm.em.fork().find(Thing, {}, { orderBy: { id: 'asc' } })
          expect(found.map((thing) => thing.level)).toEqual([2, 3])
          expect(typeof found[0]!.level).toBe('number')
          expect(await session.orm.em.fork().count(Thing, { level: 2 })).toBe(1)
        } finally {
          await session.close()
        }
      }))

    it('check sees a numeric enum stored as text', () =>
      withHarness(dialect, async (harness) => {
        harness.models([defineEntity({ name: 'Thing', properties: { id: p.integer().primary(), level: p.text() } })])
        await harness.migrate('text')
        await harness.upgrade()
        harness.models([defineEntity({ name: 'Thing', properties: { id: p.integer().primary(), level: p.enum([1, 2, 3]) } })])
        const changes = (await harness.generate()).changes.map((change) => change.message)
        expect(changes).toEqual([`Detected type change from text to ${{ sqlite: 'integer', postgresql: 'smallint', mysql: 'tinyint' }[dialect]} on 'thing.level'`])
      }))

    it('a string enum of a database MikroORM created stays native when its items change', () =>
      withHarness(dialect, async (harness) => {
        const models = (items: string[]) => [defineEntity({ name: 'Thing', properties: { id: p.integer().primary(), kind: p.enum(items) } })]
        harness.models(models(['a', 'b']))
        const session = await openOrmSession(harness.config, harness.target, [harness.config.versionTable])
        try {
          await session.orm.getSchemaGenerator().createSchema()
        } finally {
          await session.close()
        }
        expect((await harness.generate()).changes).toEqual([])
        harness.models(models(['a', 'b', 'c']))
        const result = await harness.migrate('items')
        expect(result.changes.map((change) => change.message)).toEqual(["Detected enum change from ['a', 'b'] to ['a', 'b', 'c'] on 'thing.kind'"])
        await harness.upgrade()
        expect(await columnType(harness, 'thing', 'kind')).toBe(dialect === 'mysql' ? "enum('a','b','c')" : 'text')
        expect((await harness.generate()).changes).toEqual([])
        // MikroORM never converges on a changed SQLite enum itself (NOTES-mikro-orm.md §3).
        if (dialect !== 'sqlite') expect(await mikroOrmUpdateSql(harness)).toBe('')
      }))

    it('an enum older revisions wrote as text plus a named check converges', () =>
      withHarness(dialect, async (harness) => {
        // What mig wrote before enums were native: a text column and a named check (MariaDB
        // keeps a one-value list as `only` = 'a').
        await harness.query(`create table "thing" ("id" integer primary key, "kind" text not null, "only" text not null,
          constraint "thing_kind_check" check (kind in ('a', 'b')), constraint "thing_only_check" check ("only" in ('a')))`)
        const models = (items: string[]) => [defineEntity({ name: 'Thing', properties: { id: p.integer().primary().autoincrement(false), kind: p.enum(items), only: p.enum(['a']) } })]
        harness.models(models(['a', 'b', 'c']))
        await harness.migrate('items')
        await harness.upgrade()
        expect((await harness.generate()).changes).toEqual([])
      }))
  })
}

describe('reading enum items', () => {
  it('reads the one-value check MariaDB makes of `in (...)`', () => {
    expect(parseEnumCheck("`only` = 'a'", true)).toEqual({ column: 'only', items: ['a'] })
    expect(parseEnumCheck("`only` = 'a' or `only` = 'b'", true)).toBeUndefined()
  })

  it("reads a MySQL enum type's items, quotes and commas included", () => {
    expect(parseEnumType("enum('a','it''s','x,y')")).toEqual(['a', "it's", 'x,y'])
    expect(parseEnumType('text')).toBeUndefined()
  })
})
