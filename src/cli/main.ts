import { cac, type CAC } from 'cac'
import { isMigError, MigError } from '../errors.js'
import { protectWords, restoreWords } from './argv.js'
import { registerCommands } from './commands/index.js'
import type { ConfigSource } from './config-source.js'
import { processOutput, type Output } from './io.js'

/**
 * Builds the `mig` CLI. Tests and applications drive it in-process; `bin/mig.js` calls `main`.
 *
 * @example
 * const code = await main(['heads', '-d', 'migrations'])
 */
export function createCLI(
  output: Output = processOutput,
  name = 'mig',
  source?: ConfigSource,
): { cli: CAC; run: (argv: string[]) => Promise<number> } {
  const cli = cac(name)
  registerCommands(cli, output, source)
  cli.help()
  cli.version(VERSION)
  const run = async (argv: string[]): Promise<number> => {
    try {
      cli.parse(['node', name, ...protectWords(argv)], { run: false })
      cli.args = restoreWords(cli.args)
      cli.options = restoreWords(cli.options)
      if (!cli.matchedCommand) {
        if (cli.args.length > 0) throw new MigError('USAGE', `Unknown command '${cli.args[0]}'`)
        if (!cli.options.help && !cli.options.version) cli.outputHelp()
        return 0
      }
      if (cli.options.help) return 0
      // An action's return value is its exit code (`check` returns 1 when models changed).
      const code: unknown = await cli.runMatchedCommand()
      return code === 1 ? 1 : 0
    } catch (error) {
      return reportError(error, output, name)
    }
  }
  return { cli, run }
}

/** Runs the CLI on `argv` (without `node mig`) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  return createCLI().run(argv)
}

const VERSION = '0.1.0'

function reportError(error: unknown, output: Output, name: string): number {
  if (process.env.MIG_DEBUG) output.err(String((error as Error)?.stack ?? error))
  if ((error as Error)?.name === 'CACError' || (isMigError(error) && error.code === 'USAGE')) {
    output.err(`Error: ${(error as Error).message}\nRun '${name} --help' for usage.`)
    return 2
  }
  if (isMigError(error)) {
    output.err(`Error: ${error.message}`)
    return 1
  }
  output.err(`Error: ${(error as Error)?.message ?? String(error)}`)
  return 1
}
