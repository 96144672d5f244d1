/**
 * How a project uses mig/vitest, checked by the type checker (`npm run typecheck`); Vitest
 * never runs this file.
 */
import { describe, expect, expectTypeOf, inject } from 'vitest'
import { defineConfig } from 'vitest/config'
import type { MikroORM } from '@mikro-orm/core'
import type { SqlEntityManager } from '@mikro-orm/knex'
import mig, { migrationTests, test, workerDatabaseUrl, type MigTestRun } from '../../src/vitest.js'

export const config = defineConfig({ plugins: [mig({ config: 'db/mig.config.ts' })] })

test('has typed fixtures', async ({ em, orm, commits }) => {
  expectTypeOf(em).toEqualTypeOf<SqlEntityManager>()
  expectTypeOf(orm).toEqualTypeOf<MikroORM>()
  expectTypeOf(commits).toEqualTypeOf<boolean>()
  expect(await em.execute('select 1')).toHaveLength(1)
})

describe('tests that commit', () => {
  test.override({ commits: true })
  test.skip('commits', async ({ em }) => {
    await em.flush()
  })
})

expectTypeOf(inject('mig')).toEqualTypeOf<MigTestRun>()
expectTypeOf(workerDatabaseUrl()).toEqualTypeOf<string>()
migrationTests({ skip: ['stairway'], timeout: 300_000 })
