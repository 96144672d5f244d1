import { resolve } from 'node:path'
import type { MigConfig, MigUserConfig } from '../config/types.js'

/**
 * Where the CLI's config comes from besides `mig.config.ts`: an application that mounts mig
 * (`registerMigCommands`) may hand over its config object or a config file path.
 */
export type ConfigSource = MigUserConfig | string | undefined

/**
 * The config for one command run: `--config` first, then the mounting application's source,
 * then `MIG_CONFIG` or `mig.config.ts` found upward.
 *
 * @example
 * await loadCommandConfig({ directory: 'db/migrations', required: false }, { database: 'sqlite:app.db' })
 */
export async function loadCommandConfig(
  flags: { configFile?: string | undefined; directory?: string | undefined; required: boolean },
  source: ConfigSource,
): Promise<MigConfig> {
  const { loadConfig, resolveConfig } = await import('../config/load.js')
  if (flags.configFile !== undefined || typeof source !== 'object') {
    const configFile = flags.configFile ?? (typeof source === 'string' ? source : undefined)
    return loadConfig({ configFile, directory: flags.directory, required: flags.required })
  }
  // A config written in code: relative paths resolve against the working directory, as `-d` does.
  return resolveConfig(source, { root: process.cwd(), directory: flags.directory === undefined ? undefined : resolve(flags.directory) })
}
