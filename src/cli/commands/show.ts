import type { CAC } from 'cac'
import { entries } from '../format.js'
import { common, print, type CommandContext, type Options } from '../options.js'

/** Registers `show`. */
export function registerShow(cli: CAC, context: CommandContext): void {
  common(cli.command('show [revision]', 'Show the revision denoted by the given symbol.'))
    .option('--json', 'Machine-readable output')
    .example('mig show head')
    .action(async (revision: string | undefined, options: Options) => {
      const { show } = await import('../../commands/show.js')
      const result = await show(await context.config(options, false), { revision })
      print(context.output, Boolean(options.json), result, () => entries(result.revisions))
    })
}
