// `mig migrate` for 50 models on an empty SQLite database, against Flask-Migrate's
// `flask db migrate` and MikroORM's `migration:create`, measured in the same run.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineEntityModels, flaskModels, MODELS } from './models.mjs'

export async function benchAutogenerate({ root, repo, measure, linkProject, flask }) {
  const mig = linkProject(join(root, 'mig-models'))
  writeFileSync(join(mig, 'models.ts'), defineEntityModels())
  writeFileSync(
    join(mig, 'mig.config.ts'),
    "import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: 'sqlite:app.db',\n  orm: async () => ({ entities: Object.values(await import('./models.ts')) }),\n})\n",
  )
  const bin = join(repo, 'bin/mig.js')
  execFileSync(process.execPath, [bin, 'init'], { cwd: mig, stdio: 'ignore' })
  const resetMig = () => {
    rmSync(join(mig, 'app.db'), { force: true })
    for (const file of readdirSync(join(mig, 'migrations/versions'))) rmSync(join(mig, 'migrations/versions', file))
  }
  const rows = [{ name: `migrate, ${MODELS} models × 8 columns`, mig: measure(process.execPath, [bin, 'migrate', '-m', 'bench'], mig, resetMig) }]

  const orm = linkProject(join(root, 'orm-models'))
  writeFileSync(join(orm, 'models.js'), defineEntityModels())
  writeFileSync(
    join(orm, 'mikro-orm.config.js'),
    "import { defineConfig } from '@mikro-orm/better-sqlite'\nimport { Migrator } from '@mikro-orm/migrations'\nimport * as models from './models.js'\n\nexport default defineConfig({ dbName: 'app.db', entities: Object.values(models), extensions: [Migrator], migrations: { path: 'migrations', emit: 'js' } })\n",
  )
  // MikroORM's CLI insists on finding itself among the project's own dependencies.
  const deps = Object.fromEntries(['@mikro-orm/cli', '@mikro-orm/core', '@mikro-orm/better-sqlite', '@mikro-orm/migrations'].map((name) => [name, '6.6.16']))
  writeFileSync(join(orm, 'package.json'), JSON.stringify({ type: 'module', private: true, dependencies: deps }))
  const resetOrm = () => {
    rmSync(join(orm, 'app.db'), { force: true })
    rmSync(join(orm, 'migrations'), { recursive: true, force: true })
    mkdirSync(join(orm, 'migrations'))
  }
  const ormCli = join(repo, 'node_modules/@mikro-orm/cli/cli.js')
  rows[0].mikroOrm = measure(process.execPath, [ormCli, 'migration:create'], orm, resetOrm)

  if (flask) {
    const app = join(root, 'flask-models')
    mkdirSync(app, { recursive: true })
    writeFileSync(join(app, 'app.py'), flaskModels())
    execFileSync('/usr/bin/flask', ['db', 'init'], { cwd: app, env: flask.env, stdio: 'ignore' })
    const resetFlask = () => {
      rmSync(join(app, 'app.db'), { force: true })
      for (const file of readdirSync(join(app, 'migrations/versions'))) rmSync(join(app, 'migrations/versions', file), { recursive: true })
    }
    rows[0].flask = measure('/usr/bin/flask', ['db', 'migrate', '-m', 'bench'], app, resetFlask, flask.env)
  }
  return rows
}
