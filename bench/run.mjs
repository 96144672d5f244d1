#!/usr/bin/env node
// `npm run bench`: mig against Flask-Migrate 4.0.4 on this machine, in the same run.
// Each figure is the median wall time of several fresh processes. Flask-Migrate is measured
// when Debian's python3-flask-migrate is installed (apt-get install python3-flask-migrate);
// otherwise the reference medians from the issue are shown and marked as such.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const REVISIONS = 200
const REFERENCE = { current: 338, heads: 376, history: 355, upgrade: 697, 'upgrade --sql': 397 }

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Median wall time (ms) of `runs` processes; `before` runs untimed before each one. */
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

function migProject(root) {
  const dir = join(root, 'mig')
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (!entry.startsWith('.')) symlinkSync(join(REPO, 'node_modules', entry), join(dir, 'node_modules', entry))
  }
  symlinkSync(REPO, join(dir, 'node_modules', 'mig'))
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}')
  writeFileSync(join(dir, 'mig.config.ts'), "import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'sqlite:app.db' })\n")
  execFileSync(process.execPath, [join(REPO, 'bin/mig.js'), 'init'], { cwd: dir })
  for (let i = 0; i < REVISIONS; i++) {
    const id = `r${String(i).padStart(3, '0')}`
    const down = i === 0 ? 'null' : `'r${String(i - 1).padStart(3, '0')}'`
    writeFileSync(
      join(dir, 'migrations/versions', `${id}_step.ts`),
      `/**\n * step ${i}\n *\n * Revision ID: ${id}\n */\nimport type { MigrationContext } from 'mig'\n\nexport const revision = '${id}'\nexport const downRevision = ${down}\nexport const branchLabels = null\nexport const dependsOn = null\n\nexport async function upgrade({ op }: MigrationContext): Promise<void> {}\n\nexport async function downgrade({ op }: MigrationContext): Promise<void> {}\n`,
    )
  }
  return dir
}

function flaskProject(root) {
  const dir = join(root, 'flask')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'app.py'),
    "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom flask_migrate import Migrate\n\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///' + __import__('os').path.abspath('app.db')\ndb = SQLAlchemy(app)\nmigrate = Migrate(app, db)\n",
  )
  execFileSync('/usr/bin/flask', ['db', 'init'], { cwd: dir, env: flaskEnv(), stdio: 'ignore' })
  for (let i = 0; i < REVISIONS; i++) {
    const id = `r${String(i).padStart(3, '0')}`
    const down = i === 0 ? 'None' : `'r${String(i - 1).padStart(3, '0')}'`
    writeFileSync(
      join(dir, 'migrations/versions', `${id}_step.py`),
      `"""step ${i}\n\nRevision ID: ${id}\n"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${down}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`,
    )
  }
  return dir
}

function flaskEnv() {
  return { FLASK_APP: 'app.py', PATH: `/usr/bin:${process.env.PATH}`, PYTHONDONTWRITEBYTECODE: '' }
}

function hasFlaskMigrate() {
  return existsSync('/usr/bin/flask') && spawnSync('/usr/bin/python3', ['-c', 'import flask_migrate']).status === 0
}

const root = mkdtempSync(join(tmpdir(), 'mig-bench-'))
try {
  const mig = migProject(root)
  const node = process.execPath
  const bin = join(REPO, 'bin/mig.js')
  const migDb = join(mig, 'app.db')
  const resetMig = () => rmSync(migDb, { force: true })
  execFileSync(node, [bin, 'upgrade'], { cwd: mig, stdio: 'ignore' }) // warm the transform cache once
  const ours = {
    current: measure(node, [bin, 'current'], mig),
    heads: measure(node, [bin, 'heads'], mig),
    history: measure(node, [bin, 'history'], mig),
    upgrade: measure(node, [bin, 'upgrade'], mig, resetMig),
    'upgrade --sql': measure(node, [bin, 'upgrade', '--sql'], mig),
  }
  let peer = REFERENCE
  let peerNote = 'reference medians from the issue (python3-flask-migrate is not installed here)'
  if (hasFlaskMigrate()) {
    const flask = flaskProject(root)
    const env = flaskEnv()
    const resetFlask = () => rmSync(join(flask, 'app.db'), { force: true })
    execFileSync('/usr/bin/flask', ['db', 'upgrade'], { cwd: flask, env, stdio: 'ignore' })
    peer = {
      current: measure('/usr/bin/flask', ['db', 'current'], flask, () => {}, env),
      heads: measure('/usr/bin/flask', ['db', 'heads'], flask, () => {}, env),
      history: measure('/usr/bin/flask', ['db', 'history'], flask, () => {}, env),
      upgrade: measure('/usr/bin/flask', ['db', 'upgrade'], flask, resetFlask, env),
      'upgrade --sql': measure('/usr/bin/flask', ['db', 'upgrade', '--sql'], flask, () => {}, env),
    }
    peerNote = 'Flask-Migrate 4.0.4 measured in this run'
  }
  console.log(`mig vs Flask-Migrate: ${REVISIONS} trivial revisions on a fresh SQLite file, median of ${RUNS} processes each`)
  console.log(`peer: ${peerNote}\n`)
  console.log('| command | mig (ms) | Flask-Migrate (ms) | mig / Flask-Migrate |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const [name, ms] of Object.entries(ours)) {
    const label = name === 'upgrade' || name === 'upgrade --sql' ? `${name} ×${REVISIONS}` : name
    console.log(`| ${label} | ${ms.toFixed(0)} | ${peer[name].toFixed(0)} | ${(ms / peer[name]).toFixed(2)} |`)
  }
} finally {
  rmSync(root, { recursive: true, force: true })
}
