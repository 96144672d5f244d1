import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProject, REPO, type TempProject } from '../helpers/project.js'
import { revisionSource } from '../helpers/revisions.js'

const require = createRequire(import.meta.url)
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs')

/**
 * mig as a user has it: a copy under a `node_modules` folder (Vitest treats files there as
 * dependencies, unlike the repo that `createProject` links), with the repo's packages beside it.
 * Made once per test file.
 */
let installed: string | undefined
function installedMig(): string {
  if (installed) return installed
  const root = mkdtempSync(join(tmpdir(), 'mig-pkg-'))
  const modules = join(root, 'node_modules')
  mkdirSync(join(modules, 'mig'), { recursive: true })
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (!entry.startsWith('.') && entry !== 'mig') symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry))
  }
  for (const part of ['package.json', 'dist', 'templates']) cpSync(join(REPO, part), join(modules, 'mig', part), { recursive: true })
  installed = join(modules, 'mig')
  return installed
}

export function removeInstalledMig(): void {
  if (installed) rmSync(join(installed, '../..'), { recursive: true, force: true })
  installed = undefined
}

export type Dialect = 'sqlite' | 'postgresql'

/** The one model of the test projects; `extra` adds properties the migrations may not have. */
export function models(extra = ''): string {
  return `import { defineEntity, p } from '@mikro-orm/core'

export const User = defineEntity({
  name: 'User',
  tableName: 'user',
  properties: { id: p.integer().primary(), name: p.string().length(128)${extra} },
})
`
}

export const createUser = revisionSource({
  id: 'aaa',
  message: 'create user',
  upgrade: [
    "await op.createTable('user', [{ name: 'id', type: 'integer', primary: true, autoincrement: true }, { name: 'name', type: 'string', length: 128, nullable: false }])",
  ],
  downgrade: ["await op.dropTable('user')"],
})

export const addEmail = revisionSource({
  id: 'bbb',
  down: 'aaa',
  message: 'add email',
  upgrade: ["await op.addColumn('user', { name: 'email', type: 'string', length: 200, nullable: true })"],
  downgrade: ["await op.dropColumn('user', 'email')"],
})

export interface VitestProject extends TempProject {
  /** The developer's own database URL (which no test run may open or create). */
  readonly database: string
  /** Runs `vitest run` (or the given command) in the project. */
  vitest(args?: string[]): Promise<VitestRun>
  /** Starts vitest and returns the live child (for SIGINT and watch mode). */
  start(args: string[]): LiveVitest
}

export interface VitestRun {
  code: number | null
  signal: NodeJS.Signals | null
  output: string
  pid: number
}

export interface LiveVitest {
  readonly child: ChildProcess
  output(): string
  /** Resolves when the output matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
  done: Promise<VitestRun>
}

/**
 * A small Vitest project on SQLite or PostgreSQL: mig config, one model, the revisions given,
 * and test files. `plugin` picks where mig is wired: `mig/vitest` in vitest.config.ts, or
 * `mig/vite` in vite.config.ts.
 */
export function vitestProject(options: {
  dialect: Dialect
  serverUrl?: string | undefined
  revisions?: Record<string, string>
  models?: string
  tests: Record<string, string>
  plugin?: 'vitest' | 'vite'
}): VitestProject {
  const database =
    options.dialect === 'sqlite' ? 'sqlite:app.db' : withDatabaseName(options.serverUrl!, `mig_dev_${Math.random().toString(36).slice(2, 10)}`)
  const project = createProject(`import { defineConfig } from 'mig'

export default defineConfig({
  database: ${JSON.stringify(database)},
  orm: async () => ({ entities: Object.values(await import('./src/models.js')) }),
})
`)
  rmSync(join(project.dir, 'node_modules/mig'))
  symlinkSync(installedMig(), join(project.dir, 'node_modules/mig'))
  project.write('src/models.ts', options.models ?? models())
  project.write('migrations/env.ts', "import type { Environment } from 'mig'\n\nexport default async (context: Environment) => context.runMigrations()\n")
  for (const [id, source] of Object.entries(options.revisions ?? { aaa: createUser })) project.write(`migrations/versions/${id}.ts`, source)
  for (const [name, source] of Object.entries(options.tests)) project.write(`test/${name}`, source)
  const include = "test: { include: ['test/**/*.test.ts'], testTimeout: 20_000 }"
  if (options.plugin === 'vite') {
    project.write('vite.config.ts', `import mig from 'mig/vite'\n\nexport default { plugins: [mig()], ${include} }\n`)
  } else {
    project.write('vitest.config.ts', `import { defineConfig } from 'vitest/config'\nimport mig from 'mig/vitest'\n\nexport default defineConfig({ plugins: [mig()], ${include} })\n`)
  }
  const start = (args: string[]) => startVitest(project.dir, args)
  return { ...project, database, start, vitest: (args = ['run']) => start(args).done }
}

function startVitest(cwd: string, args: string[]): LiveVitest {
  // The suite itself runs in Vitest: its variables must not leak into the child's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  const child = spawn(process.execPath, [VITEST, ...args], {
    cwd,
    env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so SIGINT reaches the workers too, as Ctrl+C in a terminal does.
    detached: true,
  })
  let output = ''
  const waiters: Array<() => void> = []
  const collect = (chunk: Buffer) => {
    output += chunk
    for (const waiter of [...waiters]) waiter()
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const done = new Promise<VitestRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, output, pid: child.pid! }))
  })
  return {
    child,
    output: () => output,
    done,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}:\n${output}`)), timeoutMs)
        const check = () => {
          if (!pattern.test(output)) return
          clearTimeout(timer)
          waiters.splice(waiters.indexOf(check), 1)
          resolve()
        }
        waiters.push(check)
        check()
      })
    },
  }
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

/** Temporary folders a vitest process left (its SQLite databases). */
export function leftoverFolders(pid: number): string[] {
  return readdirSync(tmpdir()).filter((entry) => entry.startsWith(`mig-vitest-${pid}-`))
}

/** Databases on the server whose name matches. */
export async function serverDatabases(serverUrl: string, pattern: RegExp): Promise<string[]> {
  const pg = require('pg') as typeof import('pg')
  const client = new pg.Client({ connectionString: withDatabaseName(serverUrl, 'postgres') })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database')
    return rows.map((row) => row.datname).filter((name) => pattern.test(name))
  } finally {
    await client.end()
  }
}

/** The databases of the run of a vitest process: `mig_vt_<pid in base 36><6 hex>_...`. */
export const runDatabases = (pid: number) => new RegExp(`^mig_vt_${pid.toString(36)}[0-9a-f]{6}_`)
