import { MigError } from '../../errors.js'
import type { CommandContext, Options } from '../options.js'
import { autogenerateRevision } from './migrate.js'
import { revisionArgs } from './revision-options.js'

/** Runs `mig revision` (with `--autogenerate`, the same as `migrate`). */
export async function run(context: CommandContext, options: Options): Promise<void> {
  if (options.autogenerate) return autogenerateRevision(context, options)
  if (options.fromEmpty) throw new MigError('USAGE', '--from-empty needs --autogenerate (or run mig migrate --from-empty)')
  const { revision } = await import('../../commands/revision.js')
  const result = await revision(await context.config(options, false), revisionArgs(options))
  context.output.out(`Generating ${result.path} ...  done`)
}
