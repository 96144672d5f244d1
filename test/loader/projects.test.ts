import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, runMig, type RunResult, type TempProject } from '../helpers/project.js'

// Real shapes of MikroORM projects, driven through the real CLI: each must load its models as
// the project's own build runs them, generate a revision, upgrade, and then check clean.

let project: TempProject
afterEach(() => project?.remove())

function ok(result: RunResult): RunResult {
  expect(result.stderr.split('\n').filter((line) => line.startsWith('Error')), result.stderr).toEqual([])
  expect(result.code).toBe(0)
  return result
}

/** Columns of a table in the project's SQLite file: name → { type, notnull }. */
function columns(file: string, table: string): Record<string, { type: string; notnull: number }> {
  const db = new Database(join(project.dir, file), { readonly: true })
  try {
    const rows = db.prepare(`pragma table_info(${table})`).all() as Array<{ name: string; type: string; notnull: number }>
    return Object.fromEntries(rows.map((row) => [row.name, { type: row.type.toLowerCase(), notnull: row.notnull }]))
  } finally {
    db.close()
  }
}

/** `migrate`, `upgrade` and `check`, run in `cwd` (a folder of the project); the log of `migrate`. */
async function migrateUpgradeCheck(cwd = '.'): Promise<string> {
  const dir = join(project.dir, cwd)
  const migrate = ok(await runMig(dir, ['migrate', '-m', 'init']))
  ok(await runMig(dir, ['upgrade']))
  const check = ok(await runMig(dir, ['check']))
  expect(check.stdout + check.stderr).toContain('No new upgrade operations detected.')
  return migrate.stdout + migrate.stderr
}

const ESM_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true, emitDecoratorMetadata: true },
})

describe('decorator entities in an ES module package (reflect-metadata)', () => {
  it('reads types from decorator metadata through Ref/Rel/Opt, type-only and enum imports, and a circular relation', async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ orm: () => import('./src/mikro-orm.config.js') })\n`)
    project.write('tsconfig.json', ESM_TSCONFIG)
    project.write('src/entities/base.entity.ts', `import { PrimaryKey, Property, type Opt } from '@mikro-orm/core'
export abstract class BaseEntity {
  @PrimaryKey() id!: number
  @Property() createdAt: Date & Opt = new Date()
}
`)
    project.write('src/entities/kinds.ts', `export enum Genre { Poetry = 'poetry', Prose = 'prose' }
export interface Dimensions { width: number; height: number }
`)
    project.write('src/entities/shelf.entity.ts', `import { Entity, Property, OneToMany, Collection } from '@mikro-orm/core'
import { BaseEntity } from './base.entity.js'
import { Volume } from './volume.entity.js'
@Entity()
export class Shelf extends BaseEntity {
  @Property() label!: string
  @Property({ nullable: true }) capacity?: number
  @OneToMany(() => Volume, (volume) => volume.shelf) volumes = new Collection<Volume>(this)
}
`)
    // Ref and Rel are types only, Dimensions an interface imported beside a value: an ES module
    // that kept them as imports would fail to link.
    project.write('src/entities/volume.entity.ts', `import { Entity, Property, ManyToOne, Enum, Ref, type Rel } from '@mikro-orm/core'
import { BaseEntity } from './base.entity.js'
import { Shelf } from './shelf.entity.js'
import { Genre, Dimensions } from './kinds.js'
@Entity()
export class Volume extends BaseEntity {
  @Property({ length: 120 }) title!: string
  @ManyToOne(() => Shelf) shelf!: Rel<Shelf>
  @ManyToOne(() => Shelf, { nullable: true, ref: true }) previousShelf?: Ref<Shelf>
  @Enum(() => Genre) genre!: Genre
  @Property({ type: 'json', nullable: true }) size?: Dimensions
  @Property() pages!: number
  @Property() lent = false
}
`)
    // import.meta.url must be the real file's, or the database lands in a cache folder.
    project.write('src/mikro-orm.config.ts', `import 'reflect-metadata'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@mikro-orm/better-sqlite'
import { Shelf } from './entities/shelf.entity.js'
import { Volume } from './entities/volume.entity.js'
export default defineConfig({ dbName: fileURLToPath(new URL('../library.db', import.meta.url)), entities: [Shelf, Volume] })
`)
    ok(await project.mig(['init']))
    const log = await migrateUpgradeCheck()
    expect(log).toContain("Detected added table 'volume'")
    const volume = columns('library.db', 'volume')
    expect(Object.keys(volume)).toEqual(['id', 'created_at', 'title', 'shelf_id', 'previous_shelf_id', 'genre', 'size', 'pages', 'lent'])
    // `pages!: number` and `capacity?: number` carry no type option: only design:type says integer.
    expect(volume.pages).toEqual({ type: 'integer', notnull: 1 })
    expect(columns('library.db', 'shelf').capacity).toEqual({ type: 'integer', notnull: 0 })
    expect(volume.previous_shelf_id!.notnull).toBe(0)
  })
})

describe('a CommonJS NestJS-style project with no mig.config', () => {
  it("finds MikroORM's config, reads types with TsMorph from the real sources, resolves tsconfig paths, and discovers folders from a subdirectory", async () => {
    project = createProject()
    project.write('package.json', JSON.stringify({ name: 'api', private: true, 'mikro-orm': { configPaths: ['./src/config/orm.ts'] } }))
    // No emitDecoratorMetadata: only TsMorph, reading each entity's own file, can know the types.
    project.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { target: 'ES2021', module: 'commonjs', experimentalDecorators: true, baseUrl: './', paths: { '@shared/*': ['src/shared/*'] } } }))
    project.write('tsconfig.json', JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { outDir: 'dist', strict: true } }))
    project.write('src/shared/timestamps.entity.ts', `import { PrimaryKey, Property } from '@mikro-orm/core'
export abstract class Timestamped {
  @PrimaryKey() id!: number
  @Property() updatedAt: Date = new Date()
}
`)
    project.write('src/modules/accounts/account.entity.ts', `import { Entity, Property, OneToMany, Collection } from '@mikro-orm/core'
import { Timestamped } from '@shared/timestamps.entity'
import { Invoice } from '../billing/invoice.entity'
@Entity({ tableName: 'accounts' })
export class Account extends Timestamped {
  @Property({ unique: true }) email!: string
  @Property() displayName?: string
  @Property() credits!: number
  @OneToMany(() => Invoice, (invoice) => invoice.account) invoices = new Collection<Invoice>(this)
}
`)
    project.write('src/modules/billing/invoice.entity.ts', `import { Entity, Property, ManyToOne } from '@mikro-orm/core'
import { Timestamped } from '@shared/timestamps.entity'
import { Account } from '../accounts/account.entity'
@Entity()
export class Invoice extends Timestamped {
  @Property() total!: number
  @ManyToOne() account!: Account
}
`)
    project.write('src/config/orm.ts', `import { Options } from '@mikro-orm/core'
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite'
import { TsMorphMetadataProvider } from '@mikro-orm/reflection'
import * as path from 'path'
const config: Options = {
  driver: BetterSqliteDriver,
  dbName: path.join(__dirname, '..', '..', 'api.db'),
  entities: ['dist/**/*.entity.js'],
  entitiesTs: ['src/**/*.entity.ts'],
  metadataProvider: TsMorphMetadataProvider,
}
export default config
`)
    const init = ok(await runMig(join(project.dir, 'src/modules'), ['init']))
    expect(init.stdout).toContain("Using MikroORM's config ../config/orm.ts (no mig.config.ts)")
    expect(project.list('.')).toContain('migrations')
    await migrateUpgradeCheck('src/modules')
    const accounts = columns('api.db', 'accounts')
    expect(accounts.display_name).toEqual({ type: 'varchar(255)', notnull: 0 })
    expect(accounts.credits).toEqual({ type: 'integer', notnull: 1 })
    expect(Object.keys(columns('api.db', 'invoice'))).toEqual(['id', 'updated_at', 'total', 'account_id'])
  })
})

describe('an ES module package with folder discovery (as in MikroORM\'s getting-started guide)', () => {
  // MikroORM imports each discovered file itself: its `import()` must run with a loader that can take ES modules.
  it('discovers the entities of `entitiesTs` and migrates them', async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ orm: () => import('./src/mikro-orm.config.js') })\n`)
    project.write('tsconfig.json', ESM_TSCONFIG)
    project.write('src/mikro-orm.config.ts', `import 'reflect-metadata'
import { defineConfig } from '@mikro-orm/better-sqlite'

export default defineConfig({
  dbName: 'guide.db',
  entities: ['dist/**/*.entity.js'],
  entitiesTs: ['src/**/*.entity.ts'],
})
`)
    project.write('src/modules/user/user.entity.ts', `import { Entity, PrimaryKey, Property } from '@mikro-orm/core'

@Entity()
export class User {
  @PrimaryKey() id!: number
  @Property() fullName!: string
  @Property({ nullable: true }) bio?: string
}
`)
    ok(await runMig(project.dir, ['init']))
    await migrateUpgradeCheck()
    expect(Object.keys(columns('guide.db', 'user'))).toEqual(['id', 'full_name', 'bio'])
  })
})

describe('a mig.config.ts in a CommonJS package that names TsMorph', () => {
  // The shape of mikro-orm/nestjs-realworld-example-app with a mig.config.ts beside it: the config
  // itself goes through the model loader as CommonJS (`exports.default`), yet is read as its default export.
  it('reads the config, its database and its folder discovery', async () => {
    project = createProject(`import { defineConfig } from 'mig'

export default defineConfig({
  database: 'sqlite:realworld.db',
  orm: async () => {
    const { TsMorphMetadataProvider } = await import('@mikro-orm/reflection')
    return { entities: ['dist/**/*.entity.js'], entitiesTs: ['src/**/*.entity.ts'], metadataProvider: TsMorphMetadataProvider }
  },
})
`)
    project.write('package.json', JSON.stringify({ name: 'realworld', private: true, main: 'index.js' }))
    project.write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true, strict: true, outDir: './dist' }, include: ['src/**/*'] }))
    project.write('src/tag/tag.entity.ts', `import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity()
export class Tag {
  @PrimaryKey()
  id!: number;

  @Property()
  tag!: string;
}
`)
    ok(await runMig(project.dir, ['init']))
    await migrateUpgradeCheck()
    expect(Object.keys(columns('realworld.db', 'tag'))).toEqual(['id', 'tag'])
  })
})

describe('a file that fails to load', () => {
  it('is named with its own path and line, in one line without a stack trace', async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:app.db', orm: async () => ({ entities: [(await import('./src/thing.entity.js')).Thing] }) })\n`)
    project.write('tsconfig.json', ESM_TSCONFIG)
    ok(await project.mig(['init']))
    const entity = (body: string) => `import { Entity, PrimaryKey } from '@mikro-orm/core'\n@Entity()\nexport class Thing {\n  @PrimaryKey() id!: number\n${body}}\n`
    project.write('src/thing.entity.ts', entity('  broken(: number\n'))
    const syntax = await project.mig(['check'])
    expect(syntax.code).toBe(1)
    expect(syntax.stderr).toMatch(new RegExp(`^Error: The 'orm' option failed: ${join(project.dir, 'src/thing.entity.ts')}:5: `))
    project.write('src/thing.entity.ts', entity('}\nif (Math.random() < 2) throw new Error("no licence key")\nclass Other {\n'))
    const thrown = await project.mig(['check'])
    expect(thrown.stderr).toBe(`Error: The 'orm' option failed: no licence key (at ${join(project.dir, 'src/thing.entity.ts')}:6)\n`)
  })
})

describe('a reused MikroORM config', () => {
  it('is not loaded by the commands that need no models', async () => {
    project = createProject()
    project.write('src/mikro-orm.config.ts', `throw new Error('the MikroORM config was loaded')\nexport default {}\n`)
    ok(await project.mig(['init']))
    ok(await project.mig(['revision', '-m', 'first', '--rev-id', 'aaa111']))
    for (const command of [['heads'], ['history'], ['show', 'head'], ['branches'], ['revision', '-m', 'second', '--rev-id', 'bbb222']]) {
      ok(await project.mig(command))
    }
    expect((await project.mig(['history'])).stdout).toContain('aaa111 -> bbb222 (head), second')
    const check = await project.mig(['check'])
    expect(check.stderr).toBe(`Error: The 'orm' option failed: the MikroORM config was loaded (at ${join(project.dir, 'src/mikro-orm.config.ts')}:1)\n`)
  })
})

describe('CommonJS with reflect-metadata and circular imports', () => {
  it('loads as tsc-compiled CommonJS does: a class still loading reads as undefined, not a crash', async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:crew.db', orm: () => import('./src/orm.config') })\n`)
    project.write('package.json', JSON.stringify({ name: 'crew', private: true }))
    project.write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', experimentalDecorators: true, emitDecoratorMetadata: true, strict: true } }))
    // Each entity names the other's class as a property type: its metadata is read while the
    // other module is still being required.
    project.write('src/pilot.entity.ts', `import { Collection, Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/core'
import { Flight } from './flight.entity'
@Entity()
export class Pilot {
  @PrimaryKey() id!: number
  @Property() name!: string
  @OneToMany(() => Flight, (flight) => flight.captain) flights = new Collection<Flight>(this)
  @ManyToOne(() => Flight, { nullable: true }) lastFlight!: Flight
  @Property({ persist: false }) get label(): string { return this.name + ' (' + __filename.split('/').pop() + ')' }
}
`)
    project.write('src/flight.entity.ts', `import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core'
import { Pilot } from './pilot.entity'
@Entity()
export class Flight {
  @PrimaryKey() id!: number
  @Property() code!: string
  @ManyToOne(() => Pilot) captain!: Pilot
}
`)
    project.write('src/orm.config.ts', `import 'reflect-metadata'
import { Flight } from './flight.entity'
import { Pilot } from './pilot.entity'
export default { entities: [Pilot, Flight] }
`)
    ok(await project.mig(['init']))
    await migrateUpgradeCheck()
    expect(Object.keys(columns('crew.db', 'flight'))).toEqual(['id', 'code', 'captain_id'])
    expect(columns('crew.db', 'pilot').last_flight_id).toEqual({ type: 'integer', notnull: 0 })
  })
})

describe('a solution-style tsconfig (create-vite)', () => {
  it('takes the decorator flags from the referenced tsconfig that includes the entity', async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:app.db', orm: async () => ({ entities: [(await import('./src/lamp.entity.js')).Lamp] }) })\n`)
    project.write('tsconfig.json', JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }))
    project.write('tsconfig.app.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, experimentalDecorators: true, emitDecoratorMetadata: true }, include: ['src'] }))
    project.write('tsconfig.node.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true }, include: ['vite.config.ts'] }))
    project.write('src/lamp.entity.ts', `import 'reflect-metadata'\nimport { Entity, PrimaryKey, Property } from '@mikro-orm/core'\n@Entity()\nexport class Lamp {\n  @PrimaryKey() id!: number\n  @Property() watts!: number\n}\n`)
    ok(await project.mig(['init']))
    await migrateUpgradeCheck()
    expect(columns('app.db', 'lamp').watts).toEqual({ type: 'integer', notnull: 1 })
  })
})

describe('an ES module project with the TsMorph provider and entity classes', () => {
  it("gives MikroORM each entity's real source file, from which TsMorph reads the types", async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:app.db', orm: () => import('./src/orm.config.js') })\n`)
    // No decorator metadata: only TsMorph, reading each entity's own file, knows the types.
    project.write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true, declaration: true } }))
    project.write('src/base.entity.ts', `import { PrimaryKey, Property } from '@mikro-orm/core'\nexport abstract class Base {\n  @PrimaryKey() id!: number\n  @Property() version: number = 1\n}\n`)
    project.write('src/kettle.entity.ts', `import { Entity, Property } from '@mikro-orm/core'\nimport { Base } from './base.entity.js'\n@Entity()\nexport class Kettle extends Base {\n  @Property() litres!: number\n  @Property() brand?: string\n}\n`)
    project.write('src/orm.config.ts', `import { TsMorphMetadataProvider } from '@mikro-orm/reflection'\nimport { Kettle } from './kettle.entity.js'\nexport default { entities: [Kettle], metadataProvider: TsMorphMetadataProvider, metadataCache: { enabled: false } }\n`)
    ok(await project.mig(['init']))
    await migrateUpgradeCheck()
    const kettle = columns('app.db', 'kettle')
    expect(kettle.litres).toEqual({ type: 'integer', notnull: 1 })
    expect(kettle.brand!.notnull).toBe(0)
  })
})

describe('a MikroORM config that discovers by glob and also imports an entity', () => {
  it('loads each entity module once, so discovery finds one class per entity', async () => {
    project = createProject()
    project.write('package.json', JSON.stringify({ name: 'shop', private: true, type: 'module' }))
    project.write('tsconfig.json', ESM_TSCONFIG)
    project.write('src/entities/product.entity.ts', `import { Entity, PrimaryKey, Property } from '@mikro-orm/core'
@Entity()
export class Product {
  @PrimaryKey() id!: number
  @Property() name!: string
}
`)
    project.write('src/entities/purchase.entity.ts', `import { Entity, ManyToOne, PrimaryKey } from '@mikro-orm/core'
import { Product } from './product.entity.js'
@Entity()
export class Purchase {
  @PrimaryKey() id!: number
  @ManyToOne(() => Product) product!: Product
}
`)
    // The config names an entity for a filter beside the glob discovery, as projects do.
    project.write('src/mikro-orm.config.ts', `import { defineConfig } from '@mikro-orm/better-sqlite'
import { Product } from './entities/product.entity.js'
export default defineConfig({
  dbName: 'shop.db',
  entities: ['dist/entities/*.entity.js'],
  entitiesTs: ['src/entities/*.entity.ts'],
  filters: { named: { cond: { name: { $ne: '' } }, entity: [Product.name], default: false } },
})
`)
    ok(await project.mig(['init']))
    await migrateUpgradeCheck()
    expect(Object.keys(columns('shop.db', 'purchase'))).toEqual(['id', 'product_id'])
  })
})

