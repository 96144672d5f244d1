import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { DatabaseTarget } from '../config/types.js'
import { serverTransactions, type Connection } from './connection.js'

export async function openPostgres(target: DatabaseTarget, driver: typeof pg): Promise<Connection> {
  const client = new driver.Client({ connectionString: target.url })
  await client.connect()
  // Notices (e.g. "table does not exist, skipping") are not errors; keep them off the terminal.
  client.on('notice', () => {})
  return {
    dialect: 'postgresql',
    offline: false,
    target,
    transactionalDdl: true,
    async execute(sql) {
      await client.query(sql)
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[]
    },
    async run(sql, params) {
      let index = 0
      return (await client.query(sql.replace(/\?/g, () => `$${++index}`), params)).rowCount ?? 0
    },
    async nativeQuery(sql, settings) {
      return client.query({ text: sql, types: settings.types as pg.CustomTypesConfig | undefined })
    },
    ...serverTransactions((sql) => client.query(sql), 'BEGIN'),
    async withLock(key, work) {
      const [a, b] = advisoryKeys(key)
      await client.query('SELECT pg_advisory_lock($1, $2)', [a, b])
      try {
        return await work()
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [a, b]).catch(() => {})
      }
    },
    async close() {
      await client.end()
    },
  }
}

/** Two int4 keys from a name, so each version table has its own lock. */
function advisoryKeys(key: string): [number, number] {
  const digest = createHash('sha1').update(key).digest()
  return [digest.readInt32BE(0), digest.readInt32BE(4)]
}
