// Terminal `mig upgrade` → overlay cleared: a page shows "the database is behind", `mig upgrade`
// runs as its own process (as in a terminal beside the browser), and the clock stops when the
// overlay is gone from that page, with no reload. SQLite is followed through its files;
// PostgreSQL (when MIG_TEST_POSTGRES_URL is set) by reading the version table while a page is open.
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { launchBrowser, run, spread, startVite, waitForState } from './overlay.mjs'

const UPGRADES = Number(process.env.BENCH_UPGRADES ?? 10)

export async function benchFollow({ root, repo, linkProject }) {
  const browser = await launchBrowser()
  try {
    const sqlite = linkProject(join(root, 'follow-sqlite'))
    cpSync(join(repo, 'playground'), sqlite, { recursive: true, filter: (path) => !path.endsWith('.db') })
    const rows = [await measure(browser, repo, sqlite, 'SQLite (playground)')]
    const postgres = process.env.MIG_TEST_POSTGRES_URL
    if (postgres) {
      const database = await scratchPostgres(repo, postgres)
      try {
        rows.push(await measure(browser, repo, postgresProject(linkProject(join(root, 'follow-postgres')), database.url, repo), 'PostgreSQL'))
      } finally {
        await database.drop()
      }
    }
    return rows
  } finally {
    await browser.close()
  }
}

async function measure(browser, repo, dir, name) {
  run(repo, dir, ['upgrade'])
  const { url, stop } = await startVite(repo, dir)
  try {
    await waitForState(url, 'clean')
    const page = await browser.newPage()
    await page.goto(url)
    const processes = []
    const afterExit = []
    for (let i = 0; i < UPGRADES; i++) {
      run(repo, dir, ['downgrade', '-1'])
      await page.waitForSelector('mig-overlay >> text=The database is behind', { timeout: 30_000 })
      const start = performance.now()
      const exited = await upgrade(repo, dir)
      await page.waitForSelector('mig-overlay', { state: 'detached', timeout: 30_000 })
      const cleared = performance.now()
      processes.push(exited - start)
      // The commit comes before the exit, so the overlay may be gone already.
      afterExit.push(Math.max(0, cleared - exited))
    }
    await page.close()
    return { name, upgrades: UPGRADES, process: spread(processes).median, ...spread(afterExit) }
  } finally {
    stop()
  }
}

/** Runs `mig upgrade` as its own process; resolves with the time it exited. */
function upgrade(repo, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin/mig.js'), 'upgrade'], { cwd: dir, stdio: 'ignore' })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(performance.now()) : reject(new Error(`mig upgrade exited with ${code}`))))
  })
}

/** One model and its revision, on a PostgreSQL database. */
function postgresProject(dir, url, repo) {
  writeFileSync(join(dir, 'mig.config.ts'), `import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: ${JSON.stringify(url)},\n  orm: async () => ({ entities: [(await import('./src/models.js')).Post] }),\n})\n`)
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'src/models.ts'), "import { defineEntity, p } from '@mikro-orm/core'\n\nexport const Post = defineEntity({ name: 'Post', properties: { id: p.integer().primary(), title: p.string().length(200) } })\n")
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>posts</title><p>posts</p>')
  writeFileSync(join(dir, 'vite.config.ts'), "import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n")
  run(repo, dir, ['init'])
  run(repo, dir, ['migrate', '-m', 'posts'])
  return dir
}

async function scratchPostgres(repo, url) {
  const pg = createRequire(join(repo, 'package.json'))('pg')
  const name = `mig_bench_${process.pid}`
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${name}`)
  const scratch = new URL(url)
  scratch.pathname = `/${name}`
  return { url: scratch.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
