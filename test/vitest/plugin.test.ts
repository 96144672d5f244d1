import { describe, expect, it } from 'vitest'
import { isVitest, vitestSettings } from '../../src/vitest/plugin.js'
import { workerOrmOptions } from '../../src/vitest/worker-orm.js'

describe('the wiring a plugin adds when Vitest runs', () => {
  it('is only added under Vitest, not in a vite server that merely inherits VITEST=true', () => {
    expect(isVitest({ plugins: [[{ name: 'vitest' }], { name: 'mig' }] })).toBe(true)
    expect(isVitest({ plugins: [{ name: 'vitest:project' }] })).toBe(true)
    expect(isVitest({ plugins: [{ name: 'mig' }, null, [false]] })).toBe(false)
    expect(isVitest({})).toBe(false)
  })

  it("runs mig's setup file before the project's own, and its global setup", () => {
    const user = { test: { setupFiles: './test/setup.ts' } }
    const settings = vitestSettings(user, { config: 'db/mig.config.ts' }) as { test: Record<string, unknown> }
    expect(user.test.setupFiles).toEqual([expect.stringMatching(/[\\/]vitest[\\/]setup\.js$/), './test/setup.ts'])
    expect(settings.test.globalSetup).toEqual([expect.stringMatching(/[\\/]vitest[\\/]global-setup\.js$/)])
    expect(settings.test.provide).toEqual({ migSetup: { config: 'db/mig.config.ts' } })
    // Called twice (mig/vite and mig/vitest both present): still one setup file.
    vitestSettings(user, {})
    expect(user.test.setupFiles).toHaveLength(2)
  })

  it('has Vitest run mig/vitest itself, in a user install and in a pnpm store', () => {
    const [inline] = (vitestSettings({}, {}) as { test: { server: { deps: { inline: RegExp[] } } } }).test.server.deps.inline
    expect(inline!.test('/app/node_modules/mig/dist/vitest.js')).toBe(true)
    expect(inline!.test('/app/node_modules/.pnpm/mig@0.1.0/node_modules/mig/dist/vitest/fixtures.js')).toBe(true)
    expect(inline!.test('/app/node_modules/mig/dist/index.js')).toBe(false)
    expect(inline!.test('/app/node_modules/mig/dist/vitest-like.js')).toBe(false)
  })
})

describe("the worker's MikroORM options", () => {
  it("keep the project's options but connect only to the worker's database, and never create one", async () => {
    const driver = class PostgreSqlDriver {}
    const options = await workerOrmOptions(
      { driver, entities: ['User'], dbName: 'app', host: 'db', user: 'me', password: 'secret', debug: true },
      'postgresql',
      'postgresql://me:secret@db:5432/mig_vt_x_g1_w2',
    )
    expect(options).toEqual({
      driver,
      entities: ['User'],
      debug: true,
      clientUrl: 'postgresql://me:secret@db:5432/mig_vt_x_g1_w2',
      ensureDatabase: false,
    })
  })

  it('take the SQLite file from the URL', async () => {
    const driver = class BetterSqliteDriver {}
    const options = await workerOrmOptions({ driver, clientUrl: 'sqlite:app.db' }, 'sqlite', 'sqlite:/tmp/mig-vitest-1-x/g1_w1.sqlite')
    expect(options).toEqual({ driver, dbName: '/tmp/mig-vitest-1-x/g1_w1.sqlite', ensureDatabase: false })
  })
})
