import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOperations, type ColumnSpec, type Operations } from '../../src/operations/index.js'
import { MYSQL_URL, POSTGRES_URL, openMysql, openPostgres, openSqlite, uniqueName, type TestDatabase } from './helpers/databases.js'

// The new operations run for real on every database that is available: SQLite always,
// PostgreSQL and MariaDB/MySQL when MIG_TEST_POSTGRES_URL / MIG_TEST_MYSQL_URL are set. (SQLite's
// move-and-copy of parent tables, which needs foreign keys off, has its own tests.)
const backends = [
  { name: 'SQLite', url: 'always', open: openSqlite },
  { name: 'PostgreSQL', url: POSTGRES_URL, open: () => openPostgres(POSTGRES_URL!) },
  { name: 'MariaDB/MySQL', url: MYSQL_URL, open: () => openMysql(MYSQL_URL!) },
]

for (const backend of backends) {
  describe.skipIf(!backend.url)(`alter operations on ${backend.name}`, () => {
    let db: TestDatabase
    let op: Operations
    const tables: string[] = []
    const table = (prefix: string) => {
      const name = uniqueName(prefix)
      tables.push(name)
      return name
    }
    const q = (name: string) => (db.executor.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const insert = (t: string, sql: string) => op.execute(`insert into ${q(t)} ${sql}`)

    beforeAll(async () => {
      db = await backend.open()
      op = createOperations(db.executor)
    })
    afterAll(async () => {
      await db?.close([...tables].reverse())
    })

    it("changes a string column to integer, '42' becoming 42", async () => {
      const t = table('conv')
      const code: ColumnSpec = { name: 'code', type: 'string', length: 20 }
      await op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, code])
      await op.bulkInsert(t, [{ code: '42' }, { code: null }])
      await op.alterColumn(t, 'code', { type: 'integer', existing: code })
      const rows = await db.rows(t, 'id')
      expect(rows.map((row) => row.code)).toEqual([42, null])
    })

    it('makes a column NOT NULL, filling NULLs with the new default; then drops the default and renames it', async () => {
      const t = table('fill')
      const rank: ColumnSpec = { name: 'rank', type: 'integer' }
      await op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, rank])
      await op.bulkInsert(t, [{ rank: 1 }, { rank: null }])
      await op.alterColumn(t, 'rank', { nullable: false, default: 7, existing: rank })
      await insert(t, '(id) values (3)')
      expect((await db.rows(t, 'id')).map((row) => row.rank)).toEqual([1, 7, 7])
      await expect(insert(t, '(id, rank) values (4, null)')).rejects.toThrow()

      await op.alterColumn(t, 'rank', { nullable: true, default: null, newName: 'level', existing: { ...rank, nullable: false, default: 7 } })
      await insert(t, '(id) values (5)')
      expect(await db.columnNames(t)).toEqual(['id', 'level'])
      expect((await db.rows(t, 'id')).map((row) => row.level)).toEqual([1, 7, 7, null])
    })

    it('changes a column written without existing, keeping its type, default and comment', async () => {
      const t = table('bare')
      await op.createTable(t, [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'status', type: 'string', length: 20, nullable: false, default: 'draft', comment: 'publication state' },
        { name: 'created', type: 'datetime', nullable: false, defaultRaw: 'current_timestamp' },
      ])
      await op.alterColumn(t, 'status', { nullable: true })
      await op.alterColumn(t, 'created', { nullable: true })
      await insert(t, '(id) values (1)')
      await insert(t, '(id, status) values (2, null)')
      const rows = await db.rows(t, 'id')
      expect(rows.map((row) => row.status)).toEqual(['draft', null])
      expect(rows[0]!.created).not.toBeNull()
      // Still varchar(20): a longer value does not fit (SQLite does not enforce lengths).
      if (db.executor.dialect !== 'sqlite') await expect(insert(t, `(id, status) values (3, '${'x'.repeat(30)}')`)).rejects.toThrow()
      if (db.executor.dialect === 'mysql') {
        const [column] = await db.executor.query<{ comment: string }>(
          'select column_comment as comment from information_schema.columns where table_schema = database() and table_name = ? and column_name = ?',
          [t, 'status'],
        )
        expect(column!.comment).toBe('publication state')
      }
    })

    it('creates and drops a unique constraint', async () => {
      const t = table('uq')
      await op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'email', type: 'string', length: 50 }])
      await op.createUnique(`${t}_email_unique`, t, ['email'])
      await op.bulkInsert(t, [{ email: 'a' }])
      await expect(op.bulkInsert(t, [{ email: 'a' }])).rejects.toThrow()
      await op.dropUnique(`${t}_email_unique`, t)
      await op.bulkInsert(t, [{ email: 'a' }])
      expect(await db.rows(t, 'id')).toHaveLength(2)
    })

    it('creates and drops a check constraint (an enum)', async () => {
      const t = table('chk')
      await op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'status', type: 'string', length: 10 }])
      await op.bulkInsert(t, [{ status: 'draft' }])
      await op.createCheck(`${t}_status_check`, t, "status in ('draft', 'live')")
      await expect(op.bulkInsert(t, [{ status: 'gone' }])).rejects.toThrow()
      await op.dropCheck(`${t}_status_check`, t)
      await op.bulkInsert(t, [{ status: 'gone' }])
      expect((await db.rows(t, 'id')).map((row) => row.status)).toEqual(['draft', 'gone'])
    })

    it('adds a foreign key to an existing column and drops it again', async () => {
      const parent = table('parent')
      const child = table('child')
      await op.createTable(parent, [{ name: 'id', type: 'integer', autoincrement: true }])
      // unsigned: MySQL needs both sides of a key alike, and the column was not made as a key.
      await op.createTable(child, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'parent_id', type: 'integer', unsigned: true }])
      await op.bulkInsert(parent, [{ id: 1 }])
      await op.bulkInsert(child, [{ parent_id: 1 }])
      await op.createForeignKey(`${child}_parent_fk`, child, ['parent_id'], parent, ['id'], { onDelete: 'cascade' })
      await expect(op.bulkInsert(child, [{ parent_id: 2 }])).rejects.toThrow()
      expect(await db.rows(child, 'id')).toEqual([{ id: 1, parent_id: 1 }])
      await op.dropForeignKey(`${child}_parent_fk`, child)
      await op.bulkInsert(child, [{ parent_id: 2 }])
      expect(await db.rows(child, 'id')).toHaveLength(2)
    })

    it('applies a batch of changes to one table', async () => {
      const t = table('batch')
      const columns: ColumnSpec[] = [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'qty', type: 'string', length: 10 },
        { name: 'legacy', type: 'integer' },
      ]
      await op.createTable(t, columns, { indexes: [{ name: `${t}_qty_index`, columns: ['qty'] }] })
      await op.bulkInsert(t, [{ qty: '3', legacy: 1 }, { qty: null, legacy: 2 }])
      await op.batchAlterTable(t, (batch) => {
        batch.dropIndex(`${t}_qty_index`)
        batch.alterColumn('qty', { type: 'integer', nullable: false, default: 0 })
        batch.dropColumn('legacy')
        batch.addColumn({ name: 'note', type: 'text' })
        batch.createCheck(`${t}_qty_check`, 'qty >= 0')
        batch.createIndex(`${t}_note_index`, ['qty', 'id'])
      }, { copyFrom: { columns, indexes: [{ name: `${t}_qty_index`, columns: ['qty'] }] } })
      expect(await db.columnNames(t)).toEqual(['id', 'qty', 'note'])
      expect((await db.rows(t, 'id')).map((row) => row.qty)).toEqual([3, 0])
      expect(await db.indexNames(t)).toContain(`${t}_note_index`)
      await expect(insert(t, '(qty) values (-1)')).rejects.toThrow()
    })
  })
}
