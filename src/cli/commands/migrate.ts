import { bindLog } from '../bind-log.js'
import { xArgs, type CommandContext, type Options } from '../options.js'
import { revisionArgs } from './revision-options.js'

/**
 * `migrate` (and `revision --autogenerate`): writes a revision from the models' changes and
 * lists them, each database's under a `Migrating database <name>` line for multidb.
 *
 * @example await autogenerateRevision(context, { message: ['add email'] })
 */
export async function autogenerateRevision(context: CommandContext, options: Options): Promise<void> {
  const { output } = context
  const { migrate } = await import('../../commands/autogenerate.js')
  const result = await migrate(await context.config(options), { ...revisionArgs(options), fromEmpty: Boolean(options.fromEmpty), xArgs: xArgs(options) })
  const onBind = bindLog(output)
  for (const { bind, changes } of result.binds ?? [{ bind: undefined, changes: result.changes }]) {
    onBind(bind)
    for (const change of changes) output.err(change.destructive ? `${change.message} (destructive: review before upgrading)` : change.message)
  }
  if (result.path === undefined) output.err('No changes in schema detected.')
  else output.out(`Generating ${result.path} ...  done`)
  const found = (result.lint?.errors ?? 0) + (result.lint?.warnings ?? 0)
  if (found > 0) {
    output.err(`mig lint: ${found} finding${found === 1 ? '' : 's'} (${result.lint!.errors} error${result.lint!.errors === 1 ? '' : 's'}) written as '// mig-lint' comments above the operations: review them before deploying, then run 'mig lint'`)
  }
  if (result.note !== undefined) output.err(result.note)
}

/** Runs `mig migrate`. */
export async function run(context: CommandContext, options: Options): Promise<void> {
  await autogenerateRevision(context, options)
}
