import type BetterSqlite3 from 'better-sqlite3'
import type { DatabaseTarget } from '../config/types.js'
import { MigError } from '../errors.js'
import type { Connection } from './connection.js'

/** How long a process waits for another one's write lock (a long migration elsewhere) before giving up. */
const BUSY_TIMEOUT_MS = 5 * 60_000

/**
 * SQLite through better-sqlite3. A migration run holds one `BEGIN IMMEDIATE` transaction (the
 * write lock that serialises concurrent `mig` processes), and each step is a savepoint in it:
 * a failing step is rolled back whole while the steps before it are committed, and the run
 * costs one disk sync instead of one per revision.
 *
 * Foreign-key enforcement is off for the run (it cannot change inside a transaction), so a
 * table rebuilt by move-and-copy never cascades to or nulls its children; instead every step
 * ends with `PRAGMA foreign_key_check` and fails if it left a dangling reference.
 */
export function openSqlite(target: DatabaseTarget, Driver: typeof BetterSqlite3): Connection {
  const db = new Driver(target.file!, { timeout: BUSY_TIMEOUT_MS })
  db.pragma('foreign_keys = ON')
  let savepoints = 0
  const begin = (sql: string) => {
    try {
      db.exec(sql)
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new MigError('CONNECTION', `Timed out after ${BUSY_TIMEOUT_MS / 1000}s waiting for another process's write lock on ${target.display}`)
      }
      throw error
    }
  }
  /** IMMEDIATE takes the write lock up front, so two processes never plan from the same state. */
  async function immediate<T>(work: () => Promise<T>, onFailure: 'ROLLBACK' | 'COMMIT'): Promise<T> {
    begin('BEGIN IMMEDIATE')
    try {
      const result = await work()
      db.exec('COMMIT')
      return result
    } catch (error) {
      if (db.inTransaction) db.exec(onFailure)
      throw error
    }
  }
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
    async nativeQuery(sql) {
      const statement = db.prepare(sql)
      return statement.reader ? statement.all() : statement.run()
    },
    async transaction(work) {
      if (!db.inTransaction) return immediate(work, 'ROLLBACK')
      const name = `mig_step_${++savepoints}`
      db.exec(`SAVEPOINT ${name}`)
      try {
        const result = await work()
        checkForeignKeys(db)
        db.exec(`RELEASE ${name}`)
        return result
      } catch (error) {
        if (db.inTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`)
        throw error
      }
    },
    async withLock(_key, work) {
      db.pragma('foreign_keys = OFF')
      try {
        // What the steps before the failure did is kept, as with one transaction per step.
        return await immediate(work, 'COMMIT')
      } finally {
        db.pragma('foreign_keys = ON')
      }
    },
    async close() {
      db.close()
    },
  }
}

function checkForeignKeys(db: BetterSqlite3.Database): void {
  const broken = db.prepare('PRAGMA foreign_key_check').all() as Array<{ table: string; rowid: number; parent: string }>
  if (broken.length > 0) {
    const first = broken[0]!
    throw new MigError(
      'MIGRATION_FAILED',
      `foreign key check failed: ${broken.length} row(s) of '${first.table}' (first rowid ${first.rowid}) refer to missing rows of '${first.parent}'`,
    )
  }
}
