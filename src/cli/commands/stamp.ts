import type { CAC } from 'cac'
import { bindLog } from '../bind-log.js'
import { common, text, xArgs, type CommandContext, type Options } from '../options.js'

/** Registers `stamp`. */
export function registerStamp(cli: CAC, context: CommandContext): void {
  common(cli.command('stamp [...revisions]', "'stamp' the revision table with the given revision; don't run any migrations"), { x: true })
    .option('--sql', "Don't emit SQL to database - dump to standard output instead")
    .option('--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts')
    .option('--purge', 'Unconditionally erase the version table before stamping')
    .example('mig stamp head')
    .action(async (revisions: string[], options: Options) => {
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
    })
}
