// Model save → overlay latency: a real Vite dev server with mig's plugin, a real headless
// Chromium, and a model file edited on disk; the clock stops when the overlay names the change.
import { spawn } from 'node:child_process'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineEntityModels } from './models.mjs'

const EDITS = Number(process.env.BENCH_EDITS ?? 20)

/** Debian's Chromium, headless. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

export async function benchOverlay({ root, repo, linkProject }) {
  const browser = await launchBrowser()
  try {
    const playground = linkProject(join(root, 'overlay-playground'))
    cpSync(join(repo, 'playground'), playground, { recursive: true, filter: (path) => !path.endsWith('.db') })
    const fifty = linkProject(join(root, 'overlay-50'))
    cpSync(join(repo, 'playground'), fifty, { recursive: true, filter: (path) => !path.endsWith('.db') && !path.includes('migrations') })
    writeFileSync(join(fifty, 'src/models.ts'), defineEntityModels())
    rmSync(join(fifty, 'api.ts'))
    writeFileSync(join(fifty, 'vite.config.ts'), "import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n")
    run(repo, fifty, ['init'])
    run(repo, fifty, ['migrate', '-m', 'fifty'])
    return [
      await measureProject(browser, repo, playground, 'playground (2 models)', "title: p.string().length(200),", 'note'),
      // The edit lands in the first model (its anchor line is the first match).
      await measureProject(browser, repo, fifty, '50 models × 8 columns', "title: p.string().length(120).index(),", 'e00'),
    ]
  } finally {
    await browser.close()
  }
}

/** Runs the built `mig` in `cwd`; throws with its stderr when it fails. */
export function run(repo, cwd, args) {
  const result = spawnSyncNode(repo, cwd, args)
  if (result.status !== 0) throw new Error(`mig ${args.join(' ')} failed: ${result.stderr}`)
}

import { spawnSync } from 'node:child_process'
function spawnSyncNode(repo, cwd, args) {
  return spawnSync(process.execPath, [join(repo, 'bin/mig.js'), ...args], { cwd, encoding: 'utf8' })
}

/** The real `vite` CLI in `dir` on a free port; resolves with its URL and a way to stop it. */
export async function startVite(repo, dir) {
  const vite = spawn(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), '--port', '0', '--host', '127.0.0.1'], { cwd: dir })
  let output = ''
  vite.stdout.on('data', (chunk) => (output += chunk))
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite did not start: ${output}`)), 30_000)
      vite.stdout.on('data', () => {
        const match = /Local:\s+(http:\/\/[^\s/]+)\//.exec(output.replace(/\x1b\[[0-9;]*m/g, ''))
        if (match) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
    })
    return { url, stop: () => vite.kill() }
  } catch (error) {
    vite.kill()
    throw error
  }
}

async function measureProject(browser, repo, dir, name, anchor, table) {
  run(repo, dir, ['upgrade'])
  const { url, stop } = await startVite(repo, dir)
  try {
    const page = await browser.newPage()
    await page.goto(url)
    const file = join(dir, 'src/models.ts')
    const original = readFileSync(file, 'utf8')
    await waitForState(url, 'clean')
    const times = []
    for (let i = 0; i < EDITS; i++) {
      const column = `extra${i}`
      // File watchers fold saves of one file that come within ~100 ms; nobody saves that fast.
      await new Promise((resolve) => setTimeout(resolve, 150))
      const start = performance.now()
      writeFileSync(file, original.replace(anchor, `${anchor}\n    extra${i}: p.integer().nullable(),`))
      await page.waitForSelector(`mig-overlay >> text=${table}.${column}`, { timeout: 30_000 })
      times.push(performance.now() - start)
      await new Promise((resolve) => setTimeout(resolve, 150))
      writeFileSync(file, original)
      await page.waitForSelector('mig-overlay', { state: 'detached', timeout: 30_000 })
    }
    await page.close()
    return { name, edits: EDITS, ...spread(times) }
  } finally {
    stop()
  }
}

/** Median and 95th percentile of a list of times. */
export function spread(times) {
  const sorted = [...times].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] }
}

export async function waitForState(url, state) {
  for (let i = 0; i < 400; i++) {
    const status = await (await fetch(`${url}/__mig/status`)).json()
    if (status.state === state) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`dev server never reached '${state}'`)
}
