import { describe, expect, it } from 'vitest'
import { discoveryGlobs, globFolder, matchesGlob } from '../../src/dev/discovery-globs.js'
import { diagnosticOf } from '../../src/dev/status.js'

const settings = (values: Record<string, unknown>) => ({ get: (key: string) => values[key] })

describe("MikroORM's folder discovery, as the dev loop watches it", () => {
  it('takes entitiesTs when MikroORM prefers TypeScript, else entities, relative to baseDir', () => {
    const both = { baseDir: '/app', entities: ['dist/**/*.entity.js'], entitiesTs: ['src/**/*.entity.ts'] }
    expect(discoveryGlobs(settings({ ...both, preferTs: true }))).toEqual(['/app/src/**/*.entity.ts'])
    expect(discoveryGlobs(settings(both))).toEqual(['/app/dist/**/*.entity.js'])
    // Entity classes (not paths) and negated globs name nothing to watch.
    expect(discoveryGlobs(settings({ baseDir: '/app', entities: [class Book {}, '!src/**/*.test.ts', '/abs/models'] }))).toEqual(['/abs/models'])
  })

  it.each([
    ['/app/src/**/*.entity.ts', '/app/src/books/book.entity.ts', true],
    ['/app/src/**/*.entity.ts', '/app/src/book.entity.ts', true],
    ['/app/src/**/*.entity.ts', '/app/src/books/book.service.ts', false],
    ['/app/src/**/*.entity.ts', '/app/test/book.entity.ts', false],
    ['/app/src/*.{entity,schema}.ts', '/app/src/book.schema.ts', true],
    ['/app/src/*.{entity,schema}.ts', '/app/src/sub/book.schema.ts', false],
    ['/app/src/entities', '/app/src/entities/book.ts', true],
    ['/app/src/entities', '/app/src/entities-old/book.ts', false],
  ])('%s matches %s: %s', (glob, file, expected) => {
    expect(matchesGlob(file, glob)).toBe(expected)
  })

  it('watches the folder a glob starts in', () => {
    expect(globFolder('/app/src/**/*.entity.ts')).toBe('/app/src')
    expect(globFolder('/app/src/entities')).toBe('/app/src/entities')
  })
})

describe('a state as a bundler reports it', () => {
  it('is a warning naming each change and the command, an error when mig cannot check, nothing when clean', () => {
    expect(diagnosticOf({ state: 'models-changed', changes: [{ message: "Detected added column 'book.rating'", table: 'book', column: 'rating', destructive: false }], command: 'mig migrate -m "describe the change"' })).toEqual({
      level: 'warning',
      title: 'mig: the models have changes that no migration covers',
      details: ["  added column 'book.rating'", 'Run: mig migrate -m "describe the change"'],
      text: "mig: the models have changes that no migration covers\n  added column 'book.rating'\nRun: mig migrate -m \"describe the change\"",
    })
    expect(diagnosticOf({ state: 'error', message: "Revision ffffffffffff referenced from 0badc0ffee00 is not present" })?.level).toBe('error')
    expect(diagnosticOf({ state: 'clean', head: 'abc' })).toBeUndefined()
  })
})
