import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { withRating } from '../helpers/decorator-project.js'
import { launchChromium } from '../helpers/dev-server.js'
import { startNode, type LongProcess } from '../helpers/long-process.js'
import type { TempProject } from '../helpers/project.js'
import { bundlerProject, configWasLoaded } from './project.js'

// A user's webpack 5 setup: mig/webpack in the config, webpack-dev-server started from a script;
// and the same app under Rspack's own dev server with mig/rspack.
const files = {
  'webpack.config.mjs': `import { fileURLToPath } from 'node:url'
import mig from 'mig/webpack'

export default {
  mode: 'development',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './src/main.js',
  output: { path: fileURLToPath(new URL('./dist', import.meta.url)), filename: 'main.js' },
  plugins: [mig()],
}
`,
  'serve.mjs': `import webpack from 'webpack'
import Server from 'webpack-dev-server'
import config from './webpack.config.mjs'

const server = new Server({ host: '127.0.0.1', port: 'auto', static: './public', hot: false }, webpack(config))
await server.start()
console.log('serving on http://127.0.0.1:' + server.server.address().port)
`,
  'serve-rspack.mjs': `import { rspack } from '@rspack/core'
import { RspackDevServer } from '@rspack/dev-server'
import mig from 'mig/rspack'

const compiler = rspack({ mode: 'development', context: process.cwd(), entry: './src/main.js', output: { filename: 'main.js' }, plugins: [mig()] })
const server = new RspackDevServer({ host: '127.0.0.1', port: 'auto', static: './public', hot: false }, compiler)
await server.start()
console.log('serving on http://127.0.0.1:' + server.server.address().port)
`,
  'build.mjs': `import webpack from 'webpack'
import config from './webpack.config.mjs'

webpack({ ...config, mode: 'production' }, (error, stats) => {
  if (error) throw error
  console.log(JSON.stringify({ warnings: stats.toJson().warnings.map((w) => w.message), errors: stats.toJson().errors.map((e) => e.message) }))
})
`,
}

let project: TempProject
let server: { script: string; process: LongProcess } | undefined
let browser: Browser | undefined

/**
 * Opens a page of the dev server that `script` starts (started once, kept for the next test of the
 * same script); `overlayText` reads the dev server's overlay iframe ('' when there is none).
 */
async function openPage(script: string, overlayFrame: string): Promise<{ page: Page; overlayText: () => Promise<string> }> {
  if (server?.script !== script) {
    await server?.process.stop('SIGKILL')
    server = { script, process: startNode(project.dir, [script]) }
  }
  const [, url] = await server.process.waitFor(/serving on (http:\S+)/)
  browser ??= await launchChromium()
  const page = await browser.newPage()
  await page.goto(url!)
  await expect.poll(() => page.locator('h1').textContent()).toBe('Books')
  const overlayText = async () => ((await page.locator(overlayFrame).count()) === 0 ? '' : ((await page.frameLocator(overlayFrame).locator('body').textContent()) ?? ''))
  return { page, overlayText }
}

beforeAll(async () => {
  project = await bundlerProject(files)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.process.stop('SIGKILL')
  project?.remove()
})

describe('mig/webpack', () => {
  it('a production build reports nothing and never loads the config', async () => {
    project.write('src/entities/book.entity.ts', withRating(project.read('src/entities/book.entity.ts')))
    try {
      const build = startNode(project.dir, ['build.mjs'])
      const [json] = await build.waitFor(/\{"warnings".*\}/)
      expect(JSON.parse(json!)).toEqual({ warnings: [], errors: [] })
      expect(await build.exited()).toBe(0)
      expect(configWasLoaded(project)).toBe(false)
    } finally {
      project.write('src/entities/book.entity.ts', project.read('src/entities/book.entity.ts').replace(/  @Property\(\{ nullable: true \}\) rating\?: number\n/, ''))
    }
  }, 60_000)

  it("webpack-dev-server's overlay shows the model change naming the column, the pending revision, and clears after migrate + upgrade", async () => {
    const { page, overlayText } = await openPage('serve.mjs', '#webpack-dev-server-client-overlay')
    // The first check has run (on the models as they are: clean) once the config was loaded.
    await expect.poll(() => configWasLoaded(project), { timeout: 20_000 }).toBe(true)

    project.write('src/entities/book.entity.ts', withRating(project.read('src/entities/book.entity.ts')))
    await expect.poll(overlayText, { timeout: 30_000 }).toMatch(/WARNING[^]*mig: the models have changes that no migration covers\s*added column 'book\.rating'\s*Run: mig migrate/)

    expect((await project.mig(['migrate', '-m', 'add rating'])).code).toBe(0)
    await expect.poll(overlayText, { timeout: 30_000 }).toMatch(/mig: the database is behind the migrations\s*\w{12} add rating\s*Run: mig upgrade/)
    expect((await project.mig(['upgrade'])).code).toBe(0)
    await expect.poll(overlayText, { timeout: 30_000 }).toBe('')
    await expect(page.locator('h1').textContent()).resolves.toBe('Books')
    await page.close()
  }, 120_000)

  it('a broken revision is an error in the overlay, gone once the file is fixed', async () => {
    const { page, overlayText } = await openPage('serve.mjs', '#webpack-dev-server-client-overlay')
    const path = 'migrations/versions/0badc0ffee00_broken.ts'
    // Its parent is a revision that no file has (a file lost in a merge).
    project.write(path, "export const revision = '0badc0ffee00'\nexport const downRevision = 'ffffffffffff'\nexport async function upgrade() {}\nexport async function downgrade() {}\n")
    await expect.poll(overlayText, { timeout: 30_000 }).toMatch(/ERROR\s*mig: cannot check the migrations: Revision ffffffffffff referenced from .*0badc0ffee00_broken\.ts is not present/)
    rmSync(join(project.dir, path))
    await expect.poll(overlayText, { timeout: 30_000 }).toBe('')
    await page.close()
  }, 60_000)
})

describe('mig/rspack under @rspack/dev-server', () => {
  it("the dev server's overlay shows the model change naming the column, and clears after migrate + upgrade", async () => {
    const { page, overlayText } = await openPage('serve-rspack.mjs', '#rspack-dev-server-client-overlay')
    const book = project.read('src/entities/book.entity.ts')
    project.write('src/entities/book.entity.ts', book.replace('  @Property() pages!: number\n', '  @Property() pages!: number\n  @Property({ nullable: true }) subtitle?: string\n'))
    await expect.poll(overlayText, { timeout: 30_000 }).toMatch(/WARNING[^]*mig: the models have changes that no migration covers[^]*added column 'book\.subtitle'[^]*Run: mig migrate/)
    expect((await project.mig(['migrate', '-m', 'add subtitle'])).code).toBe(0)
    expect((await project.mig(['upgrade'])).code).toBe(0)
    await expect.poll(overlayText, { timeout: 30_000 }).toBe('')
    await page.close()
  }, 120_000)
})
