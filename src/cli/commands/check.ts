import type { CAC } from 'cac'
import { bindLabel } from '../bind-log.js'
import { common, xArgs, type CommandContext, type Options } from '../options.js'

/** Registers `check`; its action returns exit code 1 when there are changes to migrate. */
export function registerCheck(cli: CAC, context: CommandContext): void {
  common(cli.command('check', 'Check if there are any new operations to migrate'), { x: true })
    .example('mig check')
    .action(async (options: Options): Promise<number> => {
      const { check } = await import('../../commands/autogenerate.js')
      const { changes, binds } = await check(await context.config(options), { xArgs: xArgs(options) })
      if (changes.length === 0) {
        context.output.err('No new upgrade operations detected.')
        return 0
      }
      // Multidb: each change names its database.
      const listed = binds
        ? binds.flatMap((b) => b.changes.map((change) => `  ${change.message} (database ${bindLabel(b.bind)})`))
        : changes.map((change) => `  ${change.message}`)
      context.output.err(['New upgrade operations detected:', ...listed].join('\n'))
      return 1
    })
}
