import { resolveDatabaseTarget } from '../config/orm-options.js'
import type { DatabaseTarget, MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { importModule } from '../loader/import-module.js'

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
  /** Does the command's work against `database`. */
  runMigrations(): Promise<void>
}

export interface EnvironmentParams {
  command: string
  xArgs?: readonly string[]
  offline?: boolean
  tag?: string | undefined
}

/**
 * Runs `work` the way the repository's `env.ts` says (directly when there is none) and returns
 * its result.
 */
export async function runInEnvironment<T>(
  config: MigConfig,
  envFile: string | undefined,
  params: EnvironmentParams,
  work: (target: DatabaseTarget, environment: Environment) => Promise<T>,
): Promise<T> {
  const xArgs = params.xArgs ?? []
  let outcome: { value: T } | undefined
  const environment: Environment = {
    config,
    command: params.command,
    xArgs,
    x: parseXArgs(xArgs),
    offline: params.offline ?? false,
    tag: params.tag,
    database: config.database,
    async runMigrations() {
      const target = await resolveDatabaseTarget(environment.database, config.orm, config.root)
      outcome = { value: await work(target, environment) }
    },
  }
  if (!envFile) {
    await environment.runMigrations()
  } else {
    const module = await importEnvFile(envFile)
    await module(environment)
    if (!outcome) throw new MigError('BAD_CONFIG', `${envFile} finished without calling context.runMigrations()`)
  }
  return outcome!.value
}

/** `['a=1', 'b=x=y']` → `{ a: '1', b: 'x=y' }`; an entry without `=` is a usage error. */
export function parseXArgs(xArgs: readonly string[]): Record<string, string> {
  const dictionary: Record<string, string> = {}
  for (const arg of xArgs) {
    const at = arg.indexOf('=')
    if (at <= 0) throw new MigError('USAGE', `-x argument '${arg}' must be KEY=VALUE`)
    dictionary[arg.slice(0, at)] = arg.slice(at + 1)
  }
  return dictionary
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
