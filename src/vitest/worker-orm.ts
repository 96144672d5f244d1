import type { MikroORM } from '@mikro-orm/core'
import { parseDatabaseUrl } from '../config/database-url.js'
import { readOrmOptions } from '../config/orm-options.js'
import type { OrmOptions } from '../config/types.js'
import type { MigTestRun, TestDialect } from './provided.js'
import { importThroughVitest } from './runner-import.js'
import { loadWorkerConfig } from './worker-config.js'
import { workerDatabaseUrl } from './worker-database.js'

/** The MikroORM driver for a dialect, when the project's `orm` options leave it to mig's `database` URL. */
const DRIVERS: Record<TestDialect, { readonly package: string; readonly export: string }> = {
  sqlite: { package: '@mikro-orm/better-sqlite', export: 'BetterSqliteDriver' },
  postgresql: { package: '@mikro-orm/postgresql', export: 'PostgreSqlDriver' },
}

/**
 * Starts MikroORM with the project's `orm` options from mig.config, pointed at this worker's
 * database. MikroORM and the driver are imported through Vitest, as the test files import them.
 *
 * @example
 * const orm = await openWorkerOrm(inject('mig'))
 * try { await orm.em.fork().find(User, {}) } finally { await orm.close(true) }
 */
export async function openWorkerOrm(run: MigTestRun): Promise<MikroORM> {
  const config = await loadWorkerConfig(run)
  const options = await workerOrmOptions(await readOrmOptions(config.orm), run.dialect, workerDatabaseUrl(run))
  const { MikroORM } = await importThroughVitest<typeof import('@mikro-orm/core')>('@mikro-orm/core')
  return MikroORM.init(options as Parameters<typeof MikroORM.init>[0])
}

/** The project's options with the connection replaced by the worker's database. */
export async function workerOrmOptions(user: OrmOptions, dialect: TestDialect, url: string): Promise<OrmOptions> {
  const options: OrmOptions = { ...user }
  if (options.driver === undefined) {
    const driver = DRIVERS[dialect]
    options.driver = (await importThroughVitest(driver.package))[driver.export]
  }
  // The project's own connection settings would win over the URL: drop them all.
  for (const key of ['dbName', 'clientUrl', 'host', 'port', 'user', 'password']) delete options[key]
  if (dialect === 'sqlite') options.dbName = parseDatabaseUrl(url, '/').file
  else options.clientUrl = url
  // Never create a missing database or its schema from the models: the copy comes from the
  // real migrations, or the test fails.
  options.ensureDatabase = false
  return options
}
