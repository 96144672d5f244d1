import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { MigError } from '../errors.js'
import { importModule } from '../loader/import-module.js'
import { findMikroOrmConfigFile, type FoundMikroOrmConfig } from './mikro-orm-config-file.js'
import { checkBinds } from './binds.js'
import { DURATION_HINT, parseDuration } from './duration.js'
import { isModule } from './orm-options.js'
import type { ConfigureCallback, MigConfig, MigUserConfig, PackagedMigrations } from './types.js'

export const CONFIG_FILE_NAMES = ['mig.config.ts', 'mig.config.mts', 'mig.config.js', 'mig.config.mjs']

export interface LoadConfigOptions {
  /** Where to start looking for `mig.config.*`. Default `process.cwd()`. */
  cwd?: string
  /** An explicit config file (`--config`); `MIG_CONFIG` is the fallback. */
  configFile?: string
  /** Overrides the repository directory (`-d`), relative to `cwd`. */
  directory?: string
  /** When false, a missing config file is not an error (commands that need no database). */
  required?: boolean
  /** Bundled revisions (`import * as migrations from './migrations/index.js'`); see `MigUserConfig.migrations`. */
  migrations?: PackagedMigrations
}

/**
 * Finds, imports and resolves the project's config.
 *
 * @example
 * const config = await loadConfig({ cwd: '/app' })
 * config.directory // '/app/migrations'
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<MigConfig> {
  const cwd = resolve(options.cwd ?? process.cwd())
  const { configFile, mikroOrm } = locateConfig(options)
  const loaded = configFile ? await importUserConfig(configFile) : mikroOrm ? { orm: async () => (await import('../loader/model-loader.js')).importModel(mikroOrm.file) } : {}
  const user = options.migrations ? { ...loaded, migrations: options.migrations } : loaded
  const root = configFile ? dirname(configFile) : (mikroOrm?.root ?? cwd)
  const directory = options.directory ? resolve(cwd, options.directory) : undefined
  return resolveConfig(user, { root, configFile, directory, ormConfigFile: mikroOrm?.file })
}

/**
 * Where the config comes from: `--config` (or `MIG_CONFIG`), else the nearest `mig.config.*`,
 * else a MikroORM config found by MikroORM's own rules. A missing explicit file, or nothing
 * found while `required`, is an error that says what to do.
 *
 * @example
 * locateConfig({ cwd: '/app' }) // { configFile: '/app/mig.config.ts', mikroOrm: undefined }
 */
export function locateConfig(options: LoadConfigOptions = {}): { configFile: string | undefined; mikroOrm: FoundMikroOrmConfig | undefined } {
  const cwd = resolve(options.cwd ?? process.cwd())
  const explicit = options.configFile ?? process.env.MIG_CONFIG
  const configFile = explicit ? resolve(cwd, explicit) : findConfigFile(cwd)
  if (explicit && !existsSync(configFile!)) {
    throw new MigError('NO_CONFIG', `Config file '${configFile}' does not exist`)
  }
  const mikroOrm = configFile ? undefined : findMikroOrmConfigFile(cwd)
  if (!configFile && !mikroOrm && options.required !== false) {
    throw new MigError(
      'NO_CONFIG',
      `No mig.config.ts (nor a MikroORM config) found in '${cwd}' or any parent directory; create one (see the README) or pass --config`,
    )
  }
  return { configFile, mikroOrm }
}

/**
 * Applies defaults and the `configure` callbacks to a config object written in code
 * (the programmatic API's entry when there is no config file).
 */
export async function resolveConfig(
  user: MigUserConfig,
  where: { root: string; configFile?: string | undefined; directory?: string | undefined; ormConfigFile?: string | undefined },
): Promise<MigConfig> {
  const { database, orm, directory, versionTable, compareType, renderAsBatch, keepRevisionSources, lockTimeout, statementTimeout, binds, configure, migrations, ...options } = user
  let config: MigConfig = {
    root: where.root,
    configFile: where.configFile,
    ...(where.ormConfigFile ? { ormConfigFile: where.ormConfigFile } : {}),
    directory: where.directory ?? resolve(where.root, directory ?? 'migrations'),
    versionTable: versionTable ?? 'mig_version',
    database,
    orm,
    compareType: compareType ?? true,
    renderAsBatch: renderAsBatch ?? true,
    keepRevisionSources: keepRevisionSources ?? true,
    lockTimeout: configDuration('lockTimeout', lockTimeout),
    statementTimeout: configDuration('statementTimeout', statementTimeout),
    binds: binds ?? {},
    migrations,
    options,
  }
  const callbacks: ConfigureCallback[] = configure === undefined ? [] : Array.isArray(configure) ? configure : [configure]
  for (const callback of callbacks) config = (await callback(config)) ?? config
  checkBinds(config.binds)
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(config.versionTable)) {
    throw new MigError('BAD_CONFIG', `versionTable '${config.versionTable}' is not a plain SQL identifier`)
  }
  return config
}

function configDuration(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  const ms = parseDuration(value)
  if (ms === undefined) throw new MigError('BAD_CONFIG', `${option} ${JSON.stringify(value)} is not a duration: give ${DURATION_HINT}`)
  return ms
}

export function findConfigFile(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name)
      if (existsSync(candidate)) return candidate
    }
    if (dirname(dir) === dir) return undefined
  }
}

async function importUserConfig(file: string): Promise<MigUserConfig> {
  let module: { default?: unknown }
  try {
    module = await importModule(file)
  } catch (error) {
    if (error instanceof MigError) throw new MigError('BAD_CONFIG', error.message, { cause: error })
    throw new MigError('BAD_CONFIG', `Cannot load config '${file}': ${(error as Error).message}`, { cause: error })
  }
  // A config in a CommonJS package that the model loader runs as CommonJS (it names TsMorph, say)
  // is compiled to `exports.default`, and Node's import hands over `module.exports` as the default.
  const config = isModule(module.default) ? module.default.default : module.default
  if (config === null || typeof config !== 'object') {
    throw new MigError('BAD_CONFIG', `Config '${file}' must export default defineConfig({...})`)
  }
  return config as MigUserConfig
}
