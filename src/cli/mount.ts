import type { CAC, Command } from 'cac'
import type { MigUserConfig } from '../config/types.js'
import type { Output } from './io.js'
import { processOutput } from './io.js'

export interface MountOptions {
  /** The command mig's commands live under: `myapp db upgrade`. Default `'db'`. */
  readonly group?: string
  /**
   * The config: an object as `defineConfig` takes (relative paths resolve against the working
   * directory) or a config file path. Default: `mig.config.ts` found upward, or `MIG_CONFIG`.
   * `--config` on the command line still wins.
   */
  readonly config?: MigUserConfig | string
  /** The group's line in the application's help. */
  readonly description?: string
  /** Where output goes; default stdout/stderr. */
  readonly output?: Output
}

/**
 * Mounts mig's command set under one command of an application's own cac CLI, as
 * Flask-Migrate's `Migrate(app, db, command='db')`. cac matches only the first word as a command,
 * so the group is one variadic command that hands the rest of the raw argv to mig's own CLI:
 * options, `-1`, `--help` and exit codes (2 for usage errors) behave exactly as with `mig`.
 *
 * @example
 * import { cac } from 'cac'
 * import { registerMigCommands } from 'mig/cli'
 *
 * const cli = cac('myapp')
 * cli.command('serve', 'Start the server').action(serve)
 * registerMigCommands(cli, { group: 'db', config: { database: process.env.DATABASE_URL } })
 * cli.help()
 * cli.parse() // myapp db upgrade, myapp db heads, myapp db --help
 */
export function registerMigCommands(cli: CAC, options: MountOptions = {}): Command {
  const group = options.group ?? 'db'
  const output = options.output ?? processOutput
  let appHelp: boolean | undefined
  // cac answers `--help` with the app's help before any action runs; for the group, mig's help
  // (its commands and their options) is the useful one, so let the action run instead.
  cli.addEventListener(`command:${group}`, () => {
    appHelp = cli.showHelpOnExit
    cli.showHelpOnExit = false
  })
  return cli
    .command(`${group} [...args]`, options.description ?? 'Database migrations (mig); run with --help for its commands')
    .allowUnknownOptions()
    .action(async () => {
      if (appHelp !== undefined) cli.showHelpOnExit = appHelp
      const { createCLI } = await import('./main.js')
      const mig = createCLI(output, `${cli.name} ${group}`, options.config)
      const code = await mig.run(argsAfter(cli.rawArgs, group))
      if (code !== 0) process.exitCode = code
    })
}

/** The raw words after the group's name (`node app db upgrade --sql` → `upgrade --sql`). */
function argsAfter(rawArgs: readonly string[], group: string): string[] {
  const words = rawArgs.slice(2)
  const at = words.indexOf(group)
  return at < 0 ? [] : words.slice(at + 1)
}
