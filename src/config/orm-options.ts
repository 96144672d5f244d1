import { isAbsolute, resolve } from 'node:path'
import { MigError } from '../errors.js'
import { oneLineLoadError } from '../loader/error-location.js'
import { parseDatabaseUrl } from './database-url.js'
import { packageFolder } from './mikro-orm-config-file.js'
import type { DatabaseTarget, DatabaseUrl, OrmOptions, OrmOptionsInput } from './types.js'

/**
 * Calls the `orm` option if it is a function. This is where MikroORM and the models get
 * imported. It may also give a whole MikroORM config module, as `() => import('./src/mikro-orm.config.js')`
 * does: its default export (ES module or compiled CommonJS), a function or promise of options,
 * or an array of configs (the one without a `contextName`, or `default`).
 */
export async function readOrmOptions(orm: OrmOptionsInput | undefined): Promise<OrmOptions> {
  if (orm === undefined) return {}
  try {
    const options = await unwrapOrmOptions(orm)
    if (options === null || typeof options !== 'object') throw new Error('it must return MikroORM options')
    return options as OrmOptions
  } catch (error) {
    // A model that does not compile is named by its own error; other mig errors stand as they are.
    if (error instanceof MigError && error.code !== 'BAD_MODULE') throw error
    throw new MigError('BAD_CONFIG', `The 'orm' option failed: ${oneLineLoadError(error)}`, { cause: error })
  }
}

async function unwrapOrmOptions(value: unknown): Promise<unknown> {
  for (let depth = 0; depth < 5; depth++) {
    value = await value
    if (typeof value === 'function') value = await (value as () => unknown)()
    else if (isModule(value)) value = (value as { default: unknown }).default
    else if (Array.isArray(value)) value = value.find((config: { contextName?: unknown }) => config?.contextName === undefined || config.contextName === 'default') ?? value[0]
    else return value
  }
  return value
}

/** An ES module namespace, or CommonJS compiled from ESM (`exports.default` beside `__esModule`). */
export function isModule(value: unknown): value is { default: unknown } {
  if (value === null || typeof value !== 'object' || !('default' in value)) return false
  return (value as Record<symbol, unknown>)[Symbol.toStringTag] === 'Module' || (value as { __esModule?: unknown }).__esModule === true
}

/**
 * MikroORM's discovery as its CLI sets it up in a TypeScript project. Globs in `entities` /
 * `entitiesTs` are resolved against `baseDir`, which defaults to the working directory: run from
 * `src/`, it would discover nothing, so mig makes it the project's folder (the nearest
 * `package.json` above the config). Globs also mean MikroORM imports the files itself: the model
 * loader must be there for TypeScript, and MikroORM should then prefer `entitiesTs`, as under its
 * CLI with a TypeScript loader.
 *
 * @example
 * withDiscoveryDefaults({ entities: ['dist/**\/*.entity.js'], entitiesTs: ['src/**\/*.entity.ts'] }, '/app')
 * // { ..., baseDir: '/app', preferTs: true }
 */
export async function withDiscoveryDefaults(options: OrmOptions, root: string): Promise<OrmOptions> {
  const result: OrmOptions = options.baseDir === undefined ? { ...options, baseDir: packageFolder(root) ?? root } : { ...options }
  const globs = [options.entities, options.entitiesTs].some((list) => Array.isArray(list) && list.some((entry) => typeof entry === 'string'))
  const loader = await import('../loader/model-loader.js')
  if (globs) loader.registerModelLoader()
  if (loader.modelLoaderRegistered()) result.preferTs ??= true
  return result
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
  const options = await withDiscoveryDefaults(await readOrmOptions(orm), root)
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
    const base = String(options.baseDir)
    const file = dbName === ':memory:' || isAbsolute(dbName) ? dbName : resolve(base, dbName)
    return parseDatabaseUrl(file === ':memory:' ? 'sqlite::memory:' : `sqlite:${file}`, root)
  }
  const user = encodeURIComponent(String(options.user ?? (dialect === 'postgresql' ? 'postgres' : 'root')))
  const password = options.password ? `:${encodeURIComponent(String(options.password))}` : ''
  const host = String(options.host ?? '127.0.0.1')
  const port = options.port ?? (dialect === 'postgresql' ? 5432 : 3306)
  return parseDatabaseUrl(`${dialect}://${user}${password}@${host}:${port}/${encodeURIComponent(dbName)}`, root)
}

/**
 * Whether `options.driver` must be replaced by the dialect's own driver: none is set, or it is
 * one for another dialect (a reused MikroORM config written for SQLite while mig's `database`,
 * or the test database, is PostgreSQL). A driver mig cannot place (a custom one) is kept.
 *
 * @example
 * needsDriverFor(BetterSqliteDriver, 'postgresql') // true
 */
export function needsDriverFor(driver: unknown, dialect: 'sqlite' | 'postgresql' | 'mysql'): boolean {
  if (driver === undefined) return true
  const current = dialectOfDriver(driver)
  return current !== undefined && current !== dialect
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
