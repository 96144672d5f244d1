import type { CAC } from 'cac'
import { entries, revisionLine } from '../format.js'
import { common, print, text, xArgs, type CommandContext, type Options } from '../options.js'

/** Registers `history`. */
export function registerHistory(cli: CAC, context: CommandContext): void {
  common(cli.command('history', 'List changeset scripts in chronological order.'), { x: true })
    .option('-r, --rev-range <range>', 'Specify a revision range; format is [start]:[end]')
    .option('-v, --verbose', 'Use more verbose output')
    .option('-i, --indicate-current', 'Indicate current version')
    .option('--json', 'Machine-readable output')
    .example('mig history -r base:head')
    .action(async (options: Options) => {
      const { history } = await import('../../commands/history.js')
      const result = await history(await context.config(options, false), {
        range: text(options, 'revRange'),
        indicateCurrent: Boolean(options.indicateCurrent),
        xArgs: xArgs(options),
      })
      print(context.output, Boolean(options.json), result, () =>
        options.verbose
          ? entries(result.revisions)
          : result.revisions.map((info) => revisionLine(info, { labels: true, parents: true, message: true })).join('\n'),
      )
    })
}
