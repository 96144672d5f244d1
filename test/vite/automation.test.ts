import { cpSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../helpers/dev-server.js'
import { createProject, REPO, type TempProject } from '../helpers/project.js'

let project: TempProject | undefined
let server: DevServer | undefined
afterEach(async () => {
  await server?.stop()
  project?.remove()
})

function columns(dir: string): string[] {
  const db = new Database(join(dir, 'playground.db'), { readonly: true })
  try {
    return (db.prepare("select name from pragma_table_info('note') order by cid").all() as Array<{ name: string }>).map((row) => row.name)
  } finally {
    db.close()
  }
}

/** A copy of the playground (no database yet) under `vite` with the plugin given `options`. */
async function startPlayground(options: string): Promise<TempProject> {
  project = createProject()
  cpSync(join(REPO, 'playground'), project.dir, { recursive: true, filter: (path) => !path.endsWith('.db') })
  project.write('vite.config.ts', `import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig(${options})] })\n`)
  server = await startDevServer(project.dir)
  return project
}

describe('the dev loop options', () => {
  it('autogenerate writes the revision and autoUpgrade applies it, with no click', async () => {
    const project = await startPlayground('{ autogenerate: true, autoUpgrade: true }')
    const dir = project.dir
    const status = async () => ((await (await fetch(`${server!.url}/__mig/status`)).json()) as { state: string }).state
    // The fresh database is behind the playground's revision: autoUpgrade applies it.
    await expect.poll(status, { timeout: 20_000, interval: 50 }).toBe('clean')
    const before = readdirSync(join(dir, 'migrations/versions')).length

    project.write('src/models.ts', project.read('src/models.ts').replace('title: p.string().length(200),', 'title: p.string().length(200),\n    priority: p.integer().nullable(),'))
    await expect.poll(() => columns(dir).includes('priority'), { timeout: 20_000, interval: 50 }).toBe(true)
    expect(readdirSync(join(dir, 'migrations/versions')).length).toBe(before + 1)
    await expect.poll(status, { timeout: 20_000, interval: 50 }).toBe('clean')
    expect(server!.output()).toMatch(/\[mig\] .*note\.priority/)
  })
})

describe('the dev loop and quick saves', () => {
  it('sees the second of two saves 40 ms apart, which the file watcher does not report', async () => {
    const project = await startPlayground('{ autoUpgrade: true }')
    const status = async () => (await (await fetch(`${server!.url}/__mig/status`)).json()) as { state: string }
    await expect.poll(async () => (await status()).state, { timeout: 20_000, interval: 50 }).toBe('clean')

    const models = project.read('src/models.ts')
    const withColumns = (columns: string) => models.replace('title: p.string().length(200),', `title: p.string().length(200),\n${columns}`)
    project.write('src/models.ts', withColumns('    priority: p.integer().nullable(),'))
    await new Promise((resolve) => setTimeout(resolve, 40))
    project.write('src/models.ts', withColumns('    priority: p.integer().nullable(),\n    rating: p.integer().nullable(),'))
    await expect.poll(async () => JSON.stringify(await status()), { timeout: 20_000, interval: 50 }).toContain('note.rating')
  })
})

describe('vite build', () => {
  it('builds without opening any database', async () => {
    project = createProject()
    cpSync(join(REPO, 'playground'), project.dir, { recursive: true, filter: (path) => !path.endsWith('.db') })
    const { spawnSync } = await import('node:child_process')
    const build = spawnSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: project.dir, encoding: 'utf8' })
    expect(build.status).toBe(0)
    expect(project.list('.')).not.toContain('playground.db')
    expect(project.list('dist')).toContain('index.html')
    expect(project.read('dist/index.html')).not.toContain('mig-client')
  })
})
