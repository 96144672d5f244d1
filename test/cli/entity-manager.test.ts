import { defineEntity, p } from '@mikro-orm/core'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseDatabaseUrl } from '../../src/config/database-url.js'
import { connect } from '../../src/runtime/connection.js'
import { RevisionOrms } from '../../src/runtime/revision-orm.js'
import { DATABASE_TARGETS } from '../helpers/databases.js'
import { createProject, type TempProject } from '../helpers/project.js'

let project: TempProject | undefined
afterEach(() => project?.remove())

const MODELS = `import { defineEntity, p } from '@mikro-orm/core'

export const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: {
    id: p.integer().primary(),
    title: p.string().length(100),
    createdAt: p.datetime().nullable(),
  },
})
`

const ORM = "  orm: async () => ({ entities: [(await import('./models.ts')).Note] }),\n"

function revision(id: string, down: string | null, upgradeBody: string, extra = ''): string {
  return `import { defineEntity, p } from '@mikro-orm/core'
import type { SqlEntityManager } from '@mikro-orm/knex'
import type { MigrationContext } from 'mig'
import { Note } from '../../models.ts'
${extra}
export const revision = '${id}'
export const downRevision = ${down ? `'${down}'` : 'null'}
export const branchLabels = null
export const dependsOn = null
export const message = '${id}'

export async function upgrade({ op, em }: MigrationContext): Promise<void> {
${upgradeBody}
}

export async function downgrade({ op }: MigrationContext): Promise<void> {}
`
}

// A revision-local entity: what the table looked like when the revision was written.
const FROZEN = `const FrozenNote = defineEntity({
  name: 'FrozenNote',
  tableName: 'note',
  properties: { id: p.integer().primary(), title: p.string() },
})
`

const CREATE_AND_FILL = `  await op.createTable('note', [
    { name: 'id', type: 'integer', primary: true, autoincrement: true },
    { name: 'title', type: 'string', length: 100, nullable: false },
    { name: 'created_at', type: 'datetime', nullable: true },
  ])
  const writer = await em()
  writer.create(Note, { title: 'first', createdAt: new Date('2026-01-02T03:04:05Z') })
  await writer.flush()
  // A fresh fork reads what the step has written, with MikroORM's own type handling.
  const [first] = await (await em()).find(Note, { title: 'first' })
  const reader = await em()
  reader.create(Note, { title: 'read ' + first!.createdAt!.toISOString() })
  await reader.flush()
  const frozen = await em({ entities: [FrozenNote] })
  frozen.create(FrozenNote, { title: 'frozen' })
  await frozen.flush()
  // A failed inner transaction rolls back only its own writes.
  const outer = await em()
  await outer.transactional(async (inner) => {
    inner.create(Note, { title: 'kept' })
    await inner.transactional(async (nested) => {
      nested.create(Note, { title: 'undone' })
      await nested.flush()
      throw new Error('undo this one')
    }).catch(() => {})
  })
  // The SQL entity manager: query builder, and a knex query run through em.execute.
  const sql = await em<SqlEntityManager>()
  const rows = await sql.createQueryBuilder(Note).count()
  await sql.execute(sql.getKnex().insert({ title: 'knex ' + rows }).into('note'))
  // Subscribers hear of the entity manager's transactions as in an application.
  let commits = 0
  const evented = await em()
  evented.getEventManager().registerSubscriber({ afterTransactionCommit: async () => void commits++ })
  evented.create(Note, { title: 'evented' })
  await evented.flush()
  evented.create(Note, { title: 'commits heard: ' + commits })
  await evented.flush()`

for (const target of DATABASE_TARGETS) {
  describe.skipIf(!target.enabled)(`em() in revisions on ${target.name}`, () => {
    it('reads and writes through MikroORM inside the step, sharing its transaction', async () => {
      const db = await target.open(() => project!.dir, ORM)
      try {
        project = createProject(db.config)
        project.write('models.ts', MODELS)
        await project.mig(['init'])
        project.write('migrations/versions/a_notes.ts', revision('a', null, CREATE_AND_FILL, FROZEN))
        const up = await project.mig(['upgrade'])
        expect(up.stderr).toBe('Running upgrade  -> a, a\n')
        expect(up.code).toBe(0)
        expect((await db.query('select title from note order by id')).map((row) => row.title)).toEqual([
          'first',
          'read 2026-01-02T03:04:05.000Z',
          'frozen',
          'kept',
          'knex 4',
          'evented',
          'commits heard: 1',
        ])

        // A revision that flushes and then fails leaves nothing behind, on every dialect (no DDL here).
        project.write('migrations/versions/b_fails.ts', revision('b', 'a', `  const writer = await em()
  writer.create(Note, { title: 'lost' })
  await writer.flush()
  throw new Error('data check failed')`))
        const failed = await project.mig(['upgrade'])
        expect(failed.code).toBe(1)
        expect(failed.stderr).toContain('Error: upgrade of revision b (migrations/versions/b_fails.ts) failed')
        expect(failed.stderr).toContain('data check failed')
        expect(await db.query("select title from note where title = 'lost'")).toEqual([])
        expect(await db.query('select version_num from mig_version')).toEqual([{ version_num: 'a' }])
      } finally {
        await db.drop()
      }
    })
  })
}

describe('em() in revisions', () => {
  it('is refused under --sql with a one-line error naming the revision', async () => {
    project = createProject(`import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: 'sqlite:app.db',\n${ORM}})\n`)
    project.write('models.ts', MODELS)
    await project.mig(['init'])
    project.write('migrations/versions/a_notes.ts', revision('a', null, CREATE_AND_FILL, FROZEN))
    const result = await project.mig(['upgrade', '--sql'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: .*em\(\) needs a database connection and is not available under --sql \(revision a, migrations\/versions\/a_notes\.ts\)/m)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('asks for the orm option when the project has no MikroORM options', async () => {
    project = createProject(`import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'sqlite:app.db' })\n`)
    project.write('models.ts', MODELS)
    await project.mig(['init'])
    project.write('migrations/versions/a_notes.ts', revision('a', null, CREATE_AND_FILL, FROZEN))
    const result = await project.mig(['upgrade'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: upgrade of revision a .*em\(\) needs the models: set 'orm'/m)
  })
})

describe('the MikroORM instances of a run', () => {
  it('are one per connection and set of entities, even when each call builds a new array', async () => {
    project = createProject()
    const connection = await connect(parseDatabaseUrl(`sqlite:${join(project.dir, 'app.db')}`, project.dir), project.dir)
    const orms = new RevisionOrms(project.dir, () => undefined)
    try {
      const Thing = defineEntity({ name: 'Thing', properties: { id: p.integer().primary() } })
      const Other = defineEntity({ name: 'Other', properties: { id: p.integer().primary() } })
      const first = await orms.entityManager(connection, 'default', { entities: [Thing] })
      const again = await orms.entityManager(connection, 'default', { entities: [Thing] })
      const other = await orms.entityManager(connection, 'default', { entities: [Other] })
      expect(again).not.toBe(first)
      expect(again.getMetadata()).toBe(first.getMetadata())
      expect(other.getMetadata()).not.toBe(first.getMetadata())
    } finally {
      await orms.close()
      await connection.close()
    }
  })
})
