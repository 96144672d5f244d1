import { describe, expect, it } from 'vitest'
import type { ColumnSpec } from '../../src/operations/index.js'
import { BACKENDS, suiteDatabase } from './helpers/databases.js'

// The new operations run for real on every database that is available: SQLite always,
// PostgreSQL and MariaDB/MySQL when MIG_TEST_POSTGRES_URL / MIG_TEST_MYSQL_URL are set. (SQLite's
// move-and-copy of parent tables, which needs foreign keys off, has its own tests.)
for (const backend of BACKENDS) {
  describe.skipIf(!backend.url)(`alter operations on ${backend.name}`, () => {
    const suite = suiteDatabase(backend)
    const { table } = suite
    const q = (name: string) => (suite.db.executor.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const insert = (t: string, sql: string) => suite.op.execute(`insert into ${q(t)} ${sql}`)

    it("changes a string column to integer, '42' becoming 42", async () => {
      const t = table('conv')
      const code: ColumnSpec = { name: 'code', type: 'string', length: 20 }
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, code])
      await suite.op.bulkInsert(t, [{ code: '42' }, { code: null }])
      await suite.op.alterColumn(t, 'code', { type: 'integer', existing: code })
      const rows = await suite.db.rows(t, 'id')
      expect(rows.map((row) => row.code)).toEqual([42, null])
    })

    it('makes a column NOT NULL, filling NULLs with the new default; then drops the default and renames it', async () => {
      const t = table('fill')
      const rank: ColumnSpec = { name: 'rank', type: 'integer' }
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, rank])
      await suite.op.bulkInsert(t, [{ rank: 1 }, { rank: null }])
      await suite.op.alterColumn(t, 'rank', { nullable: false, default: 7, existing: rank })
      await insert(t, '(id) values (3)')
      expect((await suite.db.rows(t, 'id')).map((row) => row.rank)).toEqual([1, 7, 7])
      await expect(insert(t, '(id, rank) values (4, null)')).rejects.toThrow()

      await suite.op.alterColumn(t, 'rank', { nullable: true, default: null, newName: 'level', existing: { ...rank, nullable: false, default: 7 } })
      await insert(t, '(id) values (5)')
      expect(await suite.db.columnNames(t)).toEqual(['id', 'level'])
      expect((await suite.db.rows(t, 'id')).map((row) => row.level)).toEqual([1, 7, 7, null])
    })

    it('changes a column written without existing, keeping its type, default and comment', async () => {
      const t = table('bare')
      await suite.op.createTable(t, [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'status', type: 'string', length: 20, nullable: false, default: 'draft', comment: 'publication state' },
        { name: 'created', type: 'datetime', nullable: false, defaultRaw: 'current_timestamp' },
      ])
      await suite.op.alterColumn(t, 'status', { nullable: true })
      await suite.op.alterColumn(t, 'created', { nullable: true })
      await insert(t, '(id) values (1)')
      await insert(t, '(id, status) values (2, null)')
      const rows = await suite.db.rows(t, 'id')
      expect(rows.map((row) => row.status)).toEqual(['draft', null])
      expect(rows[0]!.created).not.toBeNull()
      // Still varchar(20): a longer value does not fit (SQLite does not enforce lengths).
      if (suite.db.executor.dialect !== 'sqlite') await expect(insert(t, `(id, status) values (3, '${'x'.repeat(30)}')`)).rejects.toThrow()
      if (suite.db.executor.dialect === 'mysql') {
        const [column] = await suite.db.executor.query<{ comment: string }>(
          'select column_comment as comment from information_schema.columns where table_schema = database() and table_name = ? and column_name = ?',
          [t, 'status'],
        )
        expect(column!.comment).toBe('publication state')
      }
    })

    it('creates and drops a unique constraint', async () => {
      const t = table('uq')
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'email', type: 'string', length: 50 }])
      await suite.op.createUnique(`${t}_email_unique`, t, ['email'])
      await suite.op.bulkInsert(t, [{ email: 'a' }])
      await expect(suite.op.bulkInsert(t, [{ email: 'a' }])).rejects.toThrow()
      await suite.op.dropUnique(`${t}_email_unique`, t)
      await suite.op.bulkInsert(t, [{ email: 'a' }])
      expect(await suite.db.rows(t, 'id')).toHaveLength(2)
    })

    it('creates and drops a check constraint (an enum)', async () => {
      const t = table('chk')
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'status', type: 'string', length: 10 }])
      await suite.op.bulkInsert(t, [{ status: 'draft' }])
      await suite.op.createCheck(`${t}_status_check`, t, "status in ('draft', 'live')")
      await expect(suite.op.bulkInsert(t, [{ status: 'gone' }])).rejects.toThrow()
      await suite.op.dropCheck(`${t}_status_check`, t)
      await suite.op.bulkInsert(t, [{ status: 'gone' }])
      expect((await suite.db.rows(t, 'id')).map((row) => row.status)).toEqual(['draft', 'gone'])
    })

    it('adds a foreign key to an existing column and drops it again', async () => {
      const parent = table('parent')
      const child = table('child')
      await suite.op.createTable(parent, [{ name: 'id', type: 'integer', autoincrement: true }])
      // unsigned: MySQL needs both sides of a key alike, and the column was not made as a key.
      await suite.op.createTable(child, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'parent_id', type: 'integer', unsigned: true }])
      await suite.op.bulkInsert(parent, [{ id: 1 }])
      await suite.op.bulkInsert(child, [{ parent_id: 1 }])
      await suite.op.createForeignKey(`${child}_parent_fk`, child, ['parent_id'], parent, ['id'], { onDelete: 'cascade' })
      await expect(suite.op.bulkInsert(child, [{ parent_id: 2 }])).rejects.toThrow()
      expect(await suite.db.rows(child, 'id')).toEqual([{ id: 1, parent_id: 1 }])
      await suite.op.dropForeignKey(`${child}_parent_fk`, child)
      await suite.op.bulkInsert(child, [{ parent_id: 2 }])
      expect(await suite.db.rows(child, 'id')).toHaveLength(2)
    })

    it('applies a batch of changes to one table', async () => {
      const t = table('batch')
      const columns: ColumnSpec[] = [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'qty', type: 'string', length: 10 },
        { name: 'legacy', type: 'integer' },
      ]
      await suite.op.createTable(t, columns, { indexes: [{ name: `${t}_qty_index`, columns: ['qty'] }] })
      await suite.op.bulkInsert(t, [{ qty: '3', legacy: 1 }, { qty: null, legacy: 2 }])
      await suite.op.batchAlterTable(t, (batch) => {
        batch.dropIndex(`${t}_qty_index`)
        batch.alterColumn('qty', { type: 'integer', nullable: false, default: 0 })
        batch.dropColumn('legacy')
        batch.addColumn({ name: 'note', type: 'text' })
        batch.createCheck(`${t}_qty_check`, 'qty >= 0')
        batch.createIndex(`${t}_note_index`, ['qty', 'id'])
      }, { copyFrom: { columns, indexes: [{ name: `${t}_qty_index`, columns: ['qty'] }] } })
      expect(await suite.db.columnNames(t)).toEqual(['id', 'qty', 'note'])
      expect((await suite.db.rows(t, 'id')).map((row) => row.qty)).toEqual([3, 0])
      expect(await suite.db.indexNames(t)).toContain(`${t}_note_index`)
      await expect(insert(t, '(qty) values (-1)')).rejects.toThrow()
    })
  })
}
