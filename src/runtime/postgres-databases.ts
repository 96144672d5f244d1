import { parseDatabaseUrl } from '../config/database-url.js'
import { connect, type Connection } from './connection.js'

/** How often a copy is retried while PostgreSQL still sees a session on the template. */
const BUSY_RETRIES = 20

/**
 * Whole databases on a PostgreSQL server, created, copied and dropped through a maintenance
 * database (never through one being created or dropped): what the Vitest integration's
 * throwaway databases need. Each call opens its own connection and closes it.
 */
export interface PostgresDatabases {
  create(name: string): Promise<void>
  /**
   * `CREATE DATABASE name TEMPLATE template`, retried while the template still has a session;
   * an existing `name` is kept, unless `replace` drops it first.
   */
  copy(template: string, name: string, options?: { readonly replace?: boolean }): Promise<void>
  drop(name: string): Promise<void>
  /** Drops every database whose name starts with `prefix`; resolves to how many there were. */
  dropByPrefix(prefix: string): Promise<number>
}

/**
 * The databases of the server `maintenanceUrl` points at, reached through that database.
 *
 * @example
 * const server = postgresDatabases('postgresql://postgres@127.0.0.1:5432/postgres', root)
 * await server.copy('mig_vt_ab12_t1', 'mig_vt_ab12_g1_w1')
 */
export function postgresDatabases(maintenanceUrl: string, root: string): PostgresDatabases {
  const admin = async <T>(work: (connection: Connection) => Promise<T>): Promise<T> => {
    const connection = await connect(parseDatabaseUrl(maintenanceUrl, root), root)
    try {
      return await work(connection)
    } finally {
      await connection.close()
    }
  }
  const exists = async (connection: Connection, name: string) =>
    (await connection.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0
  const dropSql = (name: string) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`

  return {
    async create(name) {
      await admin((connection) => connection.execute(`CREATE DATABASE "${name}"`))
    },
    async copy(template, name, options = {}) {
      await admin(async (connection) => {
        if (options.replace) await connection.execute(dropSql(name))
        else if (await exists(connection, name)) return
        await createFromTemplate(connection, template, name)
      })
    },
    async drop(name) {
      await admin((connection) => connection.execute(dropSql(name)))
    },
    async dropByPrefix(prefix) {
      return admin(async (connection) => {
        const rows = await connection.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])
        for (const row of rows) await connection.execute(dropSql(row.datname))
        return rows.length
      })
    },
  }
}

/** `CREATE DATABASE ... TEMPLATE`, retried while the template has a session (55006). */
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
