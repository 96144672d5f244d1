import { describe, expect, it } from 'vitest'
import { decoratorConfig, withRating, writeDecoratorProject } from '../helpers/decorator-project.js'
import { devServerInBrowser } from '../helpers/dev-server.js'
import { createProject, type RunResult } from '../helpers/project.js'

// The CLI loads models with mig's own loader (swc), the dev server through Vite's SSR (oxc, one
// file at a time, with tsconfig's decorator flags): both must read the same decorated model.

function ok(result: RunResult): RunResult {
  expect(result.code, result.stderr).toBe(0)
  return result
}

const dev = devServerInBrowser(async () => {
  const project = createProject(decoratorConfig)
  writeDecoratorProject(project)
  project.write('vite.config.ts', "import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n")
  project.write('index.html', '<!doctype html>\n<html><body><h1>Books</h1></body></html>\n')
  ok(await project.mig(['init']))
  ok(await project.mig(['migrate', '-m', 'init']))
  ok(await project.mig(['upgrade']))
  return project
})

describe('the dev loop on decorator entities (ESM, reflect-metadata)', () => {
  it('starts clean after mig migrate + upgrade, shows a new decorated property, clears once it is migrated, and shows a removed one', async () => {
    // The imported numeric enum used as a plain property (`minimumLevel?: Level`) is the case
    // where Vite's own transform and mig's CLI would disagree (enum object vs Number).
    await dev.server.waitForState('clean')
    expect(dev.server.output()).toContain('[mig] models match the migrations')
    expect(dev.server.output()).not.toMatch(/not in a migration|\[mig\] error/)
    const page = await dev.browser.newPage()
    await page.goto(dev.server.url)
    await expect(page.locator('h1').textContent()).resolves.toBe('Books')
    expect(await page.locator('mig-overlay').count()).toBe(0)

    dev.project.write('src/entities/book.entity.ts', withRating(dev.project.read('src/entities/book.entity.ts')))
    const overlay = page.locator('mig-overlay')
    await expect.poll(() => overlay.locator('li').allTextContents(), { timeout: 20_000 }).toEqual(["added column 'book.rating'"])

    // The CLI reads the edited entity as the dev server did: its revision is exactly that column.
    const migrate = ok(await dev.project.mig(['migrate', '-m', 'add rating']))
    expect((migrate.stdout + migrate.stderr).match(/^Detected .*$/gm)).toEqual(["Detected added column 'book.rating'"])
    const revision = dev.project.list('migrations/versions').find((name) => name.endsWith('_add_rating.ts'))!
    expect(dev.project.read(`migrations/versions/${revision}`)).toMatch(/function upgrade[^]*\{ name: 'rating', type: 'integer' \}[^]*function downgrade/)

    // The new revision shows as pending; Apply upgrades the dev database and the overlay clears.
    await expect.poll(() => overlay.locator('button[data-action=apply]').count(), { timeout: 20_000 }).toBe(1)
    await overlay.locator('button[data-action=apply]').click()
    await expect.poll(() => overlay.count(), { timeout: 20_000 }).toBe(0)
    expect((await dev.server.status()).state).toBe('clean')
    ok(await dev.project.mig(['check']))

    // A removed decorated property: the re-run class starts from empty metadata, not from what
    // the old class left in MikroORM's global decorator store.
    dev.project.write('src/entities/book.entity.ts', dev.project.read('src/entities/book.entity.ts').replace('  @Property() pages!: number\n', ''))
    await expect.poll(() => overlay.locator('li').allTextContents(), { timeout: 20_000 }).toEqual(["removed column 'book.pages'"])
    await page.close()
  })
})
