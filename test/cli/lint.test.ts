import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_TARGETS, type OpenedTarget } from '../helpers/databases.js'
import { createProject, sqliteConfig, type TempProject } from '../helpers/project.js'
import { revisionSource } from '../helpers/revisions.js'

// `mig lint` on real revision files through the real CLI. Three revisions: the tables (every
// operation on a table the revision creates is safe), the risky forms (each rule fires once),
// the safe forms (nothing fires but a bare ignore). Each line of a revision below is one call,
// so a finding's line is the call's index plus UPGRADE_LINE.

let project: TempProject
let database: OpenedTarget | undefined
afterEach(async () => {
  project?.remove()
  await database?.drop()
  database = undefined
})

/** The line of the first upgrade statement in a `revisionSource` file. */
const UPGRADE_LINE = 16

const TABLES = [
  "await op.createTable('author', [{ name: 'id', type: 'integer', primary: true }])",
  "await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }, { name: 'title', type: 'string', length: 100 }, { name: 'body', type: 'text' }, { name: 'author_id', type: 'integer' }, { name: 'legacy', type: 'text' }, { name: 'legacy2', type: 'text' }])",
  "await op.createTable('tag', [{ name: 'id', type: 'integer', primary: true }])",
  "await op.createTable('scratch', [{ name: 'id', type: 'integer', primary: true }])",
  // Safe: the revision created the table.
  "await op.createIndex('post_title_index', 'post', ['title'])",
  "await op.addColumn('post', { name: 'required', type: 'integer', nullable: false })",
  "await op.bulkInsert('post', [{ id: 1, title: 'a', body: 'b', required: 0 }, { id: 2, title: 'c', body: 'd', required: 0 }])",
]

/** Every call of the risky revision, with the code it must raise. */
const RISKY: Array<[string, string[]]> = [
  ["await op.addColumn('post', { name: 'slug', type: 'string', nullable: false })", ['MIG101', 'MIG301']],
  ["await op.addColumn('post', { name: 'token', type: 'uuid', defaultRaw: 'gen_random_uuid()' })", ['MIG102']],
  ["await op.alterColumn('post', 'author_id', { type: 'bigint', existing: { name: 'author_id', type: 'integer' } })", ['MIG103']],
  ["await op.createIndex('post_body_index', 'post', ['body'])", ['MIG104', 'MIG105']],
  ["await op.createForeignKey('post_author_fk', 'post', ['author_id'], 'author', ['id'])", ['MIG106']],
  ["await op.alterColumn('post', 'body', { nullable: false })", ['MIG107']],
  ["await op.createUnique('post_title_unique', 'post', ['title'])", ['MIG108']],
  ["await op.dropColumn('post', 'legacy')", ['MIG201']],
  ["await op.dropTable('scratch')", ['MIG202']],
  ["await op.renameColumn('post', 'body', 'content')", ['MIG203']],
  ["await op.renameTable('tag', 'label')", ['MIG204']],
]

const SAFE = [
  "await op.addColumn('post', { name: 'subtitle', type: 'string' })",
  "await op.addColumn('post', { name: 'views', type: 'integer', nullable: false, default: 0 })",
  "await op.alterColumn('post', 'title', { length: 200, existing: { name: 'title', type: 'string', length: 100 } })",
  "await op.createIndex('post_subtitle_index', 'post', ['subtitle'], { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })",
  "await op.dropIndex('post_title_index', 'post', { concurrently: true, algorithm: 'INPLACE', lock: 'NONE' })",
  "await op.createForeignKey('post_editor_fk', 'post', ['author_id'], 'author', ['id'], { notValid: true })",
  "await op.createCheck('post_subtitle_nn', 'post', 'subtitle is not null', { notValid: true })",
  "await op.validateConstraint('post', 'post_subtitle_nn')",
  "await op.alterColumn('post', 'subtitle', { nullable: false })",
  '// mig-lint-ignore MIG201: no release reads post.legacy2 since v41',
  "await op.dropColumn('post', 'legacy2')",
]

function writeRevisions(target: TempProject, options: { risky?: boolean; safe?: boolean } = {}): void {
  target.write('migrations/versions/a1_tables.ts', revisionSource({ id: 'a1', down: null, message: 'tables', upgrade: TABLES }))
  if (options.risky !== false) {
    target.write('migrations/versions/b2_risky.ts', revisionSource({ id: 'b2', down: 'a1', message: 'risky', upgrade: RISKY.map(([line]) => line) }))
  }
  if (options.safe !== false) {
    const parent = options.risky === false ? 'a1' : 'b2'
    const source = revisionSource({ id: 'c3', down: parent, message: 'safe', upgrade: SAFE }).replace("export const revision = 'c3'", "export const lockTimeout = '5s'\nexport const revision = 'c3'")
    target.write('migrations/versions/c3_safe.ts', source)
  }
}

interface Finding {
  code: string
  severity: string
  revision: string
  file: string
  line: number
  operation: string
  rule: string
  why: string
  recipe: string
  rows?: number
}

async function lintJson(args: string[]): Promise<{ code: number; result: { findings: Finding[]; errors: number; warnings: number; databases: unknown[] } }> {
  const run = await project.mig(['lint', ...args, '--json'])
  if (!run.stdout.startsWith('{')) throw new Error(`mig lint failed: ${run.stderr}`)
  return { code: run.code, result: JSON.parse(run.stdout) }
}

/** `code@revision:line` of each finding, in order. */
const where = (findings: readonly Finding[]) => findings.map((f) => `${f.code}@${f.revision}:${f.line}`).sort()

/** What the risky revision raises on a dialect: each call's codes that apply there. */
function expectedRisky(applies: (code: string) => boolean): string[] {
  return RISKY.flatMap(([, codes], at) => codes.filter(applies).map((code) => `${code}@b2:${UPGRADE_LINE + at}`))
}

const POSTGRES_CODES = new Set(['MIG101', 'MIG102', 'MIG103', 'MIG104', 'MIG106', 'MIG107', 'MIG108', 'MIG201', 'MIG202', 'MIG203', 'MIG204', 'MIG301'])

describe('mig lint base:head (offline)', () => {
  it('PostgreSQL: every rule fires on its risky call, not on the safe forms or on tables the revision creates', async () => {
    project = createProject(sqliteConfig())
    writeRevisions(project)
    const { code, result } = await lintJson(['base:head', '--dialect', 'postgresql'])
    expect(code).toBe(1)
    expect(where(result.findings)).toEqual(expectedRisky((c) => POSTGRES_CODES.has(c)).sort())
    const index = result.findings.find((f) => f.code === 'MIG104')!
    expect(index).toMatchObject({
      severity: 'error',
      rule: 'index-without-concurrently',
      file: 'migrations/versions/b2_risky.ts',
      operation: "op.createIndex('post_body_index', 'post', ...)",
    })
    expect(index.why).toContain('SHARE lock')
    expect(index.recipe).toContain('concurrently: true')
    expect(result).toMatchObject({ errors: result.findings.length - 1, warnings: 1 })
  })

  it('an older PostgreSQL: a constant default rewrites before 11, SET NOT NULL scans before 12', async () => {
    project = createProject(sqliteConfig())
    writeRevisions(project, { risky: false })
    const { code, result } = await lintJson(['base:head', '--dialect', 'postgresql', '--target-version', '10'])
    expect(code).toBe(1)
    expect(where(result.findings)).toEqual([`MIG102@c3:${UPGRADE_LINE + 2}`, `MIG107@c3:${UPGRADE_LINE + 9}`])
    expect(result.findings[0]!.why).toContain('PostgreSQL 10')
  })

  it('MySQL/MariaDB: index algorithm, type change copy; no PostgreSQL-only rule', async () => {
    project = createProject(sqliteConfig())
    writeRevisions(project)
    const { result } = await lintJson(['base:head', '--dialect', 'mariadb'])
    const codes = new Set(['MIG101', 'MIG103', 'MIG105', 'MIG108', 'MIG201', 'MIG202', 'MIG203', 'MIG204', 'MIG301'])
    expect(where(result.findings)).toEqual(expectedRisky((c) => codes.has(c)).sort())
    expect(result.findings.find((f) => f.code === 'MIG101')!.severity).toBe('warning')
    expect(result.findings.find((f) => f.code === 'MIG105')!.why).toContain('MariaDB')
  })

  it('a range of safe revisions exits 0; the text output names file, line, why and fix', async () => {
    project = createProject(sqliteConfig())
    writeRevisions(project)
    const run = await project.mig(['lint', 'b2:head', '--dialect', 'postgresql'])
    expect(run).toMatchObject({ code: 0, stdout: '' })
    expect(run.stderr).toBe('Linted 1 revision (postgresql, offline): 0 errors, 0 warnings.\n')
    const risky = await project.mig(['lint', 'a1:b2', '--dialect', 'postgresql'])
    expect(risky.code).toBe(1)
    expect(risky.stdout).toContain(`migrations/versions/b2_risky.ts:${UPGRADE_LINE + 3} MIG104 error index-without-concurrently\n  op.createIndex('post_body_index', 'post', ...)\n  why: `)
    expect(risky.stdout).toContain('\n  fix: op.createIndex(..., { concurrently: true })')
  })

  it('an ignore needs a reason: a bare one suppresses nothing and is itself an error; config lint.ignore drops a code', async () => {
    project = createProject(sqliteConfig('app.db', "  lint: { ignore: ['MIG301'] },\n"))
    writeRevisions(project, { safe: false })
    const source = project.read('migrations/versions/b2_risky.ts')
    project.write(
      'migrations/versions/b2_risky.ts',
      source
        .replace("  await op.dropColumn('post', 'legacy')", "  // mig-lint-ignore MIG201\n  await op.dropColumn('post', 'legacy')")
        .replace("  await op.renameTable('tag', 'label')", "  // mig-lint-ignore MIG204: tag is read by nothing since v12\n  await op.renameTable('tag', 'label')"),
    )
    const { result } = await lintJson(['base:head', '--dialect', 'postgresql'])
    const codes = result.findings.map((f) => f.code)
    expect(codes).toContain('MIG201')
    expect(codes).not.toContain('MIG204')
    expect(codes).not.toContain('MIG301')
    const bare = result.findings.find((f) => f.code === 'MIG001')!
    expect(bare).toMatchObject({ severity: 'error', line: UPGRADE_LINE + 7, operation: '// mig-lint-ignore MIG201' })
  })

  it('SQLite: a change SQLite makes by copying the table is reported, a batch once', async () => {
    project = createProject(sqliteConfig())
    project.write('migrations/versions/a1_tables.ts', revisionSource({ id: 'a1', down: null, upgrade: TABLES }))
    project.write('migrations/versions/b2_copy.ts', revisionSource({
      id: 'b2', down: 'a1',
      upgrade: [
        "await op.addColumn('post', { name: 'note', type: 'text' })",
        "await op.batchAlterTable('post', async (batch) => {",
        "  batch.createCheck('post_title_check', 'length(title) > 0')",
        "  batch.alterColumn('body', { nullable: false })",
        '})',
        "await op.createForeignKey('post_author_fk', 'post', ['author_id'], 'author', ['id'])",
      ],
    }))
    const { result } = await lintJson(['base:head'])
    expect(where(result.findings)).toEqual([`MIG110@b2:${UPGRADE_LINE + 1}`, `MIG110@b2:${UPGRADE_LINE + 5}`])
    expect(result.findings[0]!.why).toContain("holds batch.createCheck()")
  })
})

describe.each(DATABASE_TARGETS)('mig lint on the pending revisions of $name', ({ enabled, dialect, open }) => {
  it.skipIf(!enabled)('reads the server version and row counts; an empty table is safe', async () => {
    project = createProject()
    database = await open(() => project.dir)
    project.write('mig.config.ts', database.config)
    writeRevisions(project, { safe: false })
    expect((await project.mig(['upgrade', 'a1'])).code).toBe(0)
    const { code, result } = await lintJson([])
    expect(code).toBe(1)
    expect(result.databases).toMatchObject([{ bind: 'default', dialect, connected: true, revisions: ['b2'] }])
    const onPost = result.findings.filter((f) => f.operation.includes("'post'"))
    expect(onPost.length).toBeGreaterThan(0)
    for (const finding of onPost) expect(finding).toMatchObject({ rows: 2 })
    expect(onPost[0]!.why).toContain("(table 'post' has 2 rows)")
    // 'scratch' and 'tag' are empty: only the backward-incompatible rules still hold there.
    const onEmpty = result.findings.filter((f) => /'(scratch|tag)'/.test(f.operation)).map((f) => f.code)
    expect(onEmpty.sort()).toEqual(['MIG202', 'MIG204'])
    if (dialect !== 'sqlite') expect((result.databases[0] as { version?: string }).version).toMatch(/^\d+\.\d+$/)
  })
})

const POST_MODEL = (changed: boolean) => `import { defineEntity, p } from '@mikro-orm/core'

export const Post = defineEntity({
  name: 'Post',
  tableName: 'post',
  properties: {
    id: p.integer().primary(),
    title: p.string().length(100)${changed ? '.index()' : ''},${changed ? "\n    slug: p.string().length(50)," : ''}
  },
})
`

const POSTGRES = DATABASE_TARGETS.find((target) => target.dialect === 'postgresql')!

describe(`autogenerate runs the linter (${POSTGRES.name})`, () => {
  it.skipIf(!POSTGRES.enabled)('writes each finding above its operation, says how many in the log; check --lint fails on them', async () => {
    project = createProject()
    database = await POSTGRES.open(() => project.dir, "  orm: async () => ({ entities: Object.values(await import('./models.ts')) }),\n")
    project.write('mig.config.ts', database.config)
    project.write('models.ts', POST_MODEL(false))
    expect((await project.mig(['init'])).code).toBe(0)
    const first = await project.mig(['migrate', '-m', 'posts', '--rev-id', 'a1'])
    // A new table is always safe: nothing to say.
    expect(first.stderr).not.toContain('mig lint')
    expect((await project.mig(['upgrade'])).code).toBe(0)
    project.write('models.ts', POST_MODEL(true))
    const second = await project.mig(['migrate', '-m', 'slug', '--rev-id', 'b2'])
    expect(second.code).toBe(0)
    expect(second.stderr).toContain("mig lint: 3 findings (2 errors) written as '// mig-lint' comments above the operations")
    const file = project.read(project.list('migrations/versions').map((name) => `migrations/versions/${name}`).find((path) => path.includes('b2_'))!)
    const upgrade = file.slice(file.indexOf('export async function upgrade'), file.indexOf('export async function downgrade'))
    expect(upgrade).toMatch(/\/\/ mig-lint MIG101 \(error\): adds NOT NULL column 'post\.slug' .*\. Safe: add the column nullable.*\n\s+\/\/ mig-lint MIG301 \(warning\): .*\n\s+await batch\.addColumn\(/)
    expect(upgrade).toMatch(/\/\/ mig-lint MIG104 \(error\): CREATE INDEX 'post_title_index' .*\n\s+await batch\.createIndex\('post_title_index'/)
    const downgrade = file.slice(file.indexOf('export async function downgrade'))
    expect(downgrade).not.toContain('mig-lint')

    // An empty table is safe; one with a row is not.
    expect((await project.mig(['check', '--lint'])).stdout).toBe('')
    await database.query("insert into post (id, title) values (1, 'a')")
    const check = await project.mig(['check', '--lint'])
    expect(check.code).toBe(1)
    expect(check.stdout).toContain('MIG101 error add-required-column')
    await database.query('delete from post')
    expect((await project.mig(['upgrade'])).code).toBe(0)
    const clean = await project.mig(['check', '--lint'])
    expect(clean).toMatchObject({ code: 0, stdout: '' })
    expect(clean.stderr).toContain('No revisions to lint')
  })
})
