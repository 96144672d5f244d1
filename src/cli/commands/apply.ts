import type { Step } from '../../revision/types.js'
import { bindLog } from '../bind-log.js'
import { stepLine } from '../format.js'
import { text, xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig upgrade` and `downgrade`, which differ only in direction. */
export async function run(context: CommandContext, direction: 'upgrade' | 'downgrade', revision: string | undefined, options: Options): Promise<void> {
  const { output } = context
  const onBind = bindLog(output)
  const onStep = (step: Step, bind?: string) => {
    onBind(bind)
    output.err(stepLine({ ...step, message: step.revision.message }))
  }
  const command = direction === 'upgrade' ? (await import('../../commands/upgrade.js')).upgrade : (await import('../../commands/downgrade.js')).downgrade
  const result = await command(await context.config(options), {
    revision,
    sql: Boolean(options.sql),
    tag: text(options, 'tag'),
    xArgs: xArgs(options),
    onStep,
  })
  if (result.sql !== undefined) output.out(result.sql)
}
