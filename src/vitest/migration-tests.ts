import type { MigConfig } from '../config/types.js'
import { names, openStore } from './store.js'
import { loadWorkerConfig } from './worker-config.js'
import { vitestRuntime } from './vitest-runtime.js'
import { currentRun, poolId, workerDatabaseUrl } from './worker-database.js'

export interface MigrationTestsOptions {
  /** Checks to leave out. */
  skip?: ReadonlyArray<'singleHead' | 'upgrade' | 'stairway' | 'models'>
  /** Timeout of each check in ms (the stairway runs three commands per revision). Default 120 000. */
  timeout?: number
}

let serial = 0

/**
 * Registers mig's ready-made migration tests (the pytest-alembic set) in the calling test file:
 * a single head; an empty database upgrades from base to the heads; every revision goes up,
 * down and up again (stairway); the models match the migrations (a model change without a
 * revision fails, naming the table and column). Each migrating check gets an empty throwaway
 * database of its own; the models are compared with the worker's copy of the template.
 *
 * @example
 * // test/migrations.test.ts
 * import { migrationTests } from 'mig/vitest'
 *
 * migrationTests()
 */
export function migrationTests(options: MigrationTestsOptions = {}): void {
  const skip = new Set(options.skip ?? [])
  const timeout = options.timeout ?? 120_000
  const config = () => loadWorkerConfig(currentRun())
  // mig's commands load when a check runs, not when a test file imports mig/vitest.
  const checks = () => import('./migration-checks.js')
  const { describe, test } = vitestRuntime()
  describe('migrations', () => {
    test.skipIf(skip.has('singleHead'))('have a single head', { timeout }, async () => {
      await (await checks()).checkSingleHead(await config())
    })
    test.skipIf(skip.has('upgrade'))('upgrade an empty database from base to the heads', { timeout }, async () => {
      const { checkUpgrade } = await checks()
      await withEmptyDatabase(async (url) => checkUpgrade(await config(), url))
    })
    test.skipIf(skip.has('stairway'))('go up, down and up again one revision at a time (stairway)', { timeout }, async () => {
      const { checkStairway } = await checks()
      await withEmptyDatabase(async (url) => checkStairway(await config(), url))
    })
    test.skipIf(skip.has('models'))('match the models (no change without a revision)', { timeout }, async (context) => {
      const resolved: MigConfig = await config()
      if (resolved.orm === undefined) context.skip("mig.config has no 'orm' option: there are no models to compare")
      await (await checks()).checkModels(resolved, workerDatabaseUrl())
    })
  })
}

/** An empty database for one check, dropped afterwards whatever happens. */
async function withEmptyDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const store = await openStore(currentRun())
  const name = names.scratch(poolId(), ++serial)
  const url = await store.createEmpty(name)
  try {
    await work(url)
  } finally {
    await store.drop(name)
  }
}
