import { xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig edit`. */
export async function run(context: CommandContext, revision: string | undefined, options: Options): Promise<void> {
  const { edit } = await import('../../commands/edit.js')
  await edit(await context.config(options, false), { revision, xArgs: xArgs(options) })
}
