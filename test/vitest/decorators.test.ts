import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { REPO } from '../helpers/project.js'
import { decoratorConfig, decoratorFiles, writeDecoratorProject } from '../helpers/decorator-project.js'
import { removeInstalledMig, vitestProject, type VitestProject } from './helpers.js'

// A decorator project's tests import its entities through Vitest (Vite 8's oxc transform, with
// the tsconfig's decorator flags); the revisions were written by mig's CLI (swc). Both must read
// the same model, and MikroORM must meet the classes the tests import.

const books = `import { expect } from 'vitest'
import { test } from 'mig/vitest'
import { Author, Book } from '../src/models.js'
import { Level } from '../src/entities/level.js'

test('persists decorated entities and finds them again', async ({ em }) => {
  const author = em.create(Author, { name: 'Ursula' })
  em.create(Book, { title: 'The Dispossessed', author, level: Level.Advanced, minimumLevel: Level.Beginner, pages: 387 })
  await em.flush()
  em.clear()
  const book = await em.findOneOrFail(Book, { level: Level.Advanced }, { populate: ['author'] })
  expect(book).toBeInstanceOf(Book)
  expect(book.author.name).toBe('Ursula')
  expect(book.level).toBe(2)
  expect(book.minimumLevel).toBe(1)
  expect(await em.count(Book, { minimumLevel: Level.Beginner })).toBe(1)
})
`

const migrations = "import { migrationTests } from 'mig/vitest'\n\nmigrationTests()\n"

let project: VitestProject | undefined
afterEach(() => project?.remove())
afterAll(() => removeInstalledMig())

describe('mig/vitest on decorator entities (ESM, reflect-metadata)', () => {
  for (const plugin of ['vitest', 'vite'] as const) {
    it(`gives the em fixture the decorated classes the tests import, wired by mig/${plugin}, with no other setup`, async () => {
      const p = (project = vitestProject({
        dialect: 'sqlite',
        plugin,
        models: decoratorFiles['src/models.ts'],
        revisions: {},
        tests: { 'books.test.ts': books, 'migrations.test.ts': migrations },
      }))
      p.write('mig.config.ts', decoratorConfig)
      writeDecoratorProject(p)
      p.write('migrations/script.ts.tmpl', readFileSync(join(REPO, 'templates/default/script.ts.tmpl'), 'utf8'))
      const migrate = await p.mig(['migrate', '-m', 'init'])
      expect(migrate.code, migrate.stderr).toBe(0)

      const run = await p.vitest(['run', '--reporter=verbose'])
      expect(run.output).toMatch(/✓ .*persists decorated entities and finds them again/)
      // The models as Vitest loads them match the revision the CLI wrote from the same sources.
      expect(run.output).toMatch(/✓ .*migrations > match the models \(no change without a revision\)/)
      expect(run.output).toContain('Tests  5 passed (5)')
      expect(run.code).toBe(0)
    })
  }
})
