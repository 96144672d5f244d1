import { existsSync, writeFileSync } from 'node:fs'
import { basename, join, relative, sep } from 'node:path'
import { listRevisionFiles, type Repository } from './repository.js'

/** The file `mig init --package` adds to a repository. */
export const PACKAGE_INDEX = 'index.ts'

/** Whether the repository was made importable with `mig init --package`. */
export function hasPackageIndex(repo: Pick<Repository, 'directory'>): boolean {
  return existsSync(join(repo.directory, PACKAGE_INDEX))
}

/**
 * Writes `index.ts`: one `import * as` per revision file (sorted, as every command lists them)
 * and `export const revisions = [...]`. Regenerated whole each time, so a revision deleted or
 * renamed by hand disappears from it at the next `revision`, `migrate` or `merge`.
 *
 * @example
 * writePackageIndex(openRepository(config))
 * // import * as r_cf02980d4903_initial from './versions/cf02980d4903_initial.js'
 * // export { default as env } from './env.js'
 * // export const revisions = [r_cf02980d4903_initial]
 */
export function writePackageIndex(repo: Repository): string {
  const path = join(repo.directory, PACKAGE_INDEX)
  writeFileSync(path, renderPackageIndex(repo.directory, listRevisionFiles(repo), repo.envFile))
  return path
}

/** Rewrites `index.ts` when the repository has one; returns its path then. */
export function updatePackageIndex(repo: Repository): string | undefined {
  return hasPackageIndex(repo) && !repo.packaged ? writePackageIndex(repo) : undefined
}

export function renderPackageIndex(directory: string, files: readonly string[], envFile?: string): string {
  const used = new Set<string>()
  const imports = files.map((file) => {
    let name = `r_${basename(file).replace(/\.[^.]+$/, '').replace(/\W/g, '_')}`
    while (used.has(name)) name = `${name}_`
    used.add(name)
    return { name, specifier: importSpecifier(directory, file) }
  })
  return [
    '// Every revision of this repository, for bundling into an application (mig init --package):',
    "//   import * as migrations from './migrations/index.js'",
    '//   await upgrade(await resolveConfig({ database, migrations }, { root }))',
    '// Generated: mig revision, migrate and merge rewrite this file.',
    ...imports.map(({ name, specifier }) => `import * as ${name} from '${specifier}'`),
    // The bundle runs env.ts as the CLI does (retargeting by -x, say).
    ...(envFile ? [`export { default as env } from '${importSpecifier(directory, envFile)}'`] : []),
    '',
    // `as const` when empty: a bare `[]` would be `never[]`/`any[]` depending on the tsconfig.
    imports.length === 0
      ? 'export const revisions = [] as const'
      : `export const revisions = [${imports.map(({ name }) => name).join(', ')}]`,
    '',
  ].join('\n')
}

/** `./versions/x.js` for `versions/x.ts`: the specifier TypeScript (nodenext) and bundlers accept. */
function importSpecifier(directory: string, file: string): string {
  const path = relative(directory, file).split(sep).join('/').replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs')
  return path.startsWith('.') ? path : `./${path}`
}
