import type { CAC } from 'cac'
import { common, xArgs, type CommandContext, type Options } from '../options.js'

/** Registers `edit`. */
export function registerEdit(cli: CAC, context: CommandContext): void {
  common(cli.command('edit [revision]', 'Edit a revision file'), { x: true })
    .example('EDITOR=vim mig edit head')
    .action(async (revision: string | undefined, options: Options) => {
      const { edit } = await import('../../commands/edit.js')
      await edit(await context.config(options, false), { revision, xArgs: xArgs(options) })
    })
}
