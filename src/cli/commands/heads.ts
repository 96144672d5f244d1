import type { CAC } from 'cac'
import { entries, revisionLine } from '../format.js'
import { common, print, type CommandContext, type Options } from '../options.js'

/** Registers `heads`. */
export function registerHeads(cli: CAC, context: CommandContext): void {
  common(cli.command('heads', 'Show current available heads in the script directory'))
    .option('-v, --verbose', 'Use more verbose output')
    .option('--resolve-dependencies', 'Treat dependency versions as down revisions')
    .option('--json', 'Machine-readable output')
    .example('mig heads')
    .action(async (options: Options) => {
      const { heads } = await import('../../commands/heads.js')
      const result = await heads(await context.config(options, false), { resolveDependencies: Boolean(options.resolveDependencies) })
      print(context.output, Boolean(options.json), result, () =>
        options.verbose
          ? entries(result.revisions)
          : result.revisions.map((info) => revisionLine(info, { labels: true, tree: false })).join('\n'),
      )
    })
}
