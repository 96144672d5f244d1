import { relative } from 'node:path'
import { text, type CommandContext, type Options } from '../options.js'

/** Runs `mig init`. */
export async function run(context: CommandContext, options: Options): Promise<void> {
  const { output } = context
  const { init } = await import('../../commands/init.js')
  const result = await init(await context.config(options, false), { template: text(options, 'template'), package: Boolean(options.package), multidb: Boolean(options.multidb), gitHook: Boolean(options.gitHook) })
  for (const item of result.created) output.out(`${item.kind === 'directory' ? 'Creating directory' : 'Generating'} ${item.path} ...  done`)
  if (result.gitHook) output.out(`Installed the git post-checkout hook ${relative(process.cwd(), result.gitHook) || result.gitHook}: 'mig sync' runs after a branch switch that changes the migrations`)
  // An application that mounted mig with a config object needs no config file.
  if (result.ormConfigFile) output.out(`Using MikroORM's config ${relative(process.cwd(), result.ormConfigFile) || result.ormConfigFile} (no mig.config.ts): its models and database`)
  else if (!result.configFile && typeof context.source !== 'object') output.out(`No mig.config.ts found: create one next to package.json before running commands that need the database.`)
}
