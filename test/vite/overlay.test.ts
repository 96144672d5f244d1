import { cpSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { devServerInBrowser } from '../helpers/dev-server.js'
import { createProject, REPO } from '../helpers/project.js'

/** The playground, copied into a throwaway project so the test can edit its models. */
const dev = devServerInBrowser(async () => {
  const project = createProject()
  cpSync(join(REPO, 'playground'), project.dir, { recursive: true, filter: (path) => !path.endsWith('.db') })
  expect((await project.mig(['upgrade'])).code).toBe(0)
  return project
})

describe('the dev loop in a real browser', () => {
  it('shows model changes without a migration, generates one, applies it, and clears', async () => {
    await dev.server.waitForState('clean')
    const page = await dev.browser.newPage()
    await page.goto(dev.server.url)
    // The app runs on the database the migrations built, with no overlay in the way.
    await page.locator('#add input[name=title]').fill('a first note')
    await page.locator('#add button').click()
    await expect.poll(() => page.locator('#notes li', { hasText: 'a first note' }).count(), { timeout: 20_000 }).toBe(1)
    expect(await page.locator('#error').textContent()).toBe('')
    expect(await page.locator('mig-overlay').count()).toBe(0)

    const models = dev.project.read('src/models.ts')
    dev.project.write('src/models.ts', models.replace("title: p.string().length(200),", "title: p.string().length(200),\n    priority: p.integer().nullable(),"))
    await expect.poll(() => page.locator('mig-overlay >> text=note.priority').count(), { timeout: 20_000 }).toBeGreaterThan(0)

    // The overlay comes back after a reload while the problem stands.
    await page.reload()
    await expect.poll(() => page.locator('mig-overlay >> text=note.priority').count(), { timeout: 20_000 }).toBeGreaterThan(0)

    const before = readdirSync(join(dev.project.dir, 'migrations/versions')).length
    await page.locator('mig-overlay >> input[name=message]').fill('add priority')
    await page.locator('mig-overlay >> button[data-action=generate]').click()
    await expect.poll(() => page.locator('mig-overlay >> button[data-action=apply]').count(), { timeout: 20_000 }).toBe(1)
    const versions = readdirSync(join(dev.project.dir, 'migrations/versions'))
    expect(versions.length).toBe(before + 1)
    expect(versions.some((name) => name.endsWith('_add_priority.ts'))).toBe(true)

    await page.locator('mig-overlay >> button[data-action=apply]').click()
    await expect.poll(() => page.locator('mig-overlay').count(), { timeout: 20_000 }).toBe(0)
    expect((await dev.server.status()).state).toBe('clean')
    await page.close()
  })

  it('refuses actions from another origin or without the token', async () => {
    const page = await dev.browser.newPage()
    await page.goto(dev.server.url)
    const token = await (await fetch(`${dev.server.url}/@id/virtual:mig-client`)).text().then((code) => /const TOKEN = "([0-9a-f]+)"/.exec(code)![1]!)
    const post = (headers: Record<string, string>) => fetch(`${dev.server.url}/__mig/apply`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' })
    expect((await post({ origin: 'http://evil.example', 'x-mig-token': token })).status).toBe(403)
    expect((await post({ origin: dev.server.url })).status).toBe(403)
    expect((await post({ origin: dev.server.url, 'x-mig-token': 'wrong' })).status).toBe(403)
    expect((await post({ 'x-mig-token': token })).status).toBe(403)
    expect((await post({ origin: dev.server.url, 'x-mig-token': token })).status).toBe(200)
    // From a page on another origin, the browser itself sends that origin.
    const refused = await page.evaluate(async (url) => {
      const other = `${url.replace('127.0.0.1', 'localhost')}/__mig/apply`
      try {
        const response = await fetch(other, { method: 'POST', body: '{}', headers: { 'x-mig-token': 'x' } })
        return response.status
      } catch {
        return 'blocked'
      }
    }, dev.server.url)
    expect(refused === 403 || refused === 'blocked').toBe(true)
    await page.close()
  })
})
