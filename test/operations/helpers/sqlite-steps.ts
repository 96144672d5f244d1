import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createOperations, type Operations } from '../../../src/operations/index.js'
import type { Executor } from '../../../src/operations/types.js'

/**
 * An SQLite file database that runs each migration step the way mig's runtime does:
 * `PRAGMA foreign_keys = OFF` outside the transaction, `BEGIN`, the step, `PRAGMA
 * foreign_key_check` (a dangling reference fails the step), `COMMIT` — or `ROLLBACK` when
 * anything throws. Outside steps foreign keys are enforced, so tests can prove they still are.
 */
export interface SqliteSteps {
  readonly db: Database.Database
  /** Every statement executed since the last `take()`; `take()` also clears the list. */
  take(): string[]
  /** Runs one step, with an `op` bound to this database. */
  step(body: (op: Operations) => Promise<void>): Promise<void>
  rows(table: string, orderBy?: string): Record<string, unknown>[]
  indexNames(table: string): string[]
  tableNames(): string[]
  close(): void
}

export function openSqliteSteps(): SqliteSteps {
  const dir = mkdtempSync(join(tmpdir(), 'mig-batch-'))
  const db = new Database(join(dir, 'test.db'))
  db.pragma('foreign_keys = ON')
  let statements: string[] = []
  const executor: Executor = {
    dialect: 'sqlite',
    offline: false,
    async execute(sql) {
      statements.push(sql)
      // prepare() refuses a second statement, which checks the one-statement-per-call rule.
      db.prepare(sql).run()
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return db.prepare(sql).all(...params) as T[]
    },
  }
  const op = createOperations(executor)
  return {
    db,
    take() {
      const taken = statements
      statements = []
      return taken
    },
    async step(body) {
      db.pragma('foreign_keys = OFF')
      db.exec('BEGIN')
      try {
        await body(op)
        const broken = db.prepare('PRAGMA foreign_key_check').all()
        if (broken.length > 0) throw new Error(`foreign key check failed: ${JSON.stringify(broken)}`)
        db.exec('COMMIT')
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      } finally {
        db.pragma('foreign_keys = ON')
      }
    },
    rows: (table, orderBy = 'id') => db.prepare(`select * from "${table}" order by "${orderBy}"`).all() as Record<string, unknown>[],
    indexNames: (table) =>
      (db.prepare(`select name from sqlite_master where type = 'index' and tbl_name = ? order by name`).all(table) as { name: string }[])
        .map((row) => row.name),
    tableNames: () =>
      (db.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]).map((row) => row.name),
    close() {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
