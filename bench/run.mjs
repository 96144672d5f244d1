#!/usr/bin/env node
// `npm run bench`: mig against its peers, measured in the same run on this machine.
// Every process figure is the median wall time of several fresh processes. Flask-Migrate is
// measured when Debian's python3-flask-migrate is installed (apt-get install
// python3-flask-migrate); otherwise the issue's reference medians are shown and marked.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchAutogenerate } from './autogenerate.mjs'
import { benchDecorators } from './decorators.mjs'
import { benchFollow } from './follow.mjs'
import { benchHosts } from './hosts.mjs'
import { benchLint } from './lint.mjs'
import { benchOverlay } from './overlay.mjs'
import { benchVitest } from './vitest.mjs'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const REVISIONS = 200
const REFERENCE = { current: 338, heads: 376, history: 355, upgrade: 697, 'upgrade --sql': 397, migrate: 496, mikroOrmCreate: 845 }

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Median wall time (ms) of `RUNS` processes; `before` runs untimed before each one. */
function measure(command, args, cwd, before = () => {}, env = {}) {
  const times = []
  for (let i = 0; i < RUNS; i++) {
    before()
    const start = process.hrtime.bigint()
    const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' })
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  }
  return median(times)
}

/** A project folder whose node_modules links to this repo's packages and `mig` to the repo. */
function linkProject(dir) {
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (!entry.startsWith('.')) symlinkSync(join(REPO, 'node_modules', entry), join(dir, 'node_modules', entry))
  }
  symlinkSync(REPO, join(dir, 'node_modules', 'mig'))
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}')
  return dir
}

function flaskPeer() {
  const available = existsSync('/usr/bin/flask') && spawnSync('/usr/bin/python3', ['-c', 'import flask_migrate']).status === 0
  return available ? { env: { FLASK_APP: 'app.py', PATH: `/usr/bin:${process.env.PATH}` } } : undefined
}

function trivialRevisions(dir, lang) {
  for (let i = 0; i < REVISIONS; i++) {
    const id = `r${String(i).padStart(3, '0')}`
    const parent = i === 0 ? undefined : `r${String(i - 1).padStart(3, '0')}`
    const file =
      lang === 'ts'
        ? `/**\n * step ${i}\n *\n * Revision ID: ${id}\n */\nimport type { MigrationContext } from 'mig'\n\nexport const revision = '${id}'\nexport const downRevision = ${parent ? `'${parent}'` : 'null'}\nexport const branchLabels = null\nexport const dependsOn = null\n\nexport async function upgrade({ op }: MigrationContext): Promise<void> {}\n\nexport async function downgrade({ op }: MigrationContext): Promise<void> {}\n`
        : `"""step ${i}\n\nRevision ID: ${id}\n"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${parent ? `'${parent}'` : 'None'}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`
    writeFileSync(join(dir, 'migrations/versions', `${id}_step.${lang}`), file)
  }
}

function benchCommands(root, flask) {
  const mig = linkProject(join(root, 'mig'))
  writeFileSync(join(mig, 'mig.config.ts'), "import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'sqlite:app.db' })\n")
  const bin = join(REPO, 'bin/mig.js')
  execFileSync(process.execPath, [bin, 'init'], { cwd: mig })
  trivialRevisions(mig, 'ts')
  const node = process.execPath
  execFileSync(node, [bin, 'upgrade'], { cwd: mig, stdio: 'ignore' }) // fills the transform cache once, as any second run finds it
  // The same project with revision sources not kept: what keeping them costs an upgrade.
  writeFileSync(join(mig, 'bare.config.ts'), "import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'sqlite:app.db', keepRevisionSources: false })\n")
  const ours = {
    current: measure(node, [bin, 'current'], mig),
    heads: measure(node, [bin, 'heads'], mig),
    history: measure(node, [bin, 'history'], mig),
    upgrade: measure(node, [bin, 'upgrade'], mig, () => rmSync(join(mig, 'app.db'), { force: true })),
    'upgrade --sql': measure(node, [bin, 'upgrade', '--sql'], mig),
    'upgrade, sources not kept': measure(node, [bin, 'upgrade', '--config', 'bare.config.ts'], mig, () => rmSync(join(mig, 'app.db'), { force: true })),
    'sync --hook, nothing to do': measure(node, [bin, 'sync', '--hook'], mig),
  }
  let peer = REFERENCE
  if (flask) {
    const app = join(root, 'flask')
    mkdirSync(app, { recursive: true })
    writeFileSync(join(app, 'app.py'), "import os\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom flask_migrate import Migrate\n\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///' + os.path.abspath('app.db')\ndb = SQLAlchemy(app)\nmigrate = Migrate(app, db)\n")
    execFileSync('/usr/bin/flask', ['db', 'init'], { cwd: app, env: flask.env, stdio: 'ignore' })
    trivialRevisions(app, 'py')
    const flaskCmd = (...args) => measure('/usr/bin/flask', ['db', ...args], app, () => {}, flask.env)
    execFileSync('/usr/bin/flask', ['db', 'upgrade'], { cwd: app, env: flask.env, stdio: 'ignore' })
    peer = {
      current: flaskCmd('current'),
      heads: flaskCmd('heads'),
      history: flaskCmd('history'),
      upgrade: measure('/usr/bin/flask', ['db', 'upgrade'], app, () => rmSync(join(app, 'app.db'), { force: true }), flask.env),
      'upgrade --sql': flaskCmd('upgrade', '--sql'),
    }
  }
  return { ours, peer }
}

const ratio = (a, b) => (b ? (a / b).toFixed(2) : '–')
const ms = (value) => (value === undefined ? '–' : value.toFixed(0))

const root = mkdtempSync(join(tmpdir(), 'mig-bench-'))
try {
  const flask = flaskPeer()
  const peerNote = flask ? 'Flask-Migrate 4.0.4 measured in this run' : "Flask-Migrate: the issue's reference medians (python3-flask-migrate is not installed)"
  console.log(`mig benchmark — median of ${RUNS} fresh processes per figure; ${peerNote}\n`)

  const { ours, peer } = benchCommands(root, flask)
  console.log(`### Commands: ${REVISIONS} trivial revisions on a fresh SQLite file\n`)
  console.log('| command | mig (ms) | Flask-Migrate (ms) | mig / Flask-Migrate |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const [name, value] of Object.entries(ours)) {
    const label = name.startsWith('upgrade') ? `${name} ×${REVISIONS}` : name
    const peerValue = peer[name] ?? (name.startsWith('upgrade,') ? peer.upgrade : undefined)
    console.log(`| ${label} | ${ms(value)} | ${ms(peerValue)} | ${ratio(value, peerValue)} |`)
  }
  console.log(`\nKeeping each revision's source (for \`mig sync\`): upgrade ×${REVISIONS} with / without = ${ratio(ours.upgrade, ours['upgrade, sources not kept'])}.`)

  const [generate] = await benchAutogenerate({ root, repo: REPO, measure, linkProject, flask })
  const flaskMigrate = generate.flask ?? REFERENCE.migrate
  console.log(`\n### Autogenerate on an empty SQLite database\n`)
  console.log('| command | mig (ms) | Flask-Migrate (ms) | MikroORM 6.6 CLI migration:create (ms) | mig / Flask-Migrate | mig / MikroORM |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
  console.log(`| ${generate.name} | ${ms(generate.mig)} | ${ms(flaskMigrate)} | ${ms(generate.mikroOrm)} | ${ratio(generate.mig, flaskMigrate)} | ${ratio(generate.mig, generate.mikroOrm)} |`)

  const linted = await benchLint({ root, repo: REPO, linkProject, runs: RUNS })
  console.log(`\n### \`mig lint\` on ${linted.revisions} revisions (offline, PostgreSQL 16), beside squawk on their \`mig upgrade --sql\` output\n`)
  console.log('| linter | ms | findings | mig / squawk |')
  console.log('| --- | ---: | ---: | ---: |')
  console.log(`| mig lint base:head | ${ms(linted.mig)} | ${linted.migFindings} | ${ratio(linted.mig, linted.squawk)} |`)
  console.log(`| squawk (squawk-cli) | ${ms(linted.squawk)} | ${linted.squawkFindings ?? '–'} | |`)
  console.log('\nOverlapping rules: a required column, CREATE INDEX without CONCURRENTLY, a foreign key without NOT VALID, no lock timeout. mig loads and runs each revision (TypeScript) to record its operations; squawk parses SQL text.')

  const decorators = await benchDecorators({ root, repo: REPO, measure, linkProject })
  console.log(`\n### A decorator project (ES modules, reflect-metadata), SQLite\n`)
  console.log('| command | mig on the .ts sources (ms) | MikroORM 6.6 CLI on tsc output (ms) | mig / MikroORM |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const row of decorators) console.log(`| ${row.name} | ${ms(row.mig)} | ${ms(row.mikroOrm)} | ${ratio(row.mig, row.mikroOrm)} |`)
  console.log('\nMikroORM: `migration:create` and `schema:update --dump`, with the entities compiled by tsc before the run.')

  const overlay = await benchOverlay({ root, repo: REPO, linkProject })
  console.log(`\n### Dev loop: model file saved → overlay in the browser (Vite dev server, headless Chromium)\n`)
  console.log('| project | edits | median (ms) | p95 (ms) |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const row of overlay) console.log(`| ${row.name} | ${row.edits} | ${ms(row.median)} | ${ms(row.p95)} |`)
  console.log('\nNo peer has this loop; the target is under 300 ms.')

  const hosts = await benchHosts({ root, repo: REPO, linkProject })
  const vite = overlay[0]
  console.log(`\n### Dev loop outside Vite: model file saved → report (the playground's models)\n`)
  console.log('| host | edits | median (ms) | p95 (ms) | median / Vite overlay |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  console.log(`| Vite overlay (above) | ${vite.edits} | ${ms(vite.median)} | ${ms(vite.p95)} | 1.00 |`)
  for (const row of hosts) console.log(`| ${row.name} | ${row.edits} | ${ms(row.median)} | ${ms(row.p95)} | ${ratio(row.median, vite.median)} |`)
  console.log('\nOutside Vite each edit loads the models in a new worker thread (a standby one, MikroORM already imported); Vite re-imports only the edited module.')

  const follow = await benchFollow({ root, repo: REPO, linkProject })
  console.log(`\n### Dev loop: \`mig upgrade\` in a terminal → overlay cleared in the open page (no reload)\n`)
  console.log('| database | upgrades | `mig upgrade` process, median (ms) | overlay cleared after it exits, median (ms) | p95 (ms) |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const row of follow) console.log(`| ${row.name} | ${row.upgrades} | ${ms(row.process)} | ${ms(row.median)} | ${ms(row.p95)} |`)
  console.log('\nSQLite is followed through its files, PostgreSQL (set MIG_TEST_POSTGRES_URL) by reading the version table every 500 ms while a page is open.')

  const vitest = await benchVitest({ root, repo: REPO, linkProject, trivialRevisions, runs: RUNS })
  console.log(`\n### Vitest: throwaway databases from ${REVISIONS} revisions (SQLite)\n`)
  console.log('| what | ms |')
  console.log('| --- | ---: |')
  console.log(`| template database upgraded by the real revisions (once per run) | ${ms(vitest.templateMs)} |`)
  console.log(`| copy of the template per worker | ${vitest.copyMs.toFixed(1)} |`)
  console.log(`| \`vitest run\`, ${vitest.testFiles} test files, without mig | ${ms(vitest.without)} |`)
  console.log(`| \`vitest run\`, ${vitest.testFiles} test files, with \`mig()\` | ${ms(vitest.with)} |`)
  console.log(`| mig's share of the run | ${ms(vitest.with - vitest.without)} |`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
