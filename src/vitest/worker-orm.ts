import type { MikroORM } from '@mikro-orm/core'
import { parseDatabaseUrl } from '../config/database-url.js'
import { MIKRO_ORM_DRIVERS, needsDriverFor, pointOrmAt, readOrmOptions } from '../config/orm-options.js'
import type { OrmOptions } from '../config/types.js'
import type { MigTestRun, TestDialect } from './provided.js'
import { importThroughVitest } from './runner-import.js'
import { loadWorkerConfig } from './worker-config.js'
import { bindDatabaseUrl, workerDatabaseUrl } from './worker-database.js'

/**
 * Starts MikroORM with the project's `orm` options from mig.config, pointed at this worker's
 * database; with `bind` (multidb), the bind's own `orm` options on this worker's copy of the
 * bind's database. MikroORM and the driver are imported through Vitest, as the test files
 * import them.
 *
 * @example
 * const orm = await openWorkerOrm(inject('mig'))
 * try { await orm.em.fork().find(User, {}) } finally { await orm.close(true) }
 * const users = await openWorkerOrm(inject('mig'), 'users')
 */
export async function openWorkerOrm(run: MigTestRun, bind?: string): Promise<MikroORM> {
  // First: an unknown bind is named before anything is loaded.
  const url = bind === undefined ? workerDatabaseUrl(run) : bindDatabaseUrl(bind, run)
  const config = await loadWorkerConfig(run)
  const orm = bind === undefined ? config.orm : config.binds[bind]?.orm
  const dialect = bind === undefined ? run.dialect : run.binds![bind]!.dialect
  const options = await workerOrmOptions(await readOrmOptions(orm), dialect, url)
  const { MikroORM } = await importThroughVitest<typeof import('@mikro-orm/core')>('@mikro-orm/core')
  return MikroORM.init(options as Parameters<typeof MikroORM.init>[0])
}

/** The project's options with the connection replaced by the worker's database. */
export async function workerOrmOptions(user: OrmOptions, dialect: TestDialect, url: string): Promise<OrmOptions> {
  const options: OrmOptions = { ...user }
  if (needsDriverFor(options.driver, dialect)) {
    const driver = MIKRO_ORM_DRIVERS[dialect]
    options.driver = (await importThroughVitest(driver.package))[driver.export]
  }
  pointOrmAt(options, parseDatabaseUrl(url, '/'))
  // Never create a missing database or its schema from the models: the copy comes from the
  // real migrations, or the test fails.
  options.ensureDatabase = false
  return options
}
