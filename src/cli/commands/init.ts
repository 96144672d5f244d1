import { relative } from 'node:path'
import type { CAC } from 'cac'
import { common, text, type CommandContext, type Options } from '../options.js'

/** Registers `init`. */
export function registerInit(cli: CAC, context: CommandContext): void {
  const { output } = context
  common(cli.command('init', 'Creates a new migration repository.'))
    .option('-t, --template <name>', 'Repository template to use (default is "default"), or a path to a template folder')
    .option('--package', 'Write migrations/index.ts importing every revision, for bundling into an application')
    .option('--multidb', 'Multiple databases migration (default is False)')
    .example('mig init')
    .action(async (options: Options) => {
      const { init } = await import('../../commands/init.js')
      const result = await init(await context.config(options, false), { template: text(options, 'template'), package: Boolean(options.package), multidb: Boolean(options.multidb) })
      for (const item of result.created) output.out(`${item.kind === 'directory' ? 'Creating directory' : 'Generating'} ${item.path} ...  done`)
      // An application that mounted mig with a config object needs no config file.
      if (result.ormConfigFile) output.out(`Using MikroORM's config ${relative(process.cwd(), result.ormConfigFile) || result.ormConfigFile} (no mig.config.ts): its models and database`)
      else if (!result.configFile && typeof context.source !== 'object') output.out(`No mig.config.ts found: create one next to package.json before running commands that need the database.`)
    })

}
