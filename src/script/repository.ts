import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { MigConfig, PackagedMigrations, RevisionModule } from '../config/types.js'
import { MigError } from '../errors.js'
import { importRevisionModule } from './modules.js'
import type { RevisionHeader } from '../revision/types.js'
import { packagedHeaders } from './packaged.js'
import { headerFrom, readDocComment, readHeader } from './read-header.js'

const REVISION_FILE = /^[^._][^/]*\.(ts|mts|js|mjs)$/
const NOT_REVISION = /\.(d|test|spec)\.(ts|mts)$|^index\.(ts|mts|js|mjs)$/

/** The migration repository on disk: where its parts are. Knows files, not databases. */
export interface Repository {
  readonly directory: string
  /** Every folder that holds revision files; `versions/` first. */
  readonly versionDirs: readonly string[]
  /** The revision file template (`script.ts.tmpl`). */
  readonly templateFile: string
  /** The runtime glue, if the repository has one. */
  readonly envFile: string | undefined
  /** Set when revisions come from a bundled module instead of files (`config.migrations`). */
  readonly packaged?: PackagedMigrations | undefined
}

/**
 * Opens the repository named by the config, or explains how to create it.
 *
 * @example
 * const repo = openRepository(config)
 * const headers = await readRevisionHeaders(repo)
 */
export function openRepository(config: MigConfig): Repository {
  const directory = config.directory
  // A bundled server has no migrations folder on disk: everything comes from the module.
  if (config.migrations) {
    return { directory, versionDirs: [], templateFile: join(directory, 'script.ts.tmpl'), envFile: undefined, packaged: config.migrations }
  }
  if (!existsSync(directory)) {
    throw new MigError(
      'NO_REPOSITORY',
      `Path doesn't exist: '${directory}'.  Please use the 'init' command to create a new scripts folder.`,
    )
  }
  const extra = config.options.versionLocations
  const locations = Array.isArray(extra) ? extra.map((dir) => resolve(config.root, String(dir))) : []
  const envFile = ['env.ts', 'env.mts', 'env.js', 'env.mjs'].map((name) => join(directory, name)).find(existsSync)
  return {
    directory,
    versionDirs: [join(directory, 'versions'), ...locations.filter((dir) => dir !== join(directory, 'versions'))],
    templateFile: join(directory, 'script.ts.tmpl'),
    envFile,
  }
}

/** What to run as the repository's env.ts: the file, or a bundle's `env` export. */
export function environmentOf(repo: Repository): string | PackagedMigrations['env'] {
  return repo.packaged ? repo.packaged.env : repo.envFile
}

/** Lists revision files, sorted by name so every command sees them in one stable order. */
export function listRevisionFiles(repo: Repository): string[] {
  const files: string[] = []
  for (const dir of repo.versionDirs) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      if (REVISION_FILE.test(name) && !NOT_REVISION.test(name)) files.push(join(dir, name))
    }
  }
  return files
}

/**
 * Reads every revision's header. Files are parsed, not executed; a file whose exports are not
 * plain literals is imported as a fallback.
 */
export async function readRevisionHeaders(repo: Repository): Promise<RevisionHeader[]> {
  if (repo.packaged) return packagedHeaders(repo.directory, repo.packaged)
  const headers: RevisionHeader[] = []
  for (const file of listRevisionFiles(repo)) {
    const source = readFileSync(file, 'utf8')
    headers.push(readHeader(source, file) ?? (await importHeader(file)))
  }
  return headers
}

async function importHeader(file: string): Promise<RevisionHeader> {
  const module = await importRevisionModule(file)
  if (typeof module.revision !== 'string') {
    throw new MigError('BAD_REVISION_FILE', `Revision file '${file}' does not export a string 'revision'`)
  }
  return headerFrom({ ...module, revision: module.revision, doc: readDocComment(readFileSync(file, 'utf8')) }, file)
}

export type { RevisionModule }
