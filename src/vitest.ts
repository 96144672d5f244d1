/**
 * mig in Vitest: a throwaway database per test run, upgraded by the real migrations, one copy
 * per worker; `test` with `orm`/`em` fixtures on it; and the ready-made migration tests.
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import mig from 'mig/vitest'
 * export default defineConfig({ plugins: [mig()] })
 *
 * // test/user.test.ts
 * import { test } from 'mig/vitest'
 * test('saves a user', async ({ em }) => { ... })
 */
import './vitest/provided.js'
import type { MigConfig } from './config/types.js'
import type { TestDatabases } from './vitest/template.js'

export { mig, mig as default } from './vitest/plugin.js'
export { test } from './vitest/fixtures.js'
export { migrationTests } from './vitest/migration-tests.js'
export { bindDatabaseUrl, workerDatabaseUrl } from './vitest/worker-database.js'

export type { MigVitestOptions } from './vitest/plugin.js'
export type { MigFixtures } from './vitest/fixtures.js'
export type { MigrationTestsOptions } from './vitest/migration-tests.js'
export type { BindTestRun, MigTestRun, TestDialect } from './vitest/provided.js'
export type { TestDatabases } from './vitest/template.js'

/**
 * The template machinery without Vitest (for benchmarks and custom runners): a throwaway
 * template migrated to the heads, copies per worker, all dropped by `dispose()`. Loaded on
 * first call, so test files that only use `test` do not load mig's commands.
 *
 * @example
 * const databases = await createTestDatabases(await loadConfig())
 * try {
 *   const run = await databases.migrate()    // run.templateMs: the upgrade's duration
 *   const url = await databases.worker(1)
 * } finally {
 *   await databases.dispose()
 * }
 */
export async function createTestDatabases(config: MigConfig): Promise<TestDatabases> {
  const { createTestDatabases: create } = await import('./vitest/template.js')
  return create(config)
}
