import { defineEntity, p } from '@mikro-orm/core'
import { describe, expect, it } from 'vitest'
import { openOrmSession } from '../../src/autogenerate/orm.js'
import { fulltextIndexSql } from '../../src/operations/fulltext-index-sql.js'
import { createHarness, DIALECTS, type Harness } from './helpers/harness.js'

// The schema mig writes for a model is the one MikroORM's own schema generator writes for that
// dialect; each deliberate difference is asserted here as one.

async function withHarness(dialect: Harness['dialect'], work: (harness: Harness) => Promise<void>): Promise<void> {
  const harness = await createHarness(dialect)
  try {
    await work(harness)
  } finally {
    await harness.close()
  }
}

/** MikroORM's `create` SQL for the models, without the default schema PostgreSQL names. */
async function mikroOrmCreateSql(harness: Harness): Promise<string> {
  const session = await openOrmSession(harness.config, harness.target, [harness.config.versionTable])
  try {
    return (await session.orm.schema.getCreateSchemaSQL({ wrap: false })).replaceAll('"public".', '')
  } finally {
    await session.close()
  }
}

const post = () =>
  defineEntity({
    name: 'Post',
    properties: { id: p.integer().primary(), title: p.string(), body: p.text() },
    indexes: [{ properties: ['title'], type: 'fulltext' }, { properties: ['title', 'body'], type: 'fulltext', name: 'post_search' }],
  } as never)

const sample = () =>
  defineEntity({
    name: 'Sample',
    properties: {
      id: p.integer().primary(),
      handle: p.string().length(128),
      label: p.string(),
      body: p.text(),
      price: p.decimal().precision(12).scale(2),
      seenAt: p.datetime().length(3),
      at: p.datetime(),
      alarm: p.time().length(3),
      flag: p.boolean().default(false),
    },
  })

/** Each column's declared type, as the database keeps it. */
async function columnTypes(harness: Harness, table: string): Promise<Record<string, string>> {
  const sql = {
    sqlite: `select name, type from pragma_table_info('${table}')`,
    postgresql: `select column_name as name, format_type(atttypid, atttypmod) as type from information_schema.columns
      join pg_attribute on attrelid = '"${table}"'::regclass and attname = column_name where table_name = '${table}'`,
    mysql: `select column_name as name, column_type as type from information_schema.columns where table_schema = database() and table_name = '${table}'`,
  }[harness.dialect]
  const rows = await harness.query<{ name: string; type: string }>(sql)
  return Object.fromEntries(rows.map((row) => [row.name, row.type.toLowerCase()]))
}

// Where mig's SQLite types deliberately differ from MikroORM's: the declared length or precision
// (same affinity), which is what lets a comparison on SQLite see it change.
const SQLITE_DIFFERENCES = { handle: 'varchar(128)', label: 'varchar(255)', seen_at: 'datetime(3)' }

for (const { dialect, name, enabled } of DIALECTS) {
  describe.skipIf(!enabled)(`on ${name}`, () => {
    it('fulltext indexes are the ones MikroORM writes (SQLite: an empty index where MikroORM writes none)', () =>
      withHarness(dialect, async (harness) => {
        harness.models([post()])
        const sql = await mikroOrmCreateSql(harness)
        const ours = [fulltextIndexSql(dialect, 'post_title_index', 'post', ['title']), fulltextIndexSql(dialect, 'post_search', 'post', ['title', 'body'])]
        if (dialect === 'sqlite') {
          expect(sql).not.toContain('post_search')
          expect(ours).toEqual(['create index "post_title_index" on "post" ("title") where 0', 'create index "post_search" on "post" ("title", "body") where 0'])
        } else {
          for (const statement of ours) expect(sql).toContain(statement)
        }
      }))

    it('column types are the ones MikroORM writes, and a database MikroORM created compares clean', () =>
      withHarness(dialect, async (harness) => {
        harness.models([sample()])
        await harness.migrate('sample')
        await harness.upgrade()
        const ours = await columnTypes(harness, 'sample')
        await harness.query('drop table "sample"')
        const session = await openOrmSession(harness.config, harness.target, [harness.config.versionTable])
        try {
          await session.orm.schema.updateSchema({ safe: true })
        } finally {
          await session.close()
        }
        const theirs = await columnTypes(harness, 'sample')
        expect(ours).toEqual(dialect === 'sqlite' ? { ...theirs, ...SQLITE_DIFFERENCES } : theirs)
        if (dialect === 'sqlite') expect(Object.keys(SQLITE_DIFFERENCES).map((column) => theirs[column])).toEqual(['text', 'text', 'datetime'])
        expect((await harness.generate()).changes).toEqual([])
      }))
  })
}
