// The long run of the differential test against Alembic (test/alembic/): many seeds, then a table
// of agreements and disagreements by command form.
//
//   npm run alembic-diff            # seeds 1-100
//   npm run alembic-diff -- 1-400   # any seed list: 1-400, or 3,17,42
//
// Needs Alembic (apt-get install python3-alembic). Exits 1 when a disagreement is not named in
// test/alembic/differences.ts, and prints each such one as a reproduction.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const seeds = process.argv[2] ?? '1-100'
const scratch = mkdtempSync(join(tmpdir(), 'mig-alembic-diff-'))
const report = join(scratch, 'report.json')

const started = Date.now()
const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', 'test/alembic/differential.test.ts'], {
  cwd: REPO,
  env: { ...process.env, MIG_ALEMBIC_SEEDS: seeds, MIG_ALEMBIC_REPORT: report },
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
})
const seconds = ((Date.now() - started) / 1000).toFixed(0)

let data
try {
  data = JSON.parse(readFileSync(report, 'utf8'))
} catch {
  process.stdout.write(run.stdout + run.stderr)
  console.error('No report: is Alembic installed (apt-get install python3-alembic)?')
  process.exit(1)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

const kindOf = (row) => (row.agree && row.explainedBy.length === 0 ? 'agree' : !row.agree && !row.kinds.some((k) => k) ? 'new' : row.kinds.includes('open') ? 'open' : 'deliberate')
const byForm = new Map()
for (const row of data.rows) {
  const counts = byForm.get(row.form) ?? { runs: 0, agree: 0, deliberate: 0, open: 0, new: 0 }
  counts.runs++
  counts[kindOf(row)]++
  byForm.set(row.form, counts)
}
const pad = (text, n) => String(text).padEnd(n)
const num = (text, n) => String(text).padStart(n)
const line = (form, c) => `| ${pad(form, 34)} | ${num(c.runs, 5)} | ${num(c.agree, 5)} | ${num(c.deliberate, 10)} | ${num(c.open, 4)} | ${num(c.new, 4)} |`
console.log(`mig against Alembic ${data.alembic}: ${data.seeds.length} seeds, ${data.rows.length} commands, ${seconds} s\n`)
console.log(`| ${pad('command form', 34)} |  runs | agree | deliberate | open |  new |`)
console.log(`| ${'-'.repeat(34)} | ----: | ----: | ---------: | ---: | ---: |`)
const total = { runs: 0, agree: 0, deliberate: 0, open: 0, new: 0 }
for (const [form, c] of [...byForm].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(line(form, c))
  for (const key of Object.keys(total)) total[key] += c[key]
}
console.log(line('all', total))

console.log('\nNamed differences hit (commands):')
for (const d of data.differences) {
  const hits = data.rows.filter((row) => row.explainedBy.includes(d.name))
  const seedsHit = [...new Set(hits.map((row) => row.seed))]
  console.log(`  ${num(hits.length, 5)}  ${d.kind.padEnd(10)} ${d.name}${seedsHit.length > 0 ? `  (seeds ${seedsHit.slice(0, 8).join(', ')}${seedsHit.length > 8 ? ', ...' : ''})` : ''}`)
}

const fresh = data.rows.filter((row) => kindOf(row) === 'new')
if (fresh.length > 0) {
  console.log(`\n${fresh.length} disagreement(s) not named in test/alembic/differences.ts:\n`)
  for (const row of fresh) console.log(`${row.reproduction}\n`)
  process.exit(1)
}
