// Model save → report latency outside Vite, on the playground's models: `mig dev`'s terminal
// line, webpack-dev-server's overlay in headless Chromium, and esbuild's watch output. The clock
// stops when the report names the new column; each edit is undone and the clean state awaited.
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchBrowser, run, spread } from './overlay.mjs'

const EDITS = Number(process.env.BENCH_EDITS ?? 20)
const ANCHOR = 'title: p.string().length(200),'

const WEBPACK_CONFIG = `import mig from 'mig/webpack'
export default { mode: 'development', context: process.cwd(), entry: './app.js', output: { path: process.cwd() + '/dist', filename: 'main.js' }, plugins: [mig()] }
`
const SERVE = `import webpack from 'webpack'
import Server from 'webpack-dev-server'
import config from './webpack.config.mjs'
const server = new Server({ host: '127.0.0.1', port: 'auto', static: './public', hot: false }, webpack(config))
await server.start()
console.log('serving on http://127.0.0.1:' + server.server.address().port)
`
const ESBUILD_WATCH = `import * as esbuild from 'esbuild'
import mig from 'mig/esbuild'
const context = await esbuild.context({ entryPoints: ['app.js'], bundle: true, outdir: 'dist', logLevel: 'warning', plugins: [mig()] })
await context.watch()
`

export async function benchHosts({ root, repo, linkProject }) {
  const dir = linkProject(join(root, 'hosts-playground'))
  cpSync(join(repo, 'playground'), dir, { recursive: true, filter: (path) => !path.endsWith('.db') })
  writeFileSync(join(dir, 'app.js'), "document.body.append('app')\n")
  mkdirSync(join(dir, 'public'))
  writeFileSync(join(dir, 'public/index.html'), '<!doctype html><html><body><script src="/main.js"></script></body></html>\n')
  writeFileSync(join(dir, 'webpack.config.mjs'), WEBPACK_CONFIG)
  writeFileSync(join(dir, 'serve.mjs'), SERVE)
  writeFileSync(join(dir, 'esbuild-watch.mjs'), ESBUILD_WATCH)
  run(repo, dir, ['upgrade'])
  const file = join(dir, 'src/models.ts')
  const original = readFileSync(file, 'utf8')
  const edit = (i) => writeFileSync(file, original.replace(ANCHOR, `${ANCHOR}\n    extra${i}: p.integer().nullable(),`))
  const undo = () => writeFileSync(file, original)

  const rows = []
  rows.push(await measureOutput('`mig dev`, terminal line', dir, [join(repo, 'bin/mig.js'), 'dev'], /models match the migrations/, edit, undo))
  rows.push(await measureOutput('esbuild `context().watch()`, warning in its output', dir, ['esbuild-watch.mjs'], /models match the migrations/, edit, undo))
  rows.push(await measureWebpack(dir, edit, undo))
  return rows
}

/** A long-running process whose output reports the state: the time from a save to the line naming the column. */
async function measureOutput(name, dir, args, clean, edit, undo) {
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  try {
    await until(() => clean.test(output))
    const times = []
    for (let i = 0; i < EDITS; i++) {
      await pause(150)
      const from = output.length
      const start = performance.now()
      edit(i)
      await until(() => output.slice(from).includes(`note.extra${i}`))
      times.push(performance.now() - start)
      await pause(150)
      const after = output.length
      undo()
      await until(() => clean.test(output.slice(after)))
    }
    return { name, edits: EDITS, ...spread(times) }
  } finally {
    child.kill()
  }
}

async function measureWebpack(dir, edit, undo) {
  const server = spawn(process.execPath, ['serve.mjs'], { cwd: dir })
  let output = ''
  server.stdout.on('data', (chunk) => (output += chunk))
  server.stderr.on('data', (chunk) => (output += chunk))
  const browser = await launchBrowser()
  try {
    await until(() => /serving on http/.test(output))
    const page = await browser.newPage()
    await page.goto(/serving on (http\S+)/.exec(output)[1])
    const frame = '#webpack-dev-server-client-overlay'
    const overlayText = async () => ((await page.locator(frame).count()) === 0 ? '' : await page.frameLocator(frame).locator('body').textContent())
    // The first check has run once the overlay stays empty for a while after the page loaded.
    await pause(3000)
    const times = []
    for (let i = 0; i < EDITS; i++) {
      await pause(150)
      const start = performance.now()
      edit(i)
      await until(async () => (await overlayText()).includes(`note.extra${i}`))
      times.push(performance.now() - start)
      await pause(150)
      undo()
      await until(async () => (await page.locator(frame).count()) === 0)
    }
    return { name: 'webpack-dev-server overlay (headless Chromium)', edits: EDITS, ...spread(times) }
  } finally {
    await browser.close()
    server.kill()
  }
}

async function until(condition, timeout = 30_000) {
  const started = performance.now()
  while (!(await condition())) {
    if (performance.now() - started > timeout) throw new Error('timed out')
    await pause(5)
  }
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
