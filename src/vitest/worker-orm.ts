import type { MikroORM } from '@mikro-orm/core'
import { parseDatabaseUrl } from '../config/database-url.js'
import { MIKRO_ORM_DRIVERS, pointOrmAt, readOrmOptions } from '../config/orm-options.js'
import type { OrmOptions } from '../config/types.js'
import type { MigTestRun, TestDialect } from './provided.js'
import { importThroughVitest } from './runner-import.js'
import { loadWorkerConfig } from './worker-config.js'
import { bindDatabaseUrl, workerDatabaseUrl } from './worker-database.js'

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

/**
 * Like `openWorkerOrm`, for a bind of a multidb project: the bind's own `orm` options on this
 * worker's copy of the bind's database.
 *
 * @example
 * const users = await openBindOrm(inject('mig'), 'users')
 */
export async function openBindOrm(run: MigTestRun, bind: string): Promise<MikroORM> {
  const url = bindDatabaseUrl(bind, run)
  const config = await loadWorkerConfig(run)
  const options = await workerOrmOptions(await readOrmOptions(config.binds[bind]?.orm), run.binds![bind]!.dialect, url)
  const { MikroORM } = await importThroughVitest<typeof import('@mikro-orm/core')>('@mikro-orm/core')
  return MikroORM.init(options as Parameters<typeof MikroORM.init>[0])
}

/** The project's options with the connection replaced by the worker's database. */
export async function workerOrmOptions(user: OrmOptions, dialect: TestDialect, url: string): Promise<OrmOptions> {
  const options: OrmOptions = { ...user }
  if (options.driver === undefined) {
    const driver = MIKRO_ORM_DRIVERS[dialect]
    options.driver = (await importThroughVitest(driver.package))[driver.export]
  }
  pointOrmAt(options, parseDatabaseUrl(url, '/'))
  // Never create a missing database or its schema from the models: the copy comes from the
  // real migrations, or the test fails.
  options.ensureDatabase = false
  return options
}
