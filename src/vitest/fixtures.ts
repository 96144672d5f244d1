import type { MikroORM } from '@mikro-orm/core'
import type { SqlEntityManager } from '@mikro-orm/knex'
import type { TestAPI } from 'vitest'
import { openWorkerOrm } from './worker-orm.js'
import { currentRun, resetWorkerDatabase } from './worker-database.js'
import { vitestRuntime } from './vitest-runtime.js'

/** The fixtures `test` from `mig/vitest` adds to Vitest's. */
export interface MigFixtures {
  /** MikroORM on this worker's database, started once per worker (per file with `isolate`). */
  orm: MikroORM
  /**
   * Multidb: MikroORM on this worker's copy of a bind's database, with the bind's own models;
   * started on first use and kept for the worker. Its writes commit: set `commits` to have every
   * database restored from its template after the test.
   * @example const users = (await bindOrm('users')).em.fork()
   */
  bindOrm(bind: string): Promise<MikroORM>
  /**
   * An entity manager in a transaction that is rolled back after the test (see `commits`).
   * Other connections (`orm.em.fork()`, an app's own pool) do not see the test's rows, and on
   * SQLite, which has one connection, they wait for it: hand them `em` (or
   * `em.fork({ keepTransactionContext: true })`), or set `commits`.
   */
  em: SqlEntityManager
  /**
   * `false` (default): `em` runs in a transaction rolled back after the test, so no test sees
   * another's rows. `true`: `em` commits like the application does, and the worker's database
   * is restored from the template after the test.
   */
  commits: boolean
}

type MigTest = TestAPI<MigFixtures>

function createTest(): MigTest {
  return vitestRuntime().test.extend<{ $worker: Pick<MigFixtures, 'orm' | 'bindOrm'>; $test: Omit<MigFixtures, 'orm' | 'bindOrm'> }>({
    commits: false,
    orm: [
      async ({}, use) => {
        const orm = await openWorkerOrm(currentRun())
        await use(orm)
        await orm.close(true)
      },
      { scope: 'worker' },
    ],
    bindOrm: [
      async ({}, use) => {
        const opened = new Map<string, Promise<MikroORM>>()
        const open = (bind: string) => {
          if (!opened.has(bind)) opened.set(bind, openWorkerOrm(currentRun(), bind))
          return opened.get(bind)!
        }
        await use(Object.assign(open, { opened }))
        for (const orm of opened.values()) await (await orm.catch(() => undefined))?.close(true)
      },
      { scope: 'worker' },
    ],
    em: async ({ orm, commits, bindOrm }, use) => {
      const em = orm.em.fork() as SqlEntityManager
      if (commits) {
        await use(em)
        // The copies are replaced under MikroORM: let go of their connections first.
        const all = [orm, ...(await openedBindOrms(bindOrm))]
        for (const each of all) await each.close(true)
        await resetWorkerDatabase()
        for (const each of all) await each.connect()
        return
      }
      await em.begin()
      await use(em)
      if (em.isInTransaction()) await em.rollback()
    },
  }) as MigTest
}

/** The bind ORMs a worker has started so far. */
async function openedBindOrms(bindOrm: MigFixtures['bindOrm']): Promise<MikroORM[]> {
  const opened = (bindOrm as MigFixtures['bindOrm'] & { opened?: Map<string, Promise<MikroORM>> }).opened
  const settled = await Promise.all([...(opened?.values() ?? [])].map((orm) => orm.catch(() => undefined)))
  return settled.filter((orm): orm is MikroORM => orm !== undefined)
}

let created: MigTest | undefined
const real = (): MigTest => (created ??= createTest())

/**
 * Vitest's `test` with `orm` and `em` fixtures on this worker's throwaway database. Each test's
 * `em` runs in a transaction that is rolled back afterwards; for a test that must commit (it
 * opens its own connections, or tests transactions), set `commits`.
 *
 * Created on first use: Vitest only allows `test.extend` inside a test file, and this module is
 * also loaded by the Vitest config (for the plugin).
 *
 * @example
 * import { test } from 'mig/vitest'
 *
 * test('creates a user', async ({ em }) => {
 *   em.create(User, { name: 'Ada' })
 *   await em.flush()
 *   expect(await em.count(User)).toBe(1)      // rolled back after the test
 * })
 *
 * describe('with commits', () => {
 *   test.override({ commits: true })
 *   test('sees its own commit from another connection', async ({ em, orm }) => { ... })
 * })
 */
export const test: MigTest = new Proxy((() => {}) as unknown as MigTest, {
  apply: (_target, _this, args: unknown[]) => Reflect.apply(real() as unknown as (...a: unknown[]) => unknown, undefined, args),
  get: (_target, key) => Reflect.get(real(), key),
  has: (_target, key) => Reflect.has(real(), key),
})
