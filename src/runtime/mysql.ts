import type mysql from 'mysql2/promise'
import type { DatabaseTarget } from '../config/types.js'
import { MigError } from '../errors.js'
import { serverTransactions, type Connection } from './connection.js'

const LOCK_TIMEOUT_S = 60
const LOCK_NAME = "SHA1(CONCAT(?, '@', DATABASE()))"

export async function openMysql(target: DatabaseTarget, driver: typeof mysql): Promise<Connection> {
  const connection = await driver.createConnection({ uri: target.url, multipleStatements: false })
  return {
    dialect: 'mysql',
    offline: false,
    target,
    // MariaDB/MySQL commit DDL implicitly: a failed revision can leave its earlier statements applied.
    transactionalDdl: false,
    async execute(sql) {
      await connection.query(sql)
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await connection.query(sql, params)
      return (Array.isArray(rows) ? rows : []) as T[]
    },
    async run(sql, params) {
      const [result] = await connection.query(sql, params)
      return (result as { affectedRows?: number }).affectedRows ?? 0
    },
    async nativeQuery(sql, settings) {
      const { dateStrings, supportBigNumbers, bigNumberStrings, timezone } = settings as Partial<mysql.QueryOptions>
      return connection.query({ sql, dateStrings, supportBigNumbers, bigNumberStrings, timezone })
    },
    ...serverTransactions((sql) => connection.query(sql), 'START TRANSACTION'),
    async withLock(key, work) {
      // GET_LOCK names are server-wide: the database name keeps two databases on one server
      // (two binds, say) from waiting on each other; hashed, as names are limited to 64 characters.
      const [rows] = await connection.query(`SELECT GET_LOCK(${LOCK_NAME}, ?) AS got`, [key, LOCK_TIMEOUT_S])
      if ((rows as Array<{ got: number }>)[0]?.got !== 1) {
        throw new MigError('CONNECTION', `Timed out after ${LOCK_TIMEOUT_S}s waiting for the migration lock '${key}'`)
      }
      try {
        return await work()
      } finally {
        await connection.query(`SELECT RELEASE_LOCK(${LOCK_NAME})`, [key]).catch(() => {})
      }
    },
    async close() {
      await connection.end()
    },
  }
}
