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
  })
}
