import type { CAC } from 'cac'
import type { Step } from '../../revision/types.js'
import { bindLog } from '../bind-log.js'
import { stepLine } from '../format.js'
import { common, text, xArgs, type CommandContext, type Options } from '../options.js'

/** Registers `upgrade` and `downgrade`, which differ only in direction. */
export function registerApply(cli: CAC, context: CommandContext): void {
  for (const direction of ['upgrade', 'downgrade'] as const) {
    common(cli.command(`${direction} [revision]`, direction === 'upgrade' ? 'Upgrade to a later version' : 'Revert to a previous version'), { x: true })
      .option('--sql', "Don't emit SQL to database - dump to standard output instead")
      .option('--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts')
      .example(direction === 'upgrade' ? 'mig upgrade' : 'mig downgrade -1')
      .action(async (revision: string | undefined, options: Options) => {
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
      })
  }
}
