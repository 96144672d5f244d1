import { entries } from '../format.js'
import { print, type CommandContext, type Options } from '../options.js'

/** Runs `mig show`. */
export async function run(context: CommandContext, revision: string | undefined, options: Options): Promise<void> {
  const { show } = await import('../../commands/show.js')
  const result = await show(await context.config(options, false), { revision })
  print(context.output, Boolean(options.json), result, () => entries(result.revisions))
}
