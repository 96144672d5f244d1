import type { CAC } from 'cac'
import { branchPointBlock } from '../format.js'
import { common, print, type CommandContext, type Options } from '../options.js'

/** Registers `branches`. */
export function registerBranches(cli: CAC, context: CommandContext): void {
  common(cli.command('branches', 'Show current branch points'))
    .option('-v, --verbose', 'Use more verbose output')
    .option('--json', 'Machine-readable output')
    .example('mig branches')
    .action(async (options: Options) => {
      const { branches } = await import('../../commands/branches.js')
      const result = await branches(await context.config(options, false))
      print(context.output, Boolean(options.json), result, () =>
        result.branchPoints.map(({ point, children }) => branchPointBlock(point, children, Boolean(options.verbose))).join(''),
      )
    })
}
