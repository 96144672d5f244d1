import type { CAC, Command } from 'cac'
import type { ConfigSource } from '../config-source.js'
import type { Output } from '../io.js'
import { commandContext, type CommandContext } from '../options.js'

/**
 * Each command's module: its `run` parses its options, calls the programmatic API and formats
 * the result. Loaded only when its command runs, so starting the CLI reads this file and not
 * fourteen others (`mig current` runs on every deploy).
 */
const MODULES = {
  init: () => import('./init.js'),
  listTemplates: () => import('./list-templates.js'),
  revision: () => import('./revision.js'),
  migrate: () => import('./migrate.js'),
  check: () => import('./check.js'),
  merge: () => import('./merge.js'),
  apply: () => import('./apply.js'),
  stamp: () => import('./stamp.js'),
  current: () => import('./current.js'),
  history: () => import('./history.js'),
  show: () => import('./show.js'),
  heads: () => import('./heads.js'),
  branches: () => import('./branches.js'),
  edit: () => import('./edit.js'),
}

/** The action of a command: its module's `run`, whose return value is the exit code (`check`: 1). */
function action(context: CommandContext, name: keyof typeof MODULES, ...bound: unknown[]) {
  return async (...args: unknown[]) => {
    const { run } = (await MODULES[name]()) as unknown as { run: (context: CommandContext, ...args: unknown[]) => Promise<number | void> }
    return run(context, ...bound, ...args)
  }
}

/** The options every command has (`-d`, `--config`), and `-x` for those that run `env.ts`. */
function common(command: Command, { x = false } = {}): Command {
  command.option('-d, --directory <dir>', 'Migration script directory (default is "migrations")')
  command.option('--config <file>', 'Config file (default: mig.config.ts found upward; or MIG_CONFIG)')
  if (x) command.option('-x, --x-arg <key=value>', 'Additional arguments consumed by custom env.ts scripts')
  return command
}

/** The options `revision` and `migrate` share. */
function revisionOptions(command: Command): Command {
  return command
    .option('-m, --message <message>', 'Revision message')
    .option('--head <rev>', 'Specify head revision or <branchname>@head to base new revision on')
    .option('--splice', 'Allow a non-head revision as the "head" to splice onto')
    .option('--branch-label <label>', 'Specify a branch label to apply to the new revision')
    .option('--version-path <path>', 'Specify specific path from config for version file')
    .option('--rev-id <id>', 'Specify a hardcoded revision id instead of generating one')
    .option('--depends-on <rev>', 'Specify one or more revision identifiers which this revision should depend on')
}

const FROM_EMPTY = "Compare the models with an empty database instead of the database's schema: a baseline revision for a database that already has it (then 'mig stamp head')"

/**
 * Registers every mig command on a cac instance, in the order `--help` lists them: what each
 * command is called and which options it takes, here in one table; what it does, in its module.
 *
 * @example registerCommands(cac('mig'), processOutput, undefined)
 */
export function registerCommands(cli: CAC, output: Output, source?: ConfigSource): void {
  const context = commandContext(output, source)

  common(cli.command('init', 'Creates a new migration repository.'))
    .option('-t, --template <name>', 'Repository template to use (default is "default"), or a path to a template folder')
    .option('--package', 'Write migrations/index.ts importing every revision, for bundling into an application')
    .option('--multidb', 'Multiple databases migration (default is False)')
    .example('mig init')
    .action(action(context, 'init'))

  cli.command('list-templates', 'List available templates.').action(action(context, 'listTemplates'))

  revisionOptions(common(cli.command('revision', 'Create a new revision file.'), { x: true }))
    .option('--autogenerate', 'Populate revision script with candidate migration operations, based on comparison of database to model')
    .option('--from-empty', FROM_EMPTY)
    .example('mig revision -m "add email to user"')
    .action(action(context, 'revision'))

  revisionOptions(common(cli.command('migrate', "Autogenerate a new revision file (Alias for 'revision --autogenerate')"), { x: true }))
    .option('--from-empty', FROM_EMPTY)
    .example('mig migrate -m "add email to user"')
    .example('mig migrate -m "baseline" --from-empty')
    .action(action(context, 'migrate'))

  common(cli.command('check', 'Check if there are any new operations to migrate'), { x: true })
    .example('mig check')
    .action(action(context, 'check'))

  common(cli.command('merge [...revisions]', 'Merge two revisions together, creating a new revision file'))
    .option('-m, --message <message>', 'Merge revision message')
    .option('--branch-label <label>', 'Specify a branch label to apply to the new revision')
    .option('--rev-id <id>', 'Specify a hardcoded revision id instead of generating one')
    .example('mig merge heads -m "merge feature branches"')
    .action(action(context, 'merge'))

  for (const direction of ['upgrade', 'downgrade'] as const) {
    common(cli.command(`${direction} [revision]`, direction === 'upgrade' ? 'Upgrade to a later version' : 'Revert to a previous version'), { x: true })
      .option('--sql', "Don't emit SQL to database - dump to standard output instead")
      .option('--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts')
      .example(direction === 'upgrade' ? 'mig upgrade' : 'mig downgrade -1')
      .action(action(context, 'apply', direction))
  }

  common(cli.command('stamp [...revisions]', "'stamp' the revision table with the given revision; don't run any migrations"), { x: true })
    .option('--sql', "Don't emit SQL to database - dump to standard output instead")
    .option('--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts')
    .option('--purge', 'Unconditionally erase the version table before stamping')
    .example('mig stamp head')
    .action(action(context, 'stamp'))

  common(cli.command('current', 'Display the current revision for each database.'), { x: true })
    .option('-v, --verbose', 'Use more verbose output')
    .option('--json', 'Machine-readable output')
    .example('mig current')
    .action(action(context, 'current'))

  common(cli.command('history', 'List changeset scripts in chronological order.'), { x: true })
    .option('-r, --rev-range <range>', 'Specify a revision range; format is [start]:[end]')
    .option('-v, --verbose', 'Use more verbose output')
    .option('-i, --indicate-current', 'Indicate current version')
    .option('--json', 'Machine-readable output')
    .example('mig history -r base:head')
    .action(action(context, 'history'))

  common(cli.command('show [revision]', 'Show the revision denoted by the given symbol.'))
    .option('--json', 'Machine-readable output')
    .example('mig show head')
    .action(action(context, 'show'))

  common(cli.command('heads', 'Show current available heads in the script directory'))
    .option('-v, --verbose', 'Use more verbose output')
    .option('--resolve-dependencies', 'Treat dependency versions as down revisions')
    .option('--json', 'Machine-readable output')
    .example('mig heads')
    .action(action(context, 'heads'))

  common(cli.command('branches', 'Show current branch points'))
    .option('-v, --verbose', 'Use more verbose output')
    .option('--json', 'Machine-readable output')
    .example('mig branches')
    .action(action(context, 'branches'))

  common(cli.command('edit [revision]', 'Edit a revision file'), { x: true })
    .example('EDITOR=vim mig edit head')
    .action(action(context, 'edit'))
}
