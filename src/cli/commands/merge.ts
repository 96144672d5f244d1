import { text, type CommandContext, type Options } from '../options.js'

/** Runs `mig merge`. */
export async function run(context: CommandContext, revisions: string[], options: Options): Promise<void> {
  const { merge } = await import('../../commands/merge.js')
  const result = await merge(await context.config(options, false), {
    revisions: revisions.length > 0 ? revisions : ['heads'],
    message: text(options, 'message'),
    branchLabel: text(options, 'branchLabel'),
    revId: text(options, 'revId'),
  })
  if (result.path !== undefined) context.output.out(`Generating ${result.path} ...  done`)
  else context.output.err(result.note)
}
