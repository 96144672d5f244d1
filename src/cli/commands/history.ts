import { entries, revisionLine } from '../format.js'
import { print, text, xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig history`. */
export async function run(context: CommandContext, options: Options): Promise<void> {
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
}
