import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { afterAll, beforeAll } from 'vitest'
import { createOperations, type Operations } from '../../../src/operations/index.js'
import type { Dialect, Executor } from '../../../src/operations/types.js'

/**
 * A test-only connection: the executor operations run on, plus the few reads the tests make.
 * (The runtime's real executor lives elsewhere; these only exist to prove the SQL runs.)
 */
export interface TestDatabase {
  readonly executor: Executor
  /** Every row of the table, ordered by `orderBy`. */
  rows(table: string, orderBy: string): Promise<Record<string, unknown>[]>
  indexNames(table: string): Promise<string[]>
  columnNames(table: string): Promise<string[]>
  /** Drops the tables (ignoring ones that are gone) and closes the connection. */
  close(tables: readonly string[]): Promise<void>
}

export const POSTGRES_URL = process.env.MIG_TEST_POSTGRES_URL
export const MYSQL_URL = process.env.MIG_TEST_MYSQL_URL

/** A table name no parallel test file will use. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`
}

function quote(dialect: Dialect, name: string): string {
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`
}

export async function openSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'mig-ops-'))
  const db = new Database(join(dir, 'test.db'))
  db.pragma('foreign_keys = ON')
  const executor: Executor = {
    dialect: 'sqlite',
    offline: false,
    // prepare() refuses more than one statement, which checks the one-statement rule too.
    async execute(sql) {
      db.prepare(sql).run()
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return db.prepare(sql).all(...params) as T[]
    },
  }
  return {
    executor,
    rows: (table, orderBy) => executor.query(`select * from "${table}" order by "${orderBy}"`),
    indexNames: async (table) =>
      (await executor.query<{ name: string }>(`select name from sqlite_master where type = 'index' and tbl_name = ?`, [table]))
        .map((row) => row.name),
    columnNames: async (table) =>
      (await executor.query<{ name: string }>(`select name from pragma_table_info(?)`, [table])).map((row) => row.name),
    async close() {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function openPostgres(url: string): Promise<TestDatabase> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const executor: Executor = {
    dialect: 'postgresql',
    offline: false,
    // The extended protocol refuses more than one statement, like better-sqlite3.
    // (`queryMode` exists in pg 8.11+ but not yet in @types/pg, hence the cast.)
    async execute(sql) {
      await client.query({ text: sql, queryMode: 'extended' } as import('pg').QueryConfig)
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[]
    },
  }
  return {
    executor,
    rows: (table, orderBy) => executor.query(`select * from "${table}" order by "${orderBy}"`),
    indexNames: async (table) =>
      (await executor.query<{ name: string }>(`select indexname as name from pg_indexes where tablename = $1`, [table]))
        .map((row) => row.name),
    columnNames: async (table) =>
      (await executor.query<{ name: string }>(
        `select column_name as name from information_schema.columns where table_name = $1 order by ordinal_position`,
        [table],
      )).map((row) => row.name),
    async close(tables) {
      for (const table of tables) await client.query(`drop table if exists ${quote('postgresql', table)} cascade`)
      await client.end()
    },
  }
}

export async function openMysql(url: string): Promise<TestDatabase> {
  const mysql = await import('mysql2/promise')
  // multipleStatements stays off, so a joined statement would fail here.
  const connection = await mysql.createConnection({ uri: url, dateStrings: true })
  const executor: Executor = {
    dialect: 'mysql',
    offline: false,
    async execute(sql) {
      await connection.query(sql)
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await connection.query(sql, params)
      return rows as T[]
    },
  }
  return {
    executor,
    rows: (table, orderBy) => executor.query(`select * from \`${table}\` order by \`${orderBy}\``),
    indexNames: async (table) =>
      (await executor.query<{ name: string }>(
        `select distinct index_name as name from information_schema.statistics where table_schema = database() and table_name = ?`,
        [table],
      )).map((row) => row.name),
    columnNames: async (table) =>
      (await executor.query<{ name: string }>(
        `select column_name as name from information_schema.columns where table_schema = database() and table_name = ? order by ordinal_position`,
        [table],
      )).map((row) => row.name),
    async close(tables) {
      await connection.query('set foreign_key_checks = 0')
      for (const table of tables) await connection.query(`drop table if exists ${quote('mysql', table)}`)
      await connection.end()
    },
  }
}

/** Every database the operation tests run on: SQLite always, the servers when their URLs are set. */
export const BACKENDS: ReadonlyArray<{ name: string; url: string | undefined; open: () => Promise<TestDatabase> }> = [
  { name: 'SQLite', url: 'always', open: openSqlite },
  { name: 'PostgreSQL', url: POSTGRES_URL, open: () => openPostgres(POSTGRES_URL!) },
  { name: 'MariaDB/MySQL', url: MYSQL_URL, open: () => openMysql(MYSQL_URL!) },
]

/** A database open for one describe block, with the operations on it. */
export interface SuiteDatabase {
  /** Set once the block's `beforeAll` has run. */
  readonly db: TestDatabase
  readonly op: Operations
  /** A fresh table name, dropped after the block (children first, for the databases that check foreign keys on drop). */
  table(prefix: string): string
}

/** Opens `backend` before the calling describe block's tests and drops its tables after them. */
export function suiteDatabase(backend: (typeof BACKENDS)[number]): SuiteDatabase {
  const tables: string[] = []
  const suite = {
    db: undefined as unknown as TestDatabase,
    op: undefined as unknown as Operations,
    table(prefix: string) {
      const name = uniqueName(prefix)
      tables.push(name)
      return name
    },
  }
  beforeAll(async () => {
    suite.db = await backend.open()
    suite.op = createOperations(suite.db.executor)
  })
  afterAll(async () => {
    await suite.db?.close([...tables].reverse())
  })
  return suite
}
