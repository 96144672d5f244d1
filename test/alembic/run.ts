/**
 * Runs a case through mig's CLI and through the installed Alembic, and reads back what each did.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { createProject, sqliteConfig } from '../helpers/project.js'
import type { Case } from './cases.js'

const DRIVER = join(dirname(fileURLToPath(import.meta.url)), 'alembic_driver.py')

export interface Outcome {
  stdout: string
  stderr: string
  code: number
  /** Version rows afterwards, sorted (undefined: no version table). */
  rows?: string[] | null
}

export interface CaseRun {
  /** The project folder, replaced by `<dir>` when outputs are compared. */
  dir: string
  setup: Outcome[]
  commands: Outcome[]
}

/**
 * The Python that has Alembic: `MIG_ALEMBIC_PYTHON`, else Debian's `/usr/bin/python3`
 * (`apt-get install python3-alembic`), else `python3` on the PATH.
 */
export function findAlembic(): { python: string; version: string } | { reason: string } {
  const candidates = [process.env.MIG_ALEMBIC_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c))
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import alembic, sqlalchemy; print(alembic.__version__)'], { encoding: 'utf8' })
    if (probe.status === 0) return { python, version: probe.stdout.trim() }
  }
  return { reason: `alembic is not importable by ${candidates.join(' or ')} (apt-get install python3-alembic, or set MIG_ALEMBIC_PYTHON)` }
}

/**
 * The runs of Alembic each command gets: the versions folder listed by name (mig's order) or
 * reversed, and Python's string hashing seeded differently (Alembic keeps labels and children in
 * sets). An output that changes between them is one Alembic's semantics leave open.
 */
export const VARIANTS = [
  { listing: 'sorted', hashSeed: '0' },
  { listing: 'reversed', hashSeed: '1' },
  { listing: 'sorted', hashSeed: '2' },
] as const

/** Runs every case once per variant (one Python process per variant, all cases in it). */
export async function runAlembic(python: string, cases: readonly Case[], root: string): Promise<CaseRun[][]> {
  const runs = await Promise.all(
    VARIANTS.map((variant, v) =>
      drive(
        python,
        variant.hashSeed,
        cases.map((c) => ({
          dir: join(root, `alembic-${c.seed}-${v}`),
          listing: variant.listing,
          setup: c.setup,
          commands: c.commands.map(({ argv, rows }) => ({ argv, rows })),
        })),
      ),
    ),
  )
  return cases.map((_, i) => runs.map((run) => run[i]!))
}

function drive(python: string, hashSeed: string, projects: unknown[]): Promise<CaseRun[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [DRIVER], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONHASHSEED: hashSeed } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`alembic driver exited ${code}:\n${stderr}`))
      resolve((JSON.parse(stdout) as { projects: CaseRun[] }).projects)
    })
    child.stdin.end(JSON.stringify({ projects }))
  })
}

function setRows(file: string, rows: readonly string[]): void {
  const db = new Database(file)
  try {
    db.exec('CREATE TABLE IF NOT EXISTS mig_version (version_num varchar(32) NOT NULL PRIMARY KEY)')
    db.exec('DELETE FROM mig_version')
    const insert = db.prepare('INSERT INTO mig_version (version_num) VALUES (?)')
    for (const row of rows) insert.run(row)
  } finally {
    db.close()
  }
}

function getRows(file: string): string[] | null {
  const db = new Database(file)
  try {
    return (db.prepare('SELECT version_num FROM mig_version').all() as { version_num: string }[]).map((r) => r.version_num).sort()
  } catch {
    return null
  } finally {
    db.close()
  }
}

/**
 * Builds the graph in a temp mig project on SQLite through `mig revision`/`mig merge`, then runs
 * each command (a `mig` process, as a user runs it) after writing its start rows.
 */
export async function runMig(c: Case): Promise<CaseRun & { remove(): void }> {
  const project = createProject(sqliteConfig())
  const init = await project.mig(['init'])
  if (init.code !== 0) throw new Error(`mig init failed: ${init.stderr}`)
  const setup: Outcome[] = []
  for (const argv of c.setup) setup.push(await project.mig(argv))
  const file = join(project.dir, 'app.db')
  const commands: Outcome[] = []
  for (const { argv, rows } of c.commands) {
    setRows(file, rows)
    const result = await project.mig(argv)
    commands.push({ ...result, rows: getRows(file) })
  }
  return { dir: project.dir, setup, commands, remove: () => project.remove() }
}

/** A scratch folder for the Alembic projects of one run. */
export function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mig-alembic-'))
  mkdirSync(dir, { recursive: true })
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
