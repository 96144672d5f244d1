import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOperations, type Operations } from '../../src/operations/index.js'
import { BACKENDS, uniqueName, type TestDatabase } from './helpers/databases.js'
import { recordingExecutor, sqlFor } from './helpers/recording.js'

describe('table comments', () => {
  it('are set and removed per dialect, and are nothing on SQLite (which keeps no comments)', async () => {
    expect(await sqlFor(async (op) => {
      await op.createTableComment('author', "people who write (the author's table)")
      await op.dropTableComment('author')
    })).toEqual({
      sqlite: [],
      postgresql: [`comment on table "author" is 'people who write (the author''s table)'`, 'comment on table "author" is null'],
      // MySQL/MariaDB have no "no comment": an empty one is what a table without a comment has.
      mysql: ["alter table `author` comment = 'people who write (the author''s table)'", "alter table `author` comment = ''"],
    })
  })

  it('write the same SQL with or without existingComment, which only records what a downgrade restores', async () => {
    const withExisting = await sqlFor(async (op) => {
      await op.createTableComment('author', 'people who write', { existingComment: 'writers' })
      await op.dropTableComment('author', { existingComment: 'people who write' })
    })
    const without = await sqlFor(async (op) => {
      await op.createTableComment('author', 'people who write')
      await op.dropTableComment('author')
    })
    expect(withExisting).toEqual(without)
  })

  it('are plain statements inside a batch on PostgreSQL and MySQL/MariaDB', async () => {
    const sql = await sqlFor((op) =>
      op.batchAlterTable('author', (batch) => {
        batch.addColumn({ name: 'bio', type: 'text' })
        batch.createTableComment('people who write', { existingComment: 'writers' })
      }),
    )
    expect(sql.postgresql).toEqual(['alter table "author" add column "bio" text null', `comment on table "author" is 'people who write'`])
    expect(sql.mysql).toEqual(['alter table `author` add column `bio` text null', "alter table `author` comment = 'people who write'"])
    expect(sql.sqlite).toEqual(['alter table "author" add column "bio" text null'])
  })

  it('are accepted in an SQLite batch that copies the table, and change nothing in the copy', async () => {
    const copyFrom = { columns: [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'string' }] } as const
    const batch = (comment: boolean) => async (op: Operations) =>
      op.batchAlterTable('item', (batch) => {
        batch.alterColumn('qty', { type: 'integer' })
        if (comment) batch.dropTableComment({ existingComment: 'things' })
      }, { copyFrom })
    const withComment = await sqlFor(batch(true))
    expect(withComment.sqlite).toEqual((await sqlFor(batch(false))).sqlite)
    expect(withComment.sqlite[0]).toMatch(/^create table "_mig_tmp_item"/)
  })

  it('check their arguments before writing anything, on SQLite too', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const executor = recordingExecutor(dialect)
      const op = createOperations(executor)
      await expect(op.createTableComment('author', 42 as never)).rejects.toThrow("op.createTableComment('author'): give the comment as a string")
      // Alembic's positional existing_comment, which would otherwise be ignored.
      await expect(op.dropTableComment('author', 'writers' as never)).rejects.toThrow('the options are an object')
      await expect(op.createTableComment('author', 'x', { existingComment: 1 as never })).rejects.toThrow('existingComment must be a string')
      await expect(op.dropTableComment('')).rejects.toThrow('table name must be a non-empty string')
      await expect(op.batchAlterTable('author', (batch) => batch.createTableComment(null as never))).rejects.toMatchObject({ code: 'BAD_OPERATION' })
      expect(executor.statements).toEqual([])
    }
  })
})

// The comments the statements leave, read from each database's catalog ('' for none).
async function commentOf(db: TestDatabase, table: string): Promise<string> {
  const { executor } = db
  switch (executor.dialect) {
    case 'sqlite':
      return ''
    case 'postgresql': {
      const [row] = await executor.query<{ comment: string | null }>(`select obj_description($1::regclass, 'pg_class') as comment`, [`"${table}"`])
      return row?.comment ?? ''
    }
    case 'mysql': {
      const sql = 'select table_comment as comment from information_schema.tables where table_schema = database() and table_name = ?'
      const [row] = await executor.query<{ comment: string }>(sql, [table])
      return row?.comment ?? ''
    }
  }
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.url)(`table comments on ${backend.name}`, () => {
    let db: TestDatabase
    let op: Operations
    const table = uniqueName('commented')
    const comment = "it's a \\ back; slash -- größe ✓"

    beforeAll(async () => {
      db = await backend.open()
      op = createOperations(db.executor)
      await op.createTable(table, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'string' }])
    })
    afterAll(async () => {
      await db?.close([table])
    })

    it('sets, replaces and removes the comment', async () => {
      const expected = (text: string) => (db.executor.dialect === 'sqlite' ? '' : text)
      await op.createTableComment(table, comment)
      expect(await commentOf(db, table)).toBe(expected(comment))
      await op.createTableComment(table, 'people who write', { existingComment: comment })
      expect(await commentOf(db, table)).toBe(expected('people who write'))
      await op.dropTableComment(table, { existingComment: 'people who write' })
      expect(await commentOf(db, table)).toBe('')
    })

    it('runs inside a batch (on SQLite, one that reads the live table and copies it)', async () => {
      await op.batchAlterTable(table, (batch) => {
        batch.alterColumn('qty', { type: 'integer', existing: { name: 'qty', type: 'string' } })
        batch.createTableComment('counted things')
      })
      expect(await commentOf(db, table)).toBe(db.executor.dialect === 'sqlite' ? '' : 'counted things')
      expect(await db.columnNames(table)).toEqual(['id', 'qty'])
    })
  })
}
