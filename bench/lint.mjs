// `mig lint` over 200 revisions, offline for PostgreSQL, beside squawk (squawk-cli, installed by
// hand with `npm install --no-save squawk-cli@2.66.0`: not a devDependency, since this registry
// lacks its other platforms' optional binaries and `npm ci` would refuse the lock file) on the SQL
// `mig upgrade --sql` writes for the same revisions: both read the same operations, squawk as SQL
// text, mig as operations it records by running `upgrade`.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const REVISIONS = 200

/** A revision that does what the overlapping rules look at: a required column, an index, a foreign key. */
function riskyRevision(i) {
  const id = `l${String(i).padStart(3, '0')}`
  const parent = i === 0 ? null : `l${String(i - 1).padStart(3, '0')}`
  const body =
    i === 0
      ? "  await op.createTable('author', [{ name: 'id', type: 'integer', primary: true }])\n  await op.createTable('post', [{ name: 'id', type: 'integer', primary: true }, { name: 'author_id', type: 'integer' }])"
      : [
          `  await op.addColumn('post', { name: 'c${i}', type: 'integer', nullable: false })`,
          `  await op.createIndex('post_c${i}_index', 'post', ['c${i}'])`,
          `  await op.createForeignKey('post_c${i}_fk', 'post', ['author_id'], 'author', ['id'])`,
        ].join('\n')
  return [id, `/**\n * step ${i}\n *\n * Revision ID: ${id}\n */\nimport type { MigrationContext } from 'mig'\n\nexport const revision = '${id}'\nexport const downRevision = ${parent ? `'${parent}'` : 'null'}\nexport const branchLabels = null\nexport const dependsOn = null\n\nexport async function upgrade({ op }: MigrationContext): Promise<void> {\n${body}\n}\n\nexport async function downgrade({ op }: MigrationContext): Promise<void> {}\n`]
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Median wall time of `runs` processes that may exit 1 (a linter that found something). */
function timed(command, args, cwd, runs) {
  const times = []
  let last
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    last = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20 })
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
    if (last.status !== 0 && last.status !== 1) throw new Error(`${command} ${args.join(' ')} failed: ${last.stderr}`)
  }
  return { ms: median(times), output: last.stdout, stderr: last.stderr }
}

/**
 * Lints 200 revisions with mig (offline, PostgreSQL 16) and, when squawk-cli is installed,
 * squawk on their `--sql` output.
 */
export async function benchLint({ root, repo, linkProject, runs }) {
  const dir = linkProject(join(root, 'lint'))
  writeFileSync(join(dir, 'mig.config.ts'), "import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'postgresql://bench@127.0.0.1:1/none' })\n")
  const bin = join(repo, 'bin/mig.js')
  execFileSync(process.execPath, [bin, 'init'], { cwd: dir })
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true })
  for (let i = 0; i < REVISIONS; i++) {
    const [id, source] = riskyRevision(i)
    writeFileSync(join(dir, 'migrations/versions', `${id}_step.ts`), source)
  }
  const args = [bin, 'lint', 'base:head', '--target-version', '16', '--json']
  spawnSync(process.execPath, args, { cwd: dir }) // fills the transform cache once
  const mig = timed(process.execPath, args, dir, runs)
  if (!mig.output.startsWith("{")) throw new Error(`mig lint failed: ${mig.stderr}`)
  const migFindings = JSON.parse(mig.output).findings.length
  const squawkBin = join(repo, 'node_modules/.bin/squawk')
  if (!existsSync(squawkBin)) return { revisions: REVISIONS, mig: mig.ms, migFindings }
  writeFileSync(join(dir, 'upgrade.sql'), execFileSync(process.execPath, [bin, 'upgrade', 'base:head', '--sql'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20 }))
  const squawk = timed(squawkBin, ['--pg-version', '16', '--reporter', 'json', 'upgrade.sql'], dir, runs)
  return { revisions: REVISIONS, mig: mig.ms, migFindings, squawk: squawk.ms, squawkFindings: countJson(squawk.output) }
}

function countJson(text) {
  try {
    const parsed = JSON.parse(text)
    return Array.isArray(parsed) ? parsed.length : undefined
  } catch {
    return undefined
  }
}
