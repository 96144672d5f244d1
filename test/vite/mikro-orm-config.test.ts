import { afterEach, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../helpers/dev-server.js'
import { createProject, type TempProject } from '../helpers/project.js'

let project: TempProject | undefined
let server: DevServer | undefined
afterEach(async () => {
  await server?.stop()
  project?.remove()
})

describe('the dev loop in a project with no mig.config', () => {
  it("checks the models of the MikroORM config that MikroORM's lookup finds", async () => {
    project = createProject()
    project.write('src/entities.ts', `import { defineEntity, p } from '@mikro-orm/core'
export const Ticket = defineEntity({ name: 'Ticket', properties: { id: p.integer().primary(), subject: p.string().length(80) } })
`)
    project.write('src/mikro-orm.config.ts', `import { defineConfig } from '@mikro-orm/better-sqlite'
import { Ticket } from './entities.js'
export default defineConfig({ dbName: 'desk.db', entities: [Ticket] })
`)
    project.write('vite.config.ts', `import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n`)
    project.write('index.html', '<!doctype html><title>desk</title>')
    expect((await project.mig(['init'])).code).toBe(0)
    server = await startDevServer(project.dir)
    const status = async () => (await (await fetch(`${server!.url}/__mig/status`)).json()) as { state: string; changes?: Array<{ text: string }> }
    await expect.poll(async () => (await status()).state, { timeout: 20_000, interval: 50 }).toBe('models-changed')
    expect(JSON.stringify(await status())).toContain('ticket')

    // The CLI and the dev server read the same config: after `mig migrate` the server sees a revision the database lacks.
    expect((await project.mig(['migrate', '-m', 'tickets'])).code).toBe(0)
    await expect.poll(async () => (await status()).state, { timeout: 20_000, interval: 50 }).toBe('database-behind')
  })
})

describe("the dev loop on MikroORM's folder discovery (ES modules, decorators)", () => {
  it('follows an edited entity file that the config never imports, both ways', async () => {
    project = createProject(`import { defineConfig } from 'mig'\nexport default defineConfig({ orm: () => import('./src/mikro-orm.config.js') })\n`)
    project.write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true, emitDecoratorMetadata: true } }))
    project.write('src/mikro-orm.config.ts', `import 'reflect-metadata'
import { defineConfig } from '@mikro-orm/better-sqlite'
export default defineConfig({ dbName: 'guide.db', entities: ['dist/**/*.entity.js'], entitiesTs: ['src/**/*.entity.ts'] })
`)
    const entity = `import { Entity, PrimaryKey, Property } from '@mikro-orm/core'

@Entity()
export class User {
  @PrimaryKey() id!: number
  @Property() fullName!: string
}
`
    project.write('src/modules/user.entity.ts', entity)
    project.write('vite.config.ts', `import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n`)
    project.write('index.html', '<!doctype html><title>guide</title>')
    for (const args of [['init'], ['migrate', '-m', 'users'], ['upgrade']]) expect((await project.mig(args)).code).toBe(0)
    server = await startDevServer(project.dir)
    await server.waitForState('clean')

    project.write('src/modules/user.entity.ts', entity.replace('  @Property() fullName!: string\n', '  @Property() fullName!: string\n  @Property({ nullable: true }) bio?: string\n'))
    await server.waitForState('models-changed')
    expect(JSON.stringify(await server.status())).toContain("added column 'user.bio'")
    project.write('src/modules/user.entity.ts', entity)
    await server.waitForState('clean')
  })
})
