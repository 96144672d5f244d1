import { isAbsolute, resolve } from 'node:path'
import { MigError } from '../errors.js'
import { parseDatabaseUrl } from './database-url.js'
import type { DatabaseTarget, DatabaseUrl, OrmOptions, OrmOptionsInput } from './types.js'

/** Calls the `orm` option if it is a function. This is where MikroORM and the models get imported. */
export async function readOrmOptions(orm: OrmOptionsInput | undefined): Promise<OrmOptions> {
  if (orm === undefined) return {}
  try {
    const options = typeof orm === 'function' ? await orm() : orm
    if (options === null || typeof options !== 'object') throw new Error('it must return MikroORM options')
    return options
  } catch (error) {
    if (error instanceof MigError) throw error
    throw new MigError('BAD_CONFIG', `The 'orm' option failed: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Where the database is: the `database` URL when given (no MikroORM import needed), else what
 * the MikroORM options say (`clientUrl`, or `dbName` with the driver and host settings).
 */
export async function resolveDatabaseTarget(
  database: DatabaseUrl | undefined,
  orm: OrmOptionsInput | undefined,
  root: string,
): Promise<DatabaseTarget> {
  if (database) return parseDatabaseUrl(database, root)
  const options = await readOrmOptions(orm)
  if (typeof options.clientUrl === 'string') return parseDatabaseUrl(options.clientUrl, root)
  const dialect = dialectOfDriver(options.driver)
  const dbName = options.dbName
  if (!dialect || typeof dbName !== 'string') {
    throw new MigError(
      'BAD_CONFIG',
      "No database configured: set 'database' in mig.config.ts (e.g. 'sqlite:app.db'), or 'driver' and 'dbName'/'clientUrl' in 'orm'",
    )
  }
  if (dialect === 'sqlite') {
    const base = typeof options.baseDir === 'string' ? options.baseDir : root
    const file = dbName === ':memory:' || isAbsolute(dbName) ? dbName : resolve(base, dbName)
    return parseDatabaseUrl(file === ':memory:' ? 'sqlite::memory:' : `sqlite:${file}`, root)
  }
  const user = encodeURIComponent(String(options.user ?? (dialect === 'postgresql' ? 'postgres' : 'root')))
  const password = options.password ? `:${encodeURIComponent(String(options.password))}` : ''
  const host = String(options.host ?? '127.0.0.1')
  const port = options.port ?? (dialect === 'postgresql' ? 5432 : 3306)
  return parseDatabaseUrl(`${dialect}://${user}${password}@${host}:${port}/${encodeURIComponent(dbName)}`, root)
}

function dialectOfDriver(driver: unknown): 'sqlite' | 'postgresql' | 'mysql' | undefined {
  const name = typeof driver === 'function' ? driver.name : ''
  if (/sqlite|libsql/i.test(name)) return 'sqlite'
  if (/postgre/i.test(name)) return 'postgresql'
  if (/mysql|maria/i.test(name)) return 'mysql'
  return undefined
}

/** The MikroORM driver package and class for each dialect, when the `orm` options name none. */
export const MIKRO_ORM_DRIVERS: Record<'sqlite' | 'postgresql' | 'mysql', { readonly package: string; readonly export: string }> = {
  sqlite: { package: '@mikro-orm/better-sqlite', export: 'BetterSqliteDriver' },
  postgresql: { package: '@mikro-orm/postgresql', export: 'PostgreSqlDriver' },
  mysql: { package: '@mikro-orm/mysql', export: 'MySqlDriver' },
}

/**
 * Points MikroORM options at `target`, whatever connection they named: the project's own
 * settings (dbName, host, ...) would otherwise win over the URL mig chose.
 *
 * @example
 * pointOrmAt(options, parseDatabaseUrl('sqlite:/tmp/t1.sqlite', root)) // options.dbName === '/tmp/t1.sqlite'
 */
export function pointOrmAt(options: OrmOptions, target: DatabaseTarget): void {
  for (const key of ['dbName', 'clientUrl', 'host', 'port', 'user', 'password']) delete options[key]
  if (target.dialect === 'sqlite') options.dbName = target.file
  else options.clientUrl = target.url
}
