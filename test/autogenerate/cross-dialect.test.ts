import { defineEntity, p } from '@mikro-orm/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, DIALECTS, type Harness } from './helpers/harness.js'

// One set of revisions, generated on SQLite, must bring PostgreSQL and MariaDB to the same
// models: the operations are dialect-neutral. (What SQLite cannot see, it cannot generate:
// varchar lengths, comments and integer widths stay the same between v1 and v2.)

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
      score: p.decimal().precision(8).scale(2).nullable(),
      nickname: p.string().nullable(),
    },
    checks: [{ name: 'author_score_check', expression: 'score >= 0' }],
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
  await source.migrate('v2')
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
