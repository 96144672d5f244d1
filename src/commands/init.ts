import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { installGitHook } from '../script/git-hook.js'
import { writePackageIndex } from '../script/package-index.js'
import { openRepository } from '../script/repository.js'
import { findTemplate, TEMPLATE_METADATA } from '../script/templates.js'

export interface InitOptions {
  /** Stock template name or a path to a custom template folder. Default `default`. */
  template?: string
  /** Use the multidb template. */
  multidb?: boolean
  /**
   * Also write `index.ts`, which imports every revision (kept current by `revision`, `migrate`
   * and `merge`), so an application can bundle its migrations (`config.migrations`).
   */
  package?: boolean
  /**
   * Install a git `post-checkout` hook that runs `mig sync --hook` after a branch switch that
   * changed the migrations. With an existing repository, only the hook is installed.
   */
  gitHook?: boolean
}

export interface InitResult {
  /** Everything created, in order: folders then files. */
  created: Array<{ kind: 'directory' | 'file'; path: string }>
  /** The config file that drives this repository, or undefined when there is none yet. */
  configFile: string | undefined
  /** With no mig config: the MikroORM config (found as MikroORM's CLI finds it) whose models mig uses. */
  ormConfigFile: string | undefined
  /** With `gitHook`: the hook file written. */
  gitHook?: string
}

/**
 * Creates the migration repository `config.directory` from a template. Refuses a folder that
 * exists and is not empty (unless only `gitHook` is wanted).
 *
 * @example
 * await init(await loadConfig({ required: false })) // migrations/{versions/,env.ts,script.ts.tmpl,README}
 */
export async function init(config: MigConfig, options: InitOptions = {}): Promise<InitResult> {
  const directory = config.directory
  const exists = existsSync(directory) && readdirSync(directory).length > 0
  if (exists && options.gitHook) return { created: [], configFile: config.configFile, ormConfigFile: config.ormConfigFile, gitHook: installGitHook(config.root, directory) }
  if (exists) {
    const shown = relative(process.cwd(), directory) || directory
    throw new MigError('REPOSITORY_EXISTS', `Directory ${shown} already exists and is not empty`)
  }
  const template = findTemplate(options.template ?? (options.multidb ? 'multidb' : 'default'), process.cwd())
  const created: InitResult['created'] = []
  for (const dir of [directory, join(directory, 'versions')]) {
    mkdirSync(dir, { recursive: true })
    created.push({ kind: 'directory', path: dir })
  }
  const files = readdirSync(template.path).filter((name) => name !== TEMPLATE_METADATA && name !== 'versions').sort()
  for (const name of files) {
    copyFileSync(join(template.path, name), join(directory, name))
    created.push({ kind: 'file', path: join(directory, name) })
  }
  if (options.package) created.push({ kind: 'file', path: writePackageIndex(openRepository(config)) })
  const gitHook = options.gitHook ? { gitHook: installGitHook(config.root, directory) } : {}
  return { created, configFile: config.configFile, ormConfigFile: config.ormConfigFile, ...gitHook }
}
