import { describe, expect, it } from 'vitest'
import { BACKENDS, suiteDatabase } from './helpers/databases.js'

// The same operations run for real on every database that is available: SQLite always,
// PostgreSQL and MariaDB/MySQL when MIG_TEST_POSTGRES_URL / MIG_TEST_MYSQL_URL are set.
const TRICKY = "it's a \\ back; slash -- not a comment\nnew line, größe ✓ 🚀"

// Drivers return the same data in different shapes (1 vs true, '12.34' vs 12.34, Date vs string).
const asBoolean = (value: unknown) => (value === null ? null : Boolean(Number(value)))
const asNumber = (value: unknown) => (value === null ? null : Number(value))
const asJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value)
const asDay = (value: unknown) =>
  value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : value
const asInstant = (value: unknown) =>
  value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(`${String(value).replace(' ', 'T')}Z`)

for (const backend of BACKENDS) {
  describe.skipIf(!backend.url)(`operations on ${backend.name}`, () => {
    const suite = suiteDatabase(backend)
    const { table } = suite

    it('creates a table with every neutral type and reads inserted rows back', async () => {
      const t = table('types')
      await suite.op.createTable(t, [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'order', type: 'integer', nullable: false },
        { name: 'big', type: 'bigint' },
        { name: 'small', type: 'smallint' },
        { name: 'user', type: 'string', length: 200 },
        { name: 'body', type: 'text' },
        { name: 'flag', type: 'boolean' },
        { name: 'ratio', type: 'float' },
        { name: 'precise', type: 'double' },
        { name: 'price', type: 'decimal', precision: 8, scale: 2 },
        { name: 'day', type: 'date' },
        { name: 'at', type: 'time' },
        { name: 'happened', type: 'datetime' },
        { name: 'doc', type: 'json' },
        { name: 'uid', type: 'uuid' },
        { name: 'bin', type: 'blob' },
        { name: 'status', type: 'string', length: 20, nullable: false, default: "it's new", comment: "what's up" },
        { name: 'active', type: 'boolean', nullable: false, default: true },
      ], { comment: 'all the types' })
      await suite.op.bulkInsert(t, [
        {
          order: 1, big: 1234567890123, small: -7, user: TRICKY, body: TRICKY, flag: true, ratio: 1.5, precise: 2.25,
          price: 12.34, day: '2024-02-03', at: '04:05:06', happened: new Date('2024-02-03T04:05:06Z'),
          doc: { a: [1, "x'"], b: '\\' }, uid: '0b5a1a0e-6f1e-4c36-9d0b-2f6a0f3e9c11', bin: Uint8Array.of(0, 1, 255),
        },
        { order: 2, status: 'done', active: false },
      ])

      const rows = await suite.db.rows(t, 'id')
      expect(rows.map((row) => ({
        id: asNumber(row.id), order: row.order, big: asNumber(row.big), small: row.small, user: row.user, body: row.body,
        flag: asBoolean(row.flag), ratio: row.ratio, precise: row.precise, price: asNumber(row.price), day: asDay(row.day),
        at: row.at, happened: row.happened === null ? null : asInstant(row.happened), doc: asJson(row.doc), uid: row.uid,
        bin: row.bin === null ? null : [...(row.bin as Uint8Array)], status: row.status, active: asBoolean(row.active),
      }))).toEqual([
        {
          id: 1, order: 1, big: 1234567890123, small: -7, user: TRICKY, body: TRICKY, flag: true, ratio: 1.5, precise: 2.25,
          price: 12.34, day: '2024-02-03', at: '04:05:06', happened: Date.parse('2024-02-03T04:05:06Z'),
          doc: { a: [1, "x'"], b: '\\' }, uid: '0b5a1a0e-6f1e-4c36-9d0b-2f6a0f3e9c11', bin: [0, 1, 255],
          status: "it's new", active: true,
        },
        {
          id: 2, order: 2, big: null, small: null, user: null, body: null, flag: null, ratio: null, precise: null,
          price: null, day: null, at: null, happened: null, doc: null, uid: null, bin: null, status: 'done', active: false,
        },
      ])
    })

    it('enforces unique columns and foreign keys declared in createTable', async () => {
      const parent = table('parent')
      const child = table('child')
      await suite.op.createTable(parent, [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'email', type: 'string', unique: true, nullable: false },
      ])
      await suite.op.createTable(child, [
        { name: 'id', type: 'integer', autoincrement: true },
        { name: 'parent_id', type: 'integer', nullable: false, references: { table: parent, column: 'id', onDelete: 'cascade' } },
      ], { indexes: [{ columns: ['parent_id'] }] })
      await suite.op.bulkInsert(parent, [{ email: 'a@x' }])
      await suite.op.bulkInsert(child, [{ parent_id: 1 }])

      await expect(suite.op.bulkInsert(parent, [{ email: 'a@x' }])).rejects.toThrow()
      await expect(suite.op.bulkInsert(child, [{ parent_id: 99 }])).rejects.toThrow()
      expect(await suite.db.indexNames(child)).toContain(`${child}_parent_id_index`)
      await suite.op.execute(`delete from ${suite.db.executor.dialect === 'mysql' ? `\`${parent}\`` : `"${parent}"`}`)
      expect(await suite.db.rows(child, 'id')).toEqual([])
    })

    it('creates table-level foreign keys that fit an autoincrement key', async () => {
      const parent = table('team')
      const child = table('member')
      await suite.op.createTable(parent, [{ name: 'id', type: 'integer', autoincrement: true }])
      await suite.op.createTable(child, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'team', type: 'integer' }], {
        foreignKeys: [{ name: `${child}_team_fk`, columns: ['team'], references: { table: parent, columns: ['id'] } }],
      })
      await suite.op.bulkInsert(parent, [{ id: 1 }])
      await suite.op.bulkInsert(child, [{ team: 1 }])
      await expect(suite.op.bulkInsert(child, [{ team: 2 }])).rejects.toThrow()
    })

    it('creates a composite primary key', async () => {
      const t = table('pair')
      await suite.op.createTable(t, [{ name: 'a', type: 'integer' }, { name: 'b', type: 'string', length: 10 }], { primaryKey: ['a', 'b'] })
      await suite.op.bulkInsert(t, [{ a: 1, b: 'x' }, { a: 1, b: 'y' }])
      await expect(suite.op.bulkInsert(t, [{ a: 1, b: 'x' }])).rejects.toThrow()
    })

    it('adds, renames and drops columns without losing rows', async () => {
      const t = table('cols')
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'name', type: 'string' }])
      await suite.op.bulkInsert(t, [{ name: 'a' }, { name: 'b' }])

      await suite.op.addColumn(t, { name: 'score', type: 'integer', nullable: false, default: 5, comment: 'points' })
      await suite.op.addColumn(t, { name: 'email', type: 'string', unique: true })
      expect(await suite.db.rows(t, 'id')).toEqual([
        { id: 1, name: 'a', score: 5, email: null },
        { id: 2, name: 'b', score: 5, email: null },
      ])

      await suite.op.renameColumn(t, 'name', 'title')
      await suite.op.dropColumn(t, 'score')
      expect(await suite.db.columnNames(t)).toEqual(['id', 'title', 'email'])
      expect(await suite.db.rows(t, 'id')).toEqual([
        { id: 1, title: 'a', email: null },
        { id: 2, title: 'b', email: null },
      ])
    })

    it('adds a column that references another table', async () => {
      const parent = table('owner')
      const t = table('pet')
      await suite.op.createTable(parent, [{ name: 'id', type: 'integer', autoincrement: true }])
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }])
      await suite.op.bulkInsert(parent, [{ id: 1 }])
      await suite.op.bulkInsert(t, [{ id: 1 }])
      await suite.op.addColumn(t, { name: 'owner_id', type: 'integer', references: { table: parent, column: 'id' } })
      await suite.op.bulkInsert(t, [{ id: 2, owner_id: 1 }])
      await expect(suite.op.bulkInsert(t, [{ id: 3, owner_id: 42 }])).rejects.toThrow()
      expect(await suite.db.rows(t, 'id')).toEqual([{ id: 1, owner_id: null }, { id: 2, owner_id: 1 }])
    })

    it('renames a table and keeps its rows', async () => {
      const from = table('old')
      const to = table('new')
      await suite.op.createTable(from, [{ name: 'id', type: 'integer', primary: true }])
      await suite.op.bulkInsert(from, [{ id: 1 }, { id: 2 }])
      await suite.op.renameTable(from, to)
      expect(await suite.db.rows(to, 'id')).toEqual([{ id: 1 }, { id: 2 }])
      await suite.op.dropTable(to)
      expect(await suite.db.columnNames(to)).toEqual([])
    })

    it('creates and drops indexes', async () => {
      const t = table('idx')
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'a', type: 'string', length: 50 }, { name: 'b', type: 'integer' }])
      await suite.op.createIndex(`${t}_a_b_index`, t, ['a', 'b'])
      await suite.op.createIndex(`${t}_a_unique`, t, 'a', { unique: true })
      expect(await suite.db.indexNames(t)).toEqual(expect.arrayContaining([`${t}_a_b_index`, `${t}_a_unique`]))
      await suite.op.bulkInsert(t, [{ a: 'x', b: 1 }])
      await expect(suite.op.bulkInsert(t, [{ a: 'x', b: 2 }])).rejects.toThrow()

      await suite.op.dropIndex(`${t}_a_b_index`, t)
      await suite.op.dropIndex(`${t}_a_unique`, t)
      expect(await suite.db.indexNames(t)).not.toEqual(expect.arrayContaining([`${t}_a_b_index`]))
      expect(await suite.db.indexNames(t)).not.toEqual(expect.arrayContaining([`${t}_a_unique`]))
    })

    it('executes a script of several statements one by one', async () => {
      const t = table('script')
      const q = (name: string) => (suite.db.executor.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
      await suite.op.createTable(t, [{ name: 'id', type: 'integer', primary: true }, { name: 'note', type: 'text' }])
      await suite.op.execute(`insert into ${q(t)} (id, note) values (1, 'a;b'); -- first row
        insert into ${q(t)} (id, note) values (2, 'c''d');
        update ${q(t)} set note = 'e' where id = 2;`)
      expect(await suite.db.rows(t, 'id')).toEqual([{ id: 1, note: 'a;b' }, { id: 2, note: 'e' }])
    })
  })
}
