import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REPO } from '../helpers/project.js'
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

  it('has Vitest run only the modules between mig/vitest and its runner import; Node loads the rest of mig as it is', () => {
    const { inline, external } = (vitestSettings({}, {}) as { test: { server: { deps: { inline: RegExp[]; external: RegExp[] } } } }).test.server.deps
    const ranByVitest = (file: string) => inline.some((pattern) => pattern.test(file))
    const loadedByNode = (file: string) => !ranByVitest(file) && external.some((pattern) => pattern.test(file))
    // Where the plugin runs from (here the sources; a linked or workspace mig is not under
    // node_modules), a user install, and a pnpm store.
    const here = fileURLToPath(new URL('../../src/', import.meta.url))
    for (const dist of [here, '/app/node_modules/mig/dist/', '/app/node_modules/.pnpm/mig@0.1.0/node_modules/mig/dist/']) {
      for (const file of ['vitest.js', 'vitest/fixtures.js', 'vitest/migration-tests.js', 'vitest/worker-orm.js', 'vitest/worker-config.js', 'vitest/runner-import.js']) {
        expect(ranByVitest(dist + file), dist + file).toBe(true)
      }
      for (const file of ['vitest/global-setup.js', 'vitest/template.js', 'vitest/worker-database.js', 'vitest/store.js', 'index.js', 'commands/upgrade.js']) {
        expect(loadedByNode(dist + file), dist + file).toBe(true)
      }
    }
    expect(ranByVitest('/app/node_modules/mig/dist/vitest-like.js')).toBe(false)
    expect(loadedByNode('/app/node_modules/other/dist/index.js')).toBe(false)
  })
})

describe('mig/vitest imported by a Vitest config', () => {
  // The config process has no test runner: mig/vitest leaves Vitest's test runtime unloaded there,
  // and its test API says where it works instead of failing inside Vitest.
  it('gives the plugin, and its test API says it only works in test files', () => {
    const entry = pathToFileURL(join(REPO, 'dist/vitest.js')).href
    const script = `
      const { default: mig, test } = await import(${JSON.stringify(entry)})
      console.log(mig().name)
      try { test('x', () => {}) } catch (error) { console.log(error.message) }
    `
    // A config is loaded in Vitest's main process: no worker variables.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' })
    expect(child.stderr).toBe('')
    expect(child.stdout.split('\n')).toEqual(['mig:vitest', expect.stringMatching(/^mig\/vitest: 'test'.* only work in Vitest test files$/), ''])
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
