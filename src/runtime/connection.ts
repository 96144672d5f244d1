import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { DatabaseTarget } from '../config/types.js'
import { MigError } from '../errors.js'
import type { Executor } from '../operations/types.js'

/**
 * A live database connection as the runtime uses it: statements, one transaction at a time,
 * and a lock that serialises concurrent `mig` processes.
 */
export interface Connection extends Executor {
  readonly target: DatabaseTarget
  /** Whether DDL takes part in transactions (false on MariaDB/MySQL). */
  readonly transactionalDdl: boolean
  /** Runs one statement with bound parameters; returns the number of rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>
  /**
   * Runs one complete statement (values already inlined) and returns the driver's own result,
   * read with MikroORM's per-query `settings` (pg `types`; mysql2 `dateStrings`, `timezone`, ...):
   * what MikroORM's knex layer would have received, for an entity manager on this connection.
   */
  nativeQuery(sql: string, settings: Readonly<Record<string, unknown>>): Promise<unknown>
  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>
  /**
   * Inside `transaction`: commits it, runs `work` outside any transaction, and begins a new one
   * for the rest of the work (see `serverTransactions`). SQLite has none: a run there is one
   * write transaction, and leaving it would let go of the run's lock.
   */
  autocommit?<T>(work: () => Promise<T>): Promise<T>
  /** Holds the migration lock of this database while `work` runs (no-op where transactions serialise). */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Opens a connection with the driver the project has installed (better-sqlite3, pg or mysql2,
 * which the MikroORM drivers bring). MikroORM itself is not loaded.
 *
 * @example
 * const connection = await connect(parseDatabaseUrl('sqlite:app.db', root), root)
 */
export async function connect(target: DatabaseTarget, root: string): Promise<Connection> {
  try {
    switch (target.dialect) {
      case 'sqlite': {
        const { openSqlite } = await import('./sqlite.js')
        return openSqlite(target, loadDriver(root, 'better-sqlite3', '@mikro-orm/better-sqlite'))
      }
      case 'postgresql': {
        const { openPostgres } = await import('./postgres.js')
        return await openPostgres(target, loadDriver(root, 'pg', '@mikro-orm/postgresql'))
      }
      case 'mysql': {
        const { openMysql } = await import('./mysql.js')
        return await openMysql(target, loadDriver(root, 'mysql2/promise', '@mikro-orm/mysql'))
      }
    }
  } catch (error) {
    if (error instanceof MigError) throw error
    throw new MigError('CONNECTION', `Cannot connect to ${target.display}: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

/**
 * The transactions of a server connection (PostgreSQL, MariaDB/MySQL): `transaction` as
 * `inTransaction`, and `autocommit`, which commits the open transaction, runs `work` with each
 * statement committing on its own, and begins a new transaction for the rest, so the caller's
 * COMMIT or ROLLBACK still has one to end. Session-level state (the run's advisory lock or
 * GET_LOCK, session variables) is untouched. Outside a transaction `autocommit` just runs `work`.
 *
 * @example
 * const { transaction, autocommit } = serverTransactions((sql) => client.query(sql), 'BEGIN')
 */
export function serverTransactions(statement: (sql: string) => Promise<unknown>, begin: string): Pick<Connection, 'transaction' | 'autocommit'> {
  let open = false
  return {
    async transaction(work) {
      open = true
      try {
        return await inTransaction(statement, begin, work)
      } finally {
        open = false
      }
    },
    async autocommit(work) {
      if (!open) return work()
      await statement('COMMIT')
      let result
      try {
        result = await work()
      } catch (error) {
        await statement(begin).catch(() => {})
        throw error
      }
      await statement(begin)
      return result
    },
  }
}

/**
 * Runs `work` between `begin` and COMMIT, or ROLLBACK when it throws (the rollback's own
 * failure must not hide the error that caused it).
 */
export async function inTransaction<T>(statement: (sql: string) => Promise<unknown>, begin: string, work: () => Promise<T>): Promise<T> {
  await statement(begin)
  try {
    const result = await work()
    await statement('COMMIT')
    return result
  } catch (error) {
    await statement('ROLLBACK').catch(() => {})
    throw error
  }
}

/** Resolves a driver from the project first (its node_modules), then from mig's own. */
function loadDriver<T>(root: string, name: string, install: string): T {
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)(name) as T
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error
    }
  }
  throw new MigError('CONNECTION', `The '${name}' package is needed for this database: npm install ${install}`)
}
