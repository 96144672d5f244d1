import { bindLog } from '../bind-log.js'
import { text, xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig stamp`. */
export async function run(context: CommandContext, revisions: string[], options: Options): Promise<void> {
  const { output } = context
  const { stamp } = await import('../../commands/stamp.js')
  const result = await stamp(await context.config(options), {
    revisions,
    sql: Boolean(options.sql),
    purge: Boolean(options.purge),
    tag: text(options, 'tag'),
    xArgs: xArgs(options),
  })
  const onBind = bindLog(output)
  for (const step of result.steps) {
    onBind(step.bind)
    output.err(`Running stamp_revision ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}`)
  }
  if (result.sql !== undefined) output.out(result.sql)
}
