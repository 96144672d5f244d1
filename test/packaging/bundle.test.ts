import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, runNode, type RunResult, type TempProject } from '../helpers/project.js'

let project: TempProject
afterEach(() => project?.remove())

/** A production server entry: runs its migrations from the bundled index, no files needed. */
const SERVER = `import { current, downgrade, heads, history, resolveConfig, upgrade } from 'mig'
import * as migrations from './migrations/index.js'

const config = await resolveConfig({ database: 'sqlite:app.db', migrations }, { root: process.cwd() })
const onStep = (step) => console.error(\`Running \${step.direction} \${step.revision.id}, \${step.revision.message}\`)
const result = process.argv[2] === 'downgrade' ? await downgrade(config, { revision: 'base', onStep }) : await upgrade(config, { onStep })
console.log(JSON.stringify({
  steps: result.steps.map((step) => step.revision),
  current: (await current(config)).revisions.map((info) => info.id),
  heads: (await heads(config)).revisions.map((info) => info.id).sort(),
  messages: (await history(config)).revisions.map((info) => info.message),
}))
`

/** Vite's SSR build for Node, everything (mig and the revisions) inlined into one file. */
const BUILD = `import { build } from 'vite'
await build({
  configFile: false,
  logLevel: 'warn',
  ssr: { noExternal: ['mig'] },
  build: { ssr: 'server.ts', outDir: 'bundle', target: 'node20', rolldownOptions: { output: { codeSplitting: false, entryFileNames: 'server.mjs' } } },
})
`

function node(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runNode(project.dir, args, { env })
}

function fill(path: string, up: string, down: string): void {
  project.write(path, project.read(path).replace(/\/\/ write the upgrade here.*/, up).replace(/\/\/ write the downgrade here.*/, down))
}

function query(sql: string): unknown[] {
  const db = new Database(join(project.dir, 'app.db'), { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

describe('init --package', () => {
  it('keeps migrations/index.ts listing every revision', async () => {
    project = createProject("import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:app.db' })\n")
    const init = await project.mig(['init', '--package'])
    expect(init.stdout).toContain(`Generating ${join(project.dir, 'migrations', 'index.ts')} ...  done`)
    expect(project.read('migrations/index.ts')).toContain('export const revisions = [] as const')

    await project.mig(['revision', '-m', 'create user', '--rev-id', 'aaa111'])
    await project.mig(['revision', '-m', "user's email", '--rev-id', 'bbb222'])
    await project.mig(['revision', '-m', 'audit log', '--head', 'base', '--rev-id', 'ccc333'])
    expect((await project.mig(['merge', 'heads', '-m', 'join', '--rev-id', 'ddd444'])).code).toBe(0)
    const index = project.read('migrations/index.ts')
    expect(index.split('\n').filter((line) => line.startsWith('import') || line.startsWith('export'))).toEqual([
      "import * as r_aaa111_create_user from './versions/aaa111_create_user.js'",
      "import * as r_bbb222_user_s_email from './versions/bbb222_user_s_email.js'",
      "import * as r_ccc333_audit_log from './versions/ccc333_audit_log.js'",
      "import * as r_ddd444_join from './versions/ddd444_join.js'",
      "export { default as env } from './env.js'",
      'export const revisions = [r_aaa111_create_user, r_bbb222_user_s_email, r_ccc333_audit_log, r_ddd444_join]',
    ])
    // The template repeats the message as an export: bundlers drop the doc comment.
    expect(project.read('migrations/versions/bbb222_user_s_email.ts')).toContain("export const message = 'user\\'s email'")
  })

  it('runs the revisions from a one-file bundle with no migrations folder on disk', async () => {
    project = createProject("import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:app.db' })\n")
    await project.mig(['init', '--package'])
    await project.mig(['revision', '-m', 'create user', '--rev-id', 'aaa111'])
    fill('migrations/versions/aaa111_create_user.ts', "await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }])", "await op.dropTable('user')")
    await project.mig(['revision', '-m', 'add email', '--rev-id', 'bbb222'])
    fill('migrations/versions/bbb222_add_email.ts', "await op.addColumn('user', { name: 'email', type: 'string', length: 120 })", "await op.dropColumn('user', 'email')")
    project.write('server.ts', SERVER)
    project.write('build.mjs', BUILD)
    // The bundle runs env.ts too: here it moves a tenant's run to its own database.
    project.write('migrations/env.ts', project.read('migrations/env.ts').replace(
      '  await context.runMigrations()',
      "  if (process.env.TENANT) context.database = `sqlite:${process.env.TENANT}.db`\n  await context.runMigrations()",
    ))

    const build = await node(['build.mjs'])
    expect(build.code, build.stderr).toBe(0)
    expect(project.list('bundle')).toEqual(['server.mjs'])
    rmSync(join(project.dir, 'migrations'), { recursive: true })
    rmSync(join(project.dir, 'mig.config.ts'))

    const up = await node(['bundle/server.mjs'])
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).toBe('Running up aaa111, create user\nRunning up bbb222, add email\n')
    expect(JSON.parse(up.stdout)).toEqual({ steps: ['aaa111', 'bbb222'], current: ['bbb222'], heads: ['bbb222'], messages: ['add email', 'create user'] })
    expect(query("select name from pragma_table_info('user') order by cid")).toEqual([{ name: 'id' }, { name: 'email' }])
    expect(query('select version_num from mig_version')).toEqual([{ version_num: 'bbb222' }])

    // A second start finds nothing to do; the functions of the bundled modules also run down.
    expect(JSON.parse((await node(['bundle/server.mjs'])).stdout).steps).toEqual([])
    const down = await node(['bundle/server.mjs', 'downgrade'])
    expect(down.stderr).toBe('Running down bbb222, add email\nRunning down aaa111, create user\n')
    expect(query("select name from sqlite_master where name = 'user'")).toEqual([])

    const tenant = await node(['bundle/server.mjs'], { TENANT: 'acme' })
    expect(tenant.code, tenant.stderr).toBe(0)
    expect(JSON.parse(tenant.stdout).current).toEqual(['bbb222'])
    expect(query("select name from sqlite_master where name = 'user'")).toEqual([])
    const acme = new Database(join(project.dir, 'acme.db'), { readonly: true })
    expect(acme.prepare('select version_num from mig_version').all()).toEqual([{ version_num: 'bbb222' }])
    acme.close()
  })
})
