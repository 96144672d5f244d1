import { branchPointBlock } from '../format.js'
import { print, type CommandContext, type Options } from '../options.js'

/** Runs `mig branches`. */
export async function run(context: CommandContext, options: Options): Promise<void> {
  const { branches } = await import('../../commands/branches.js')
  const result = await branches(await context.config(options, false))
  print(context.output, Boolean(options.json), result, () =>
    result.branchPoints.map(({ point, children }) => branchPointBlock(point, children, Boolean(options.verbose))).join(''),
  )
}
