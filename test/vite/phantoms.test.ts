import { cpSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { POSTGRES_URL, scratchPostgres, SKIP_POSTGRES } from '../helpers/databases.js'
import { git, gitInit } from '../helpers/git.js'
import { launchChromium, startDevServer, type DevServer } from '../helpers/dev-server.js'
import { createProject, REPO, urlConfig, type TempProject } from '../helpers/project.js'
import { revisionSource } from '../helpers/revisions.js'

// The dev database follows git in the browser: a `git switch` leaves a revision applied whose
// file is gone; the overlay names it (since when, from which branch) and its Sync button
// downgrades it from the source mig kept, then upgrades to the heads.

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

const EXTRA = revisionSource({
  id: 'feed00000001',
  down: '48f7d7cc34a1',
  message: 'extra table',
  upgrade: ["await op.createTable('extra', [{ name: 'id', type: 'integer', primary: true }])"],
  downgrade: ["await op.dropTable('extra')"],
})

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true })
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((row) => (row as { name: string }).name)
  db.close()
  return names
}

/** The playground in a git repository, with `feature/extra` adding EXTRA, checked out and upgraded. */
async function playgroundOnFeature(viteConfig?: string): Promise<TempProject> {
  const project = createProject()
  onTestFinished(() => project.remove())
  cpSync(join(REPO, 'playground'), project.dir, { recursive: true, filter: (path) => !path.endsWith('.db') })
  if (viteConfig) project.write('vite.config.ts', viteConfig)
  await onFeatureBranch(project, '48f7d7cc34a1')
  return project
}

async function onFeatureBranch(project: TempProject, parent: string): Promise<void> {
  project.write('.gitignore', 'node_modules\n*.db*\n')
  gitInit(project.dir)
  git(project.dir, 'switch', '-q', '-c', 'feature/extra')
  project.write('migrations/versions/feed00000001_extra.ts', EXTRA.replace("'48f7d7cc34a1'", `'${parent}'`))
  git(project.dir, 'add', '-A')
  git(project.dir, 'commit', '-q', '-m', 'extra')
  expect((await project.mig(['upgrade'])).code).toBe(0)
}

/** The dev server started on the feature branch with a page open, then `git switch main`. */
async function switchWithPageOpen(dir: string): Promise<{ server: DevServer; page: Page }> {
  const server = await startDevServer(dir)
  onTestFinished(() => server.stop())
  const page = await browser.newPage()
  await page.goto(server.url)
  // (The branch's revision adds a table no model has.)
  await server.waitForState('models-changed')
  git(dir, 'switch', '-q', 'main')
  return { server, page }
}

describe('phantoms in the dev overlay', () => {
  it('a git switch shows the phantom with its branch, and Sync removes it', async () => {
    const project = await playgroundOnFeature()

    const { server, page } = await switchWithPageOpen(project.dir)
    const overlay = page.locator('mig-overlay >> text=The database has revisions whose files are gone')
    await expect.poll(() => overlay.count(), { timeout: 20_000 }).toBe(1)
    expect(await page.locator('mig-overlay >> li').first().textContent()).toMatch(/^feed00000001 extra table phantom: file missing, applied (just now|\d+ min ago) on branch feature\/extra$/)

    await page.locator('mig-overlay >> button[data-action=sync]').click()
    await expect.poll(() => page.locator('mig-overlay').count(), { timeout: 20_000 }).toBe(0)
    expect((await server.status()).state).toBe('clean')
    const file = join(project.dir, 'playground.db')
    expect(tables(file)).not.toContain('extra')
    // The snapshot the sync took lies beside the database, and the phantom's source is not left in the migrations folder.
    expect(readdirSync(project.dir).filter((name) => name.startsWith('playground.db.before-sync-'))).toHaveLength(1)
    expect(existsSync(join(project.dir, 'migrations', '.mig-phantoms'))).toBe(false)
  })

  it('autoSync: the dev server syncs on its own after the switch', async () => {
    const project = await playgroundOnFeature("import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig({ autoSync: true })] })\n")
    const server = await startDevServer(project.dir)
    onTestFinished(() => server.stop())
    await server.waitForState('models-changed')
    git(project.dir, 'switch', '-q', 'main')
    await server.waitForState('clean')
    expect(tables(join(project.dir, 'playground.db'))).not.toContain('extra')
  })

  it.skipIf(!POSTGRES_URL)(`PostgreSQL: Sync lets go of the dev server's own connections so the snapshot can be taken${SKIP_POSTGRES}`, async () => {
    const database = await scratchPostgres()
    onTestFinished(() => database.drop())
    const project = createProject(urlConfig(database.url, "  orm: async () => ({ entities: [(await import('./src/models.js')).Post] }),\n"))
    onTestFinished(() => project.remove())
    project.write('src/models.ts', "import { defineEntity, p } from '@mikro-orm/core'\n\nexport const Post = defineEntity({ name: 'Post', properties: { id: p.integer().primary(), title: p.string().length(200) } })\n")
    project.write('vite.config.ts', "import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n")
    project.write('index.html', '<!doctype html><title>posts</title><p>posts</p>')
    expect((await project.mig(['init'])).code).toBe(0)
    expect((await project.mig(['migrate', '-m', 'posts', '--rev-id', 'aaaa00000001'])).code).toBe(0)
    await onFeatureBranch(project, 'aaaa00000001')

    const { page } = await switchWithPageOpen(project.dir)
    await expect.poll(() => page.locator('mig-overlay >> button[data-action=sync]').count(), { timeout: 20_000 }).toBe(1)
    await page.locator('mig-overlay >> button[data-action=sync]').click()
    await expect.poll(() => page.locator('mig-overlay').count(), { timeout: 20_000 }).toBe(0)
    expect((await database.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'extra'"))[0]!.n).toBe('0')
    const snapshots = await database.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${new URL(database.url).pathname.slice(1)}_before_sync_%'`)
    expect(snapshots).toHaveLength(1)
    for (const { datname } of snapshots) await database.query(`DROP DATABASE "${datname}"`)
  })
})
