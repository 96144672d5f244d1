import { readFile } from 'node:fs/promises'
import { relative, sep } from 'node:path'
import type { RevisionModule } from '../config/types.js'
import type { RevisionModules } from '../runtime/steps.js'
import { MigError } from '../errors.js'
import { importModule } from '../loader/import-module.js'

const loading = new Map<string, Promise<RevisionModule>>()

/**
 * Imports a revision file (once per process); a syntax error names the file. The runtime gets
 * this function from the commands that start a run, so it never imports the script layer.
 *
 * @example
 * const { upgrade } = await importRevisionModule('/app/migrations/versions/ae1027a6acf_add_email.ts')
 */
export function importRevisionModule(file: string): Promise<RevisionModule> {
  let module = loading.get(file)
  if (!module) {
    module = importModule<RevisionModule>(file).catch((error: unknown) => {
      if (error instanceof MigError) throw error
      throw new MigError('BAD_REVISION_FILE', `Cannot load revision file '${file}': ${(error as Error).message}`, { cause: error, file })
    })
    loading.set(file, module)
  }
  return module
}

/**
 * Makes an already imported module (a bundled revision) the answer for `file`, so the runtime
 * runs it like any revision file.
 *
 * @example provideRevisionModule('/app/migrations/index.ts#ae1027a6acf', bundledModule)
 */
export function provideRevisionModule(file: string, module: RevisionModule): void {
  loading.set(file, Promise.resolve(module))
}

/**
 * Starts loading the revision files a plan will run, all at once: the module loader's file
 * reads then overlap instead of costing one round trip each. Failures surface when the step
 * that needs the file runs.
 *
 * @example prefetchRevisionModules(steps.map((step) => step.revision.path))
 */
export function prefetchRevisionModules(files: readonly string[]): void {
  for (const file of files) importRevisionModule(file).catch(() => {})
}

/**
 * How a run loads the revisions of the migrations folder at `directory`: imported once per
 * process, prefetched as a plan starts, and their text read back to be kept beside the version
 * row. A bundled revision (`index.ts#<id>`) has no file of its own and no kept source.
 *
 * @example await upgradeRun.apply(plan, { modules: revisionModules(config.directory) })
 */
export function revisionModules(directory: string): RevisionModules {
  return {
    load: importRevisionModule,
    prefetch: prefetchRevisionModules,
    async source(path) {
      if (path.includes('#')) return undefined
      const text = await readFile(path, 'utf8').catch(() => undefined)
      return text === undefined ? undefined : { text, file: relative(directory, path).split(sep).join('/') }
    },
  }
}
