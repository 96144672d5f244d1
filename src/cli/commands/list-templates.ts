import type { CommandContext } from '../options.js'

/** Runs `mig list-templates`. */
export async function run(context: CommandContext): Promise<void> {
  const { listTemplates } = await import('../../commands/list-templates.js')
  const { templates } = await listTemplates()
  context.output.out(['Available templates:', '', ...templates.map((t) => `${t.name} - ${t.description}`)].join('\n'))
}
