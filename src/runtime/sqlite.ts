import type BetterSqlite3 from 'better-sqlite3'
import type { DatabaseTarget } from '../config/types.js'
import type { Connection } from './connection.js'

/** How long a process waits for another one's write lock before giving up. */
const BUSY_TIMEOUT_MS = 60_000

export function openSqlite(target: DatabaseTarget, Driver: typeof BetterSqlite3): Connection {
  const db = new Driver(target.file!, { timeout: BUSY_TIMEOUT_MS })
  db.pragma('foreign_keys = ON')
  return {
    dialect: 'sqlite',
    offline: false,
    target,
    transactionalDdl: true,
    async execute(sql) {
      db.prepare(sql).run()
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const statement = db.prepare(sql)
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[]
    },
    async run(sql, params) {
      return db.prepare(sql).run(...params).changes
    },
    async transaction(work) {
      // IMMEDIATE takes the write lock up front, so two processes never plan from the same state.
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await work()
        db.exec('COMMIT')
        return result
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      }
    },
    async withLock(_key, work) {
      return work()
    },
    async close() {
      db.close()
    },
  }
}
