import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseDatabaseUrl } from '../config/database-url.js'
import { connect, type Connection } from '../runtime/connection.js'
import type { DatabaseStore, StoreLocation } from './store.js'

/** How often a copy is retried while PostgreSQL still sees a session on the template. */
const BUSY_RETRIES = 20

/**
 * PostgreSQL: databases named `mig_vt_<run>_<name>` on the server of the developer's database,
 * created and dropped through its maintenance database (`home`), never through the
 * developer's own database. Copies use `CREATE DATABASE ... TEMPLATE`.
 */
export function postgresStore(location: StoreLocation): DatabaseStore {
  const prefix = `mig_vt_${location.runId}_`
  const database = (name: string) => `${prefix}${name}`
  const url = (name: string) => {
    const parsed = new URL(location.home)
    parsed.pathname = `/${database(name)}`
    return parsed.toString()
  }
  const admin = async <T>(work: (connection: Connection) => Promise<T>): Promise<T> => {
    const connection = await connect(parseDatabaseUrl(location.home, location.root), location.root)
    try {
      return await work(connection)
    } finally {
      await connection.close()
    }
  }
  const exists = async (connection: Connection, name: string) =>
    (await connection.query('SELECT 1 FROM pg_database WHERE datname = $1', [database(name)])).length > 0
  const dropSql = (name: string) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`

  return {
    dialect: 'postgresql',
    url,
    async createEmpty(name) {
      await admin((connection) => connection.execute(`CREATE DATABASE "${database(name)}"`))
      return url(name)
    },
    async copy(template, name, options = {}) {
      await admin(async (connection) => {
        if (options.replace) await connection.execute(dropSql(database(name)))
        else if (await exists(connection, name)) return
        await createFromTemplate(connection, database(template), database(name))
      })
      return url(name)
    },
    async drop(name) {
      await admin((connection) => connection.execute(dropSql(database(name))))
    },
    async dropAll(namePrefix = '') {
      return admin(async (connection) => {
        const rows = await connection.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
          prefix + namePrefix,
        ])
        for (const row of rows) await connection.execute(dropSql(row.datname))
        return rows.length
      })
    },
    dropAllOnExit() {
      // An exiting process cannot wait for a server round trip: a detached helper does the drops.
      const janitor = fileURLToPath(new URL('./janitor.js', import.meta.url))
      spawn(process.execPath, [janitor], {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, MIG_VITEST_JANITOR: JSON.stringify(location) },
      }).unref()
    },
  }
}

/** `CREATE DATABASE ... TEMPLATE`, retried while the template still has a session (55006). */
async function createFromTemplate(connection: Connection, template: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await connection.execute(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
      return
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === '42P04') return
      if (code !== '55006' || attempt >= BUSY_RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt))
    }
  }
}
