// A decorator project (ES modules, reflect-metadata, one file per entity, as most MikroORM
// projects are written): `mig migrate` and `mig check` on the TypeScript sources, beside
// MikroORM's CLI on the same entities compiled by tsc beforehand (its fastest path: no
// TypeScript loader at all), measured in the same run.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const DECORATOR_ENTITIES = 30
const name = (i) => `Item${String(i).padStart(2, '0')}`

function writeProject(dir) {
  mkdirSync(join(dir, 'src/entities'), { recursive: true })
  for (let i = 0; i < DECORATOR_ENTITIES; i++) {
    const parent = i === 0 ? '' : `import { ${name(i - 1)} } from './${name(i - 1).toLowerCase()}.entity.js'\n`
    writeFileSync(join(dir, `src/entities/${name(i).toLowerCase()}.entity.ts`), `import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Rel } from '@mikro-orm/core'
${parent}
@Entity()
export class ${name(i)} {
  @PrimaryKey() id!: number
  @Index() @Property({ length: 120 }) title!: string
  @Property({ length: 40, unique: true }) code!: string
  @Property({ type: 'text', nullable: true }) body?: string
  @Property({ type: 'decimal', nullable: true }) amount?: string
  @Property() active: boolean & Opt = true
  @Property({ nullable: true }) createdAt?: Date
${i === 0 ? '  @Property({ nullable: true }) rank?: number' : `  @ManyToOne(() => ${name(i - 1)}, { nullable: true }) parent?: Rel<${name(i - 1)}>`}
}
`)
  }
  const imports = Array.from({ length: DECORATOR_ENTITIES }, (_, i) => `import { ${name(i)} } from './entities/${name(i).toLowerCase()}.entity.js'`)
  writeFileSync(join(dir, 'src/mikro-orm.config.ts'), `import 'reflect-metadata'
import { defineConfig } from '@mikro-orm/better-sqlite'
import { Migrator } from '@mikro-orm/migrations'
${imports.join('\n')}

export default defineConfig({
  dbName: 'app.db',
  entities: [${Array.from({ length: DECORATOR_ENTITIES }, (_, i) => name(i)).join(', ')}],
  extensions: [Migrator],
  migrations: { path: 'orm-migrations', emit: 'js' },
})
`)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, outDir: 'dist', rootDir: 'src', skipLibCheck: true },
    include: ['src'],
  }))
  // MikroORM's CLI insists on finding itself among the project's own dependencies.
  const deps = Object.fromEntries(['@mikro-orm/cli', '@mikro-orm/core', '@mikro-orm/better-sqlite', '@mikro-orm/migrations'].map((pkg) => [pkg, '6.6.16']))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true, dependencies: deps }))
}

export async function benchDecorators({ root, repo, measure, linkProject }) {
  const bin = join(repo, 'bin/mig.js')
  const mig = linkProject(join(root, 'mig-decorators'))
  writeProject(mig)
  writeFileSync(join(mig, 'mig.config.ts'), "import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'sqlite:app.db', orm: () => import('./src/mikro-orm.config.js') })\n")
  execFileSync(process.execPath, [bin, 'init'], { cwd: mig, stdio: 'ignore' })
  const resetMig = () => {
    rmSync(join(mig, 'app.db'), { force: true })
    for (const file of readdirSync(join(mig, 'migrations/versions'))) rmSync(join(mig, 'migrations/versions', file))
  }
  const migrate = { name: `migrate, ${DECORATOR_ENTITIES} decorator entities`, mig: measure(process.execPath, [bin, 'migrate', '-m', 'bench'], mig, resetMig) }
  resetMig()
  execFileSync(process.execPath, [bin, 'migrate', '-m', 'bench'], { cwd: mig, stdio: 'ignore' })
  execFileSync(process.execPath, [bin, 'upgrade'], { cwd: mig, stdio: 'ignore' })
  const check = { name: `check, ${DECORATOR_ENTITIES} decorator entities (up to date)`, mig: measure(process.execPath, [bin, 'check'], mig) }

  const orm = linkProject(join(root, 'orm-decorators'))
  writeProject(orm)
  execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', orm], { cwd: orm, stdio: 'ignore' })
  const ormCli = join(repo, 'node_modules/@mikro-orm/cli/cli.js')
  const resetOrm = () => {
    rmSync(join(orm, 'app.db'), { force: true })
    rmSync(join(orm, 'orm-migrations'), { recursive: true, force: true })
    mkdirSync(join(orm, 'orm-migrations'))
  }
  migrate.mikroOrm = measure(process.execPath, [ormCli, 'migration:create'], orm, resetOrm)
  resetOrm()
  execFileSync(process.execPath, [ormCli, 'schema:create', '--run'], { cwd: orm, stdio: 'ignore' })
  check.mikroOrm = measure(process.execPath, [ormCli, 'schema:update', '--dump'], orm)
  return [migrate, check]
}
