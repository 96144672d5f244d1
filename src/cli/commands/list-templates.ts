import type { CAC } from 'cac'
import type { CommandContext } from '../options.js'

/** Registers `list-templates`. */
export function registerListTemplates(cli: CAC, context: CommandContext): void {
  cli.command('list-templates', 'List available templates.').action(async () => {
    const { listTemplates } = await import('../../commands/list-templates.js')
    const { templates } = await listTemplates()
    context.output.out(['Available templates:', '', ...templates.map((t) => `${t.name} - ${t.description}`)].join('\n'))
  })
}
