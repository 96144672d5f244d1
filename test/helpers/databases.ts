import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'

const require = createRequire(import.meta.url)

export const POSTGRES_URL = process.env.MIG_TEST_POSTGRES_URL
export const MYSQL_URL = process.env.MIG_TEST_MYSQL_URL

/** Why server tests are skipped, shown in the test name when their URL is not set. */
export const SKIP_POSTGRES = POSTGRES_URL ? '' : ' (skipped: set MIG_TEST_POSTGRES_URL)'
export const SKIP_MYSQL = MYSQL_URL ? '' : ' (skipped: set MIG_TEST_MYSQL_URL)'

/** A fresh, empty database on a server; `drop()` removes it. */
export interface ScratchDatabase {
  url: string
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>
  drop(): Promise<void>
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export async function scratchPostgres(): Promise<ScratchDatabase> {
  const pg = require('pg') as typeof import('pg')
  const name = `mig_t_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: POSTGRES_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = withDatabase(POSTGRES_URL!, name)
  return {
    url,
    async query<T>(sql: string) {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        return (await client.query(sql)).rows as T[]
      } finally {
        await client.end()
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

export async function scratchMysql(): Promise<ScratchDatabase> {
  const mysql = require('mysql2/promise') as typeof import('mysql2/promise')
  const name = `mig_t_${randomBytes(5).toString('hex')}`
  const admin = await mysql.createConnection({ uri: MYSQL_URL })
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = withDatabase(MYSQL_URL!, name)
  return {
    url,
    async query<T>(sql: string) {
      const connection = await mysql.createConnection({ uri: url })
      try {
        const [rows] = await connection.query(sql)
        return rows as T[]
      } finally {
        await connection.end()
      }
    },
    async drop() {
      const connection = await mysql.createConnection({ uri: MYSQL_URL })
      await connection.query(`DROP DATABASE IF EXISTS ${name}`)
      await connection.end()
    },
  }
}

/** One database kind a CLI test runs on: SQLite always, the servers when their URLs are set. */
export interface DatabaseTarget {
  name: string
  dialect: 'sqlite' | 'postgresql' | 'mysql'
  enabled: boolean
  /** Creates the database; `config` is a mig.config.ts for it (`extra` adds config lines). */
  open(projectDir: () => string, extra?: string): Promise<OpenedTarget>
}

export interface OpenedTarget {
  config: string
  /** The database's URL as the config names it (`sqlite:app.db` relative to the project). */
  url: string
  query(sql: string): Promise<Record<string, unknown>[]>
  drop(): Promise<void>
}

export const DATABASE_TARGETS: DatabaseTarget[] = [
  {
    name: 'SQLite',
    dialect: 'sqlite',
    enabled: true,
    async open(projectDir, extra = '') {
      const Database = require('better-sqlite3') as typeof import('better-sqlite3')
      return {
        config: configSource('sqlite:app.db', extra),
        url: 'sqlite:app.db',
        async query(sql) {
          const db = new Database(`${projectDir()}/app.db`, { readonly: true })
          try {
            return db.prepare(sql).all() as Record<string, unknown>[]
          } finally {
            db.close()
          }
        },
        drop: async () => {},
      }
    },
  },
  { name: `PostgreSQL${SKIP_POSTGRES}`, dialect: 'postgresql', enabled: Boolean(POSTGRES_URL), open: (_dir, extra) => openServer(scratchPostgres, extra) },
  { name: `MariaDB${SKIP_MYSQL}`, dialect: 'mysql', enabled: Boolean(MYSQL_URL), open: (_dir, extra) => openServer(scratchMysql, extra) },
]

async function openServer(create: () => Promise<ScratchDatabase>, extra = ''): Promise<OpenedTarget> {
  const database = await create()
  return { config: configSource(database.url, extra), url: database.url, query: (sql) => database.query<Record<string, unknown>>(sql), drop: () => database.drop() }
}

function configSource(url: string, extra: string): string {
  return `import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: ${JSON.stringify(url)},\n${extra}})\n`
}
