import type { CAC } from 'cac'
import { common, text, type CommandContext, type Options } from '../options.js'

/** Registers `merge`. */
export function registerMerge(cli: CAC, context: CommandContext): void {
  common(cli.command('merge [...revisions]', 'Merge two revisions together, creating a new revision file'))
    .option('-m, --message <message>', 'Merge revision message')
    .option('--branch-label <label>', 'Specify a branch label to apply to the new revision')
    .option('--rev-id <id>', 'Specify a hardcoded revision id instead of generating one')
    .example('mig merge heads -m "merge feature branches"')
    .action(async (revisions: string[], options: Options) => {
      const { merge } = await import('../../commands/merge.js')
      const result = await merge(await context.config(options, false), {
        revisions: revisions.length > 0 ? revisions : ['heads'],
        message: text(options, 'message'),
        branchLabel: text(options, 'branchLabel'),
        revId: text(options, 'revId'),
      })
      if (result.path !== undefined) context.output.out(`Generating ${result.path} ...  done`)
      else context.output.err(result.note)
    })
}
