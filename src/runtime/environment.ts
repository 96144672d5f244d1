import { DEFAULT_DATABASE, hasMainDatabase } from '../config/databases.js'
import { resolveDatabaseTarget } from '../config/orm-options.js'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { importModule } from '../loader/import-module.js'
import type { RunDatabase } from './migration-run.js'

/**
 * What a repository's `env.ts` receives (Alembic's env.py context). mig runs `env.ts` for every
 * command that talks to the database; it must call `runMigrations()` once.
 *
 * @example
 * export default async function env(context: Environment) {
 *   if (context.x.tenant) context.database = `sqlite:tenants/${context.x.tenant}.db`
 *   await context.runMigrations()
 * }
 */
export interface Environment {
  readonly config: MigConfig
  /** The command being run: `upgrade`, `downgrade`, `stamp`, `current`, `history`, ... */
  readonly command: string
  /** `-x` arguments as given (`['tenant=acme']`). */
  readonly xArgs: readonly string[]
  /** `-x` arguments as a dictionary (the last value of a key wins). */
  readonly x: Readonly<Record<string, string>>
  /** True for `--sql`: nothing is connected, SQL is printed. */
  readonly offline: boolean
  /** `--tag`, for custom scripts. */
  readonly tag: string | undefined
  /** The database URL to use; set it before `runMigrations()` to target another database. */
  database: string | undefined
  /**
   * Multidb: the URL of each extra database by bind name (undefined when the bind's `orm`
   * options say where it is). Change an entry to retarget that bind, delete it to skip the bind
   * in this run. Empty for a single-database project.
   * @example if (context.x.only) for (const name of Object.keys(context.binds)) if (name !== context.x.only) delete context.binds[name]
   */
  readonly binds: Record<string, string | undefined>
  /** Does the command's work against `database` (and, multidb, every entry of `binds`). */
  runMigrations(): Promise<void>
}

/** The repository's env.ts: its path, or (bundled) its default export; none runs the command directly. */
export type EnvScript = string | ((environment: never) => unknown) | undefined

export interface EnvironmentParams {
  readonly command: string
  /** `-x` as given, and parsed (by the command, once). */
  readonly xArgs: readonly string[]
  readonly x: Readonly<Record<string, string>>
  readonly offline?: boolean
  readonly tag: string | undefined
}

/**
 * Runs `work` the way the repository's `env.ts` says (directly when there is none) and returns
 * its result. `work` gets every database, resolved from what `env.ts` left in `database` and
 * `binds`: the main one as `default` then each bind, in config order (a single database is the
 * list of one).
 *
 * @example
 * await runInEnvironment(config, envFile, { command: 'current', xArgs: [], x: {}, tag: undefined }, async (databases) => databases.map((d) => d.name)) // ['default', 'users']
 */
export async function runInEnvironment<T>(
  config: MigConfig,
  envFile: EnvScript,
  params: EnvironmentParams,
  work: (databases: RunDatabase[], environment: Environment) => Promise<T>,
): Promise<T> {
  return runEnvironment(config, envFile, params, async (environment) => {
    const databases: RunDatabase[] = []
    if (hasMainDatabase(config, environment.database)) {
      const main = { ...config, database: environment.database }
      databases.push({ name: DEFAULT_DATABASE, target: await resolveDatabaseTarget(main.database, main.orm, config.root), config: main })
    }
    for (const [name, url] of Object.entries(environment.binds)) {
      const bind = { ...config, database: url, orm: config.binds[name]?.orm, binds: {} }
      databases.push({ name, target: await resolveDatabaseTarget(bind.database, bind.orm, config.root), config: bind })
    }
    // Both would read and write one version table, each undoing what the other recorded.
    for (const [index, database] of databases.entries()) {
      const twin = databases.slice(0, index).find((other) => other.target.display === database.target.display)
      if (twin) throw new MigError('BAD_CONFIG', `Binds '${twin.name}' and '${database.name}' are the same database (${database.target.display}); each bind needs its own database`)
    }
    return work(databases, environment)
  })
}

async function runEnvironment<T>(
  config: MigConfig,
  envFile: EnvScript,
  params: EnvironmentParams,
  work: (environment: Environment) => Promise<T>,
): Promise<T> {
  let outcome: { value: T } | undefined
  const environment: Environment = {
    config,
    command: params.command,
    xArgs: params.xArgs,
    x: params.x,
    offline: params.offline ?? false,
    tag: params.tag,
    database: config.database,
    binds: Object.fromEntries(Object.entries(config.binds).map(([name, bind]) => [name, bind.database])),
    async runMigrations() {
      outcome = { value: await work(environment) }
    },
  }
  if (!envFile) {
    await environment.runMigrations()
  } else {
    const module = typeof envFile === 'function' ? (envFile as (environment: Environment) => unknown) : await importEnvFile(envFile)
    await module(environment)
    const name = typeof envFile === 'function' ? "The bundle's env" : envFile
    if (!outcome) throw new MigError('BAD_CONFIG', `${name} finished without calling context.runMigrations()`)
  }
  return outcome!.value
}

async function importEnvFile(file: string): Promise<(environment: Environment) => unknown> {
  let module: { default?: unknown }
  try {
    module = await importModule(file)
  } catch (error) {
    if (error instanceof MigError) throw error
    throw new MigError('BAD_CONFIG', `Cannot load ${file}: ${(error as Error).message}`, { cause: error })
  }
  if (typeof module.default !== 'function') {
    throw new MigError('BAD_CONFIG', `${file} must export a default function (context) => context.runMigrations()`)
  }
  return module.default as (environment: Environment) => unknown
}
