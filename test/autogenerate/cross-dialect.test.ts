import { defineEntity, p } from '@mikro-orm/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, DIALECTS, type Harness } from './helpers/harness.js'

// One set of revisions, generated on SQLite, must bring PostgreSQL and MariaDB to the same
// models: the operations are dialect-neutral. SQLite keeps the declared type text, so lengths,
// precisions, string → text and fulltext indexes change between v1 and v2 too. (What SQLite
// cannot see, it cannot generate: comments and integer widths stay the same.)

const v1 = () => {
  const Author = defineEntity({
    name: 'Author',
    properties: {
      id: p.integer().primary(),
      name: p.string(),
      email: p.string().unique(),
      bio: p.text().nullable(),
      active: p.boolean().default(true),
      kind: p.enum(['person', 'company']).default('person'),
      born: p.date().nullable(),
      score: p.decimal().precision(8).scale(2).nullable(),
      legacy: p.integer().nullable(),
      handle: p.string().length(128),
      motto: p.string().length(50).nullable(),
      seenAt: p.datetime().length(3).nullable(),
    },
  })
  const Book = defineEntity({
    name: 'Book',
    properties: {
      id: p.integer().primary(),
      title: p.string().index(),
      author: () => p.manyToOne(Author),
      price: p.double().nullable(),
      data: p.json().nullable(),
      uid: p.uuid().nullable(),
      createdAt: p.datetime().defaultRaw('CURRENT_TIMESTAMP'),
      pages: p.smallint().nullable(),
      big: p.bigint().nullable(),
    },
  })
  return { Author, Book }
}

const v2 = () => {
  const Author = defineEntity({
    name: 'Author',
    properties: {
      id: p.integer().primary(),
      name: p.string().index(),
      email: p.string().unique(),
      bio: p.text().nullable(),
      active: p.boolean().default(false),
      kind: p.enum(['person', 'company', 'collective']).default('person'),
      born: p.date().nullable(),
      score: p.decimal().precision(12).scale(3).nullable(),
      nickname: p.string().nullable(),
      handle: p.string().length(256),
      motto: p.text().nullable(),
      seenAt: p.datetime().length(6).nullable(),
    },
    checks: [{ name: 'author_score_check', expression: 'score >= 0' }],
    indexes: [{ properties: ['bio'], type: 'fulltext' }],
  })
  const Publisher = defineEntity({ name: 'Publisher', properties: { id: p.integer().primary(), name: p.string().unique() } })
  const Book = defineEntity({
    name: 'Book',
    properties: {
      id: p.integer().primary(),
      title: p.string().index(),
      author: () => p.manyToOne(Author),
      publisher: () => p.manyToOne(Publisher).nullable(),
      price: p.double().nullable(),
      data: p.json().nullable(),
      uid: p.uuid().nullable(),
      createdAt: p.datetime().defaultRaw('CURRENT_TIMESTAMP'),
      pages: p.smallint().nullable(),
      big: p.bigint().nullable(),
    },
  })
  return { Author, Book, Publisher }
}

let source: Harness
let revisions: Record<string, string> = {}

beforeAll(async () => {
  source = await createHarness('sqlite')
  source.models(Object.values(v1()))
  await source.migrate('v1')
  await source.upgrade()
  source.models(Object.values(v2()))
  const v2Changes = (await source.migrate('v2')).changes.map((change) => change.message)
  expect(v2Changes).toEqual(expect.arrayContaining([
    "Detected type change from varchar(128) to varchar(256) on 'author.handle'",
    "Detected type change from varchar(50) to text on 'author.motto'",
    "Detected type change from datetime(3) to datetime(6) on 'author.seen_at'",
    "Detected type change from numeric(8,2) to numeric(12,3) on 'author.score'",
    "Detected added index 'author_bio_index' on 'author' ['bio']",
  ]))
  await source.upgrade()
  expect((await source.generate()).changes).toEqual([])
  revisions = Object.fromEntries(
    source.project.list('migrations/versions').filter((file) => file.endsWith('.ts')).map((file) => [file, source.project.read(`migrations/versions/${file}`)]),
  )
  expect(Object.keys(revisions)).toHaveLength(2)
})

afterAll(() => source?.close())

for (const { dialect, name, enabled } of DIALECTS.filter((entry) => entry.dialect !== 'sqlite')) {
  describe.skipIf(!enabled)(`revisions generated on SQLite, run on ${name}`, () => {
    it('bring the database to the models, and back', async () => {
      const target = await createHarness(dialect)
      try {
        for (const [file, text] of Object.entries(revisions)) target.project.write(`migrations/versions/${file}`, text)
        await target.upgrade()
        target.models(Object.values(v2()))
        expect((await target.generate()).changes).toEqual([])

        await target.downgrade()
        target.models(Object.values(v1()))
        expect((await target.generate()).changes).toEqual([])

        await target.downgrade('base')
        target.models([])
        expect((await target.generate()).changes).toEqual([])
      } finally {
        await target.close()
      }
    })
  })
}
