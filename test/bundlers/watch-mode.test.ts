import { afterEach, describe, expect, it } from 'vitest'
import { withRating } from '../helpers/decorator-project.js'
import { startNode, type LongProcess } from '../helpers/long-process.js'
import type { TempProject } from '../helpers/project.js'
import { bundlerProject, configWasLoaded } from './project.js'

// esbuild, Rollup and Rspack in watch mode, as their users start them from a script: each
// reports mig's state in its own output, and a one-off build loads nothing.

let project: TempProject | undefined
let watcher: LongProcess | undefined
afterEach(async () => {
  await watcher?.stop('SIGKILL')
  project?.remove()
  project = watcher = undefined
})

interface Bundler {
  readonly name: string
  /** Files of the project: `watch.mjs` starts watch mode and prints `watching` once built; `build.mjs` builds once. */
  readonly files: Record<string, string>
  /** How the model change shows in the watch output. */
  readonly warning: RegExp
}

const BUNDLERS: readonly Bundler[] = [
  {
    name: 'esbuild',
    files: {
      'watch.mjs': `import * as esbuild from 'esbuild'
import mig from 'mig/esbuild'

const context = await esbuild.context({ entryPoints: ['src/main.js'], bundle: true, outdir: 'dist', logLevel: 'warning', plugins: [mig()] })
await context.watch()
console.log('watching')
`,
      'build.mjs': `import * as esbuild from 'esbuild'
import mig from 'mig/esbuild'

const result = await esbuild.build({ entryPoints: ['src/main.js'], bundle: true, outdir: 'dist', logLevel: 'silent', plugins: [mig()] })
console.log(JSON.stringify({ warnings: result.warnings.length, errors: result.errors.length }))
`,
    },
    warning: /▲ \[WARNING\] mig: the models have changes that no migration covers \[plugin mig\]\n\s+added column 'book\.rating'\n\s+Run: mig migrate/,
  },
  {
    name: 'rollup',
    files: {
      'watch.mjs': `import { watch } from 'rollup'
import mig from 'mig/rollup'

const watcher = watch({ input: 'src/main.js', output: { dir: 'dist' }, plugins: [mig()], onwarn: (warning) => console.warn('(!) ' + warning.message) })
watcher.on('event', (event) => { if (event.code === 'END') console.log('watching') })
`,
      'build.mjs': `import { rollup } from 'rollup'
import mig from 'mig/rollup'

const warnings = []
const bundle = await rollup({ input: 'src/main.js', plugins: [mig()], onwarn: (warning) => warnings.push(warning) })
await bundle.write({ dir: 'dist' })
await bundle.close()
console.log(JSON.stringify({ warnings: warnings.length, errors: 0 }))
`,
    },
    warning: /\[mig\] 1 model change\(s\) not in a migration: added column 'book\.rating' → mig migrate/,
  },
  {
    name: 'rspack',
    files: {
      'watch.mjs': `import { rspack } from '@rspack/core'
import mig from 'mig/rspack'

const compiler = rspack({ mode: 'development', context: process.cwd(), entry: './src/main.js', plugins: [mig()] })
compiler.watch({}, (error, stats) => {
  if (error) throw error
  for (const warning of stats.toJson({ all: false, warnings: true }).warnings) console.log('WARNING ' + warning.message)
  console.log('watching')
})
`,
      'build.mjs': `import { rspack } from '@rspack/core'
import mig from 'mig/rspack'

rspack({ mode: 'production', context: process.cwd(), entry: './src/main.js', plugins: [mig()] }, (error, stats) => {
  if (error) throw error
  const json = stats.toJson({ all: false, warnings: true, errors: true })
  console.log(JSON.stringify({ warnings: json.warnings.length, errors: json.errors.length }))
})
`,
    },
    warning: /WARNING\W+mig: the models have changes that no migration covers\n\W+added column 'book\.rating'\n\W+Run: mig migrate/,
  },
]

describe.each(BUNDLERS)('mig/$name', ({ name, files, warning }) => {
  it(`a one-off build loads nothing; watch mode reports the model change and clears after migrate + upgrade`, async () => {
    project = await bundlerProject(files)
    project.write('src/entities/book.entity.ts', withRating(project.read('src/entities/book.entity.ts')))
    const build = startNode(project.dir, ['build.mjs'])
    const [json] = await build.waitFor(/\{"warnings".*\}/)
    expect(JSON.parse(json!)).toEqual({ warnings: 0, errors: 0 })
    // It ends by itself, with nothing of mig's left running.
    expect(await build.exited()).toBe(0)
    expect(configWasLoaded(project), `${name} build loaded the config`).toBe(false)

    watcher = startNode(project.dir, ['watch.mjs'])
    await watcher.waitFor(warning, 0, 40_000)
    expect((await project.mig(['migrate', '-m', 'add rating'])).code).toBe(0)
    let from = watcher.output().length
    expect((await project.mig(['upgrade'])).code).toBe(0)
    // esbuild and Rollup print the new state at once; Rspack rebuilds and warns no more.
    if (name === 'rspack') {
      await watcher.waitFor(/watching\n$/, from, 30_000)
      from = watcher.output().length
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(watcher.output().slice(from)).not.toContain('WARNING')
    } else {
      await watcher.waitFor(/\[mig\] models match the migrations/, from, 30_000)
    }
  }, 120_000)
})
