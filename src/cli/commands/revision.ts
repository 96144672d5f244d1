import type { CAC } from 'cac'
import { MigError } from '../../errors.js'
import { common, type CommandContext, type Options } from '../options.js'
import { autogenerateRevision } from './migrate.js'
import { FROM_EMPTY, revisionArgs, revisionOptions } from './revision-options.js'

/** Registers `revision` (with `--autogenerate`, the same as `migrate`). */
export function registerRevision(cli: CAC, context: CommandContext): void {
  revisionOptions(common(cli.command('revision', 'Create a new revision file.'), { x: true }))
    .option('--autogenerate', 'Populate revision script with candidate migration operations, based on comparison of database to model')
    .option('--from-empty', FROM_EMPTY)
    .example('mig revision -m "add email to user"')
    .action(async (options: Options) => {
      if (options.autogenerate) return autogenerateRevision(context, options)
      if (options.fromEmpty) throw new MigError('USAGE', '--from-empty needs --autogenerate (or run mig migrate --from-empty)')
      const { revision } = await import('../../commands/revision.js')
      const result = await revision(await context.config(options, false), revisionArgs(options))
      context.output.out(`Generating ${result.path} ...  done`)
    })
}
