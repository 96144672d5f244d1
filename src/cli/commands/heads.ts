import { entries, revisionLine } from '../format.js'
import { print, type CommandContext, type Options } from '../options.js'

/** Runs `mig heads`. */
export async function run(context: CommandContext, options: Options): Promise<void> {
  const { heads } = await import('../../commands/heads.js')
  const result = await heads(await context.config(options, false), { resolveDependencies: Boolean(options.resolveDependencies) })
  print(context.output, Boolean(options.json), result, () =>
    options.verbose
      ? entries(result.revisions)
      : result.revisions.map((info) => revisionLine(info, { labels: true, tree: false })).join('\n'),
  )
}
