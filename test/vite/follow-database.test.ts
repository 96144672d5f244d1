import { cpSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { POSTGRES_URL, scratchPostgres, SKIP_POSTGRES } from '../helpers/databases.js'
import { launchChromium, startDevServer, type DevServer } from '../helpers/dev-server.js'
import { createProject, REPO, urlConfig, type TempProject } from '../helpers/project.js'

// The overlay follows the database, whatever changes it: here the real `mig upgrade` run as its
// own process, as in a terminal next to the browser. SQLite is followed through its files,
// PostgreSQL by reading the version table while a page is open.

/** What the dev server says at `GET /__mig/watch`. */
interface WatchState {
  checks: number
  reads: number
  pages: number
  polling: boolean
  files: string[]
}

let browser: Browser
let project: TempProject
let server: DevServer
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** The real `vite` CLI in the project, stopped after the test. */
async function startServer(dir: string): Promise<DevServer> {
  const started = (server = await startDevServer(dir))
  onTestFinished(() => started.stop())
  return started
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const watchState = async (): Promise<WatchState> => (await fetch(`${server.url}/__mig/watch`)).json() as Promise<WatchState>

/** A copy of the playground (SQLite) with no database yet: both its revisions are pending. */
function playground(): TempProject {
  const created = (project = createProject())
  onTestFinished(() => created.remove())
  cpSync(join(REPO, 'playground'), created.dir, { recursive: true, filter: (path) => !path.endsWith('.db') })
  return created
}

/** A PostgreSQL project with one model and one revision for it, not applied. */
async function postgresProject(): Promise<TempProject> {
  const database = await scratchPostgres()
  onTestFinished(() => database.drop())
  const created = (project = createProject(urlConfig(database.url, "  orm: async () => ({ entities: [(await import('./src/models.js')).Post] }),\n")))
  onTestFinished(() => created.remove())
  project.write('src/models.ts', "import { defineEntity, p } from '@mikro-orm/core'\n\nexport const Post = defineEntity({ name: 'Post', properties: { id: p.integer().primary(), title: p.string().length(200) } })\n")
  project.write('vite.config.ts', "import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n")
  project.write('index.html', '<!doctype html><title>posts</title><p>posts</p>')
  expect((await project.mig(['init'])).code).toBe(0)
  expect((await project.mig(['migrate', '-m', 'posts'])).code).toBe(0)
  return project
}

/** Opens the app; returns once the overlay says the database is behind. */
async function openBehind(): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(server.url)
  await expect.poll(() => page.locator('mig-overlay >> text=The database is behind').count(), { timeout: 20_000 }).toBe(1)
  // Gone after a reload: the overlay must clear in this very page.
  await page.evaluate(() => Object.assign(window, { loadedOnce: true }))
  return page
}

async function clearsAfterTerminalUpgrade(page: Page): Promise<void> {
  const upgrade = await project.mig(['upgrade'])
  expect(upgrade.stderr).toContain('Running upgrade')
  expect(upgrade.code).toBe(0)
  await expect.poll(() => page.locator('mig-overlay').count(), { timeout: 10_000, interval: 50 }).toBe(0)
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true)
  expect((await server.status()).state).toBe('clean')
}

describe('the overlay follows a terminal `mig upgrade`', () => {
  it('SQLite: clears without a reload', async () => {
    await startServer(playground().dir)
    const page = await openBehind()
    await clearsAfterTerminalUpgrade(page)
    expect((await watchState()).files).toContain(join(project.dir, 'playground.db-wal'))
  })

  it('SQLite in WAL mode (a commit writes only the -wal file): clears without a reload', async () => {
    const dir = playground().dir
    const db = new Database(join(dir, 'playground.db'))
    db.pragma('journal_mode = WAL')
    db.close()
    await startServer(dir)
    const page = await openBehind()
    await clearsAfterTerminalUpgrade(page)
    // The upgrade's commit is in the -wal file, not yet in the database file: the -wal was followed.
    expect(statSync(join(dir, 'playground.db-wal')).size).toBeGreaterThan(0)
  })

  it.skipIf(!POSTGRES_URL)(`PostgreSQL: clears without a reload${SKIP_POSTGRES}`, async () => {
    await startServer((await postgresProject()).dir)
    const page = await openBehind()
    expect((await watchState()).polling).toBe(true)
    await clearsAfterTerminalUpgrade(page)
  })
})

describe('with no page open', () => {
  it.skipIf(!POSTGRES_URL)(`PostgreSQL: nothing reads the database until a page opens, and reading stops when it closes${SKIP_POSTGRES}`, async () => {
    await startServer((await postgresProject()).dir)
    await server.waitForState('database-behind')
    const started = await watchState()
    expect(started).toMatchObject({ pages: 0, reads: 0, polling: false })

    // Upgraded in a terminal while no page is open: nobody looks, nothing runs.
    expect((await project.mig(['upgrade'])).code).toBe(0)
    await sleep(1_500)
    expect(await watchState()).toMatchObject({ pages: 0, reads: 0, polling: false, checks: started.checks })
    expect((await server.status()).state).toBe('database-behind')

    // A page opens: it is told the truth, and the version table is read while it stays.
    const page = await browser.newPage()
    await page.goto(server.url)
    await server.waitForState('clean')
    await expect.poll(async () => (await watchState()).reads, { timeout: 10_000 }).toBeGreaterThan(1)
    expect(await page.locator('mig-overlay').count()).toBe(0)

    await page.close()
    await expect.poll(async () => (await watchState()).pages, { timeout: 10_000 }).toBe(0)
    const closed = await watchState()
    expect(closed.polling).toBe(false)
    await sleep(1_500)
    expect(await watchState()).toMatchObject({ reads: closed.reads, checks: closed.checks })
  })

  it("SQLite: a terminal upgrade is checked (the file changed); the app's own writes read the rows but run no check", async () => {
    const dir = playground().dir
    await startServer(dir)
    await server.waitForState('database-behind')
    expect((await project.mig(['upgrade'])).code).toBe(0)
    await server.waitForState('clean')
    const quiet = await settled()
    expect(quiet).toMatchObject({ pages: 0, polling: false })

    const db = new Database(join(dir, 'playground.db'))
    db.prepare("insert into note (title, done) values ('written by the app', 0)").run()
    db.close()
    await expect.poll(async () => (await watchState()).reads, { timeout: 10_000 }).toBeGreaterThan(quiet.reads)
    // The reads stop by themselves (the watch's own connection touches no file) and no check ran.
    expect((await settled()).checks).toBe(quiet.checks)
  })
})

/** Waits until the watch has been still for a second (no read, no check), and returns its state. */
async function settled(): Promise<WatchState> {
  let last = await watchState()
  for (let i = 0; i < 20; i++) {
    await sleep(1_000)
    const now = await watchState()
    if (now.reads === last.reads && now.checks === last.checks) return now
    last = now
  }
  throw new Error(`the database watch never settled: ${JSON.stringify(last)}`)
}
