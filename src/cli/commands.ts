import { relative } from 'node:path'
import type { CAC, Command } from 'cac'
import type { MigConfig } from '../config/types.js'
import { loadCommandConfig, type ConfigSource } from './config-source.js'
import { branchPointBlock, entries, revisionLine, stepLine } from './format.js'
import { parseXArgs } from '../runtime/x-args.js'
import type { Output } from './io.js'
import { MigError } from '../errors.js'

type Options = Record<string, unknown>

/**
 * The text of a value option (the CLI keeps every word as typed, see argv.ts); given twice, the
 * last wins. cac reports `--rev-id` without a value; given twice with the last bare, the list
 * holds `true`, caught here.
 */
function text(options: Options, name: string): string | undefined {
  const list = texts(options, name)
  return list.length > 0 ? list[list.length - 1] : undefined
}

/** Every value of a repeatable option (`--depends-on a --depends-on b`). */
function texts(options: Options, name: string): string[] {
  const value = options[name]
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => {
    if (typeof item !== 'string') throw new MigError('USAGE', `Option \`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}\` needs a value`)
    return item
  })
}

function common(command: Command, { x = false } = {}): Command {
  command.option('-d, --directory <dir>', 'Migration script directory (default is "migrations")')
  command.option('--config <file>', 'Config file (default: mig.config.ts found upward; or MIG_CONFIG)')
  if (x) command.option('-x, --x-arg <key=value>', 'Additional arguments consumed by custom env.ts scripts')
  return command
}

export type { ConfigSource }

/** `-x` values, checked before anything is loaded (a bad one is a usage error, exit 2). */
function xArgs(options: Options): string[] {
  const list = texts(options, 'xArg')
  parseXArgs(list)
  return list
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

function revisionArgs(options: Options) {
  return {
    message: text(options, 'message'),
    head: text(options, 'head'),
    splice: Boolean(options.splice),
    branchLabel: text(options, 'branchLabel'),
    versionPath: text(options, 'versionPath'),
    revId: text(options, 'revId'),
    dependsOn: texts(options, 'dependsOn'),
  }
}

/** How a bind is named in log lines: the main database as Flask-Migrate shows it. */
function bindLabel(bind: string): string {
  return bind === 'default' ? '<default>' : bind
}

function print(output: Output, json: boolean, result: unknown, render: () => string): void {
  const rendered = json ? JSON.stringify(result, null, 2) : render()
  if (rendered !== '') output.out(rendered)
}

/**
 * Registers every mig command on a cac instance. Actions only parse, call the programmatic
 * API (lazily imported, so `mig --help` loads nothing) and format.
 */
export function registerCommands(cli: CAC, output: Output, source?: ConfigSource): void {
  const config = (options: Options, required = true): Promise<MigConfig> =>
    loadCommandConfig({ configFile: text(options, 'config'), directory: text(options, 'directory'), required }, source)
  // Multidb: a `Migrating database <name>` line whenever the next step is on another bind (as Flask-Migrate logs it).
  let lastBind: string | undefined
  const onBind = (bind: string | undefined) => {
    if (bind !== undefined && bind !== lastBind) output.err(`Migrating database ${bindLabel(bind)}`)
    lastBind = bind
  }
  const onStep = (step: { direction: 'up' | 'down'; fromIds: readonly string[]; toIds: readonly string[]; revision: { message: string } }, bind?: string) => {
    onBind(bind)
    output.err(stepLine({ ...step, message: step.revision.message }))
  }

  const autogenerateRevision = async (options: Options) => {
    lastBind = undefined
    const { migrate } = await import('../commands/autogenerate.js')
    const result = await migrate(await config(options), { ...revisionArgs(options), fromEmpty: Boolean(options.fromEmpty), xArgs: xArgs(options) })
    for (const { bind, changes } of result.binds ?? [{ bind: undefined, changes: result.changes }]) {
      onBind(bind)
      for (const change of changes) output.err(change.destructive ? `${change.message} (destructive: review before upgrading)` : change.message)
    }
    if (result.path === undefined) output.err('No changes in schema detected.')
    else output.out(`Generating ${result.path} ...  done`)
    if (result.note !== undefined) output.err(result.note)
  }

  common(cli.command('init', 'Creates a new migration repository.'))
    .option('-t, --template <name>', 'Repository template to use (default is "default"), or a path to a template folder')
    .option('--package', 'Write migrations/index.ts importing every revision, for bundling into an application')
    .option('--multidb', 'Multiple databases migration (default is False)')
    .example('mig init')
    .action(async (options: Options) => {
      const { init } = await import('../commands/init.js')
      const result = await init(await config(options, false), { template: text(options, 'template'), package: Boolean(options.package), multidb: Boolean(options.multidb) })
      for (const item of result.created) output.out(`${item.kind === 'directory' ? 'Creating directory' : 'Generating'} ${item.path} ...  done`)
      // An application that mounted mig with a config object needs no config file.
      if (result.ormConfigFile) output.out(`Using MikroORM's config ${relative(process.cwd(), result.ormConfigFile) || result.ormConfigFile} (no mig.config.ts): its models and database`)
      else if (!result.configFile && typeof source !== 'object') output.out(`No mig.config.ts found: create one next to package.json before running commands that need the database.`)
    })

  cli.command('list-templates', 'List available templates.').action(async () => {
    const { listTemplates } = await import('../commands/list-templates.js')
    const { templates } = await listTemplates()
    output.out(['Available templates:', '', ...templates.map((t) => `${t.name} - ${t.description}`)].join('\n'))
  })

  revisionOptions(common(cli.command('revision', 'Create a new revision file.'), { x: true }))
    .option('--autogenerate', 'Populate revision script with candidate migration operations, based on comparison of database to model')
    .option('--from-empty', FROM_EMPTY)
    .example('mig revision -m "add email to user"')
    .action(async (options: Options) => {
      if (options.autogenerate) return autogenerateRevision(options)
      if (options.fromEmpty) throw new MigError('USAGE', '--from-empty needs --autogenerate (or run mig migrate --from-empty)')
      const { revision } = await import('../commands/revision.js')
      const result = await revision(await config(options, false), revisionArgs(options))
      output.out(`Generating ${result.path} ...  done`)
    })

  revisionOptions(common(cli.command('migrate', "Autogenerate a new revision file (Alias for 'revision --autogenerate')"), { x: true }))
    .option('--from-empty', FROM_EMPTY)
    .example('mig migrate -m "add email to user"')
    .example('mig migrate -m "baseline" --from-empty')
    .action(async (options: Options) => {
      await autogenerateRevision(options)
    })

  common(cli.command('check', 'Check if there are any new operations to migrate'), { x: true })
    .example('mig check')
    .action(async (options: Options) => {
      const { check } = await import('../commands/autogenerate.js')
      const { changes, binds } = await check(await config(options), { xArgs: xArgs(options) })
      if (changes.length === 0) {
        output.err('No new upgrade operations detected.')
        return
      }
      // Multidb: each change names its database.
      const listed = binds
        ? binds.flatMap((b) => b.changes.map((change) => `  ${change.message} (database ${bindLabel(b.bind)})`))
        : changes.map((change) => `  ${change.message}`)
      output.err(['New upgrade operations detected:', ...listed].join('\n'))
      process.exitCode = 1
    })

  common(cli.command('merge [...revisions]', 'Merge two revisions together, creating a new revision file'))
    .option('-m, --message <message>', 'Merge revision message')
    .option('--branch-label <label>', 'Specify a branch label to apply to the new revision')
    .option('--rev-id <id>', 'Specify a hardcoded revision id instead of generating one')
    .example('mig merge heads -m "merge feature branches"')
    .action(async (revisions: string[], options: Options) => {
      const { merge } = await import('../commands/merge.js')
      const result = await merge(await config(options, false), {
        revisions: revisions.length > 0 ? revisions : ['heads'],
        message: text(options, 'message'),
        branchLabel: text(options, 'branchLabel'),
        revId: text(options, 'revId'),
      })
      if (result.path !== undefined) output.out(`Generating ${result.path} ...  done`)
      else output.err(result.note)
    })

  for (const direction of ['upgrade', 'downgrade'] as const) {
    common(cli.command(`${direction} [revision]`, direction === 'upgrade' ? 'Upgrade to a later version' : 'Revert to a previous version'), { x: true })
      .option('--sql', "Don't emit SQL to database - dump to standard output instead")
      .option('--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts')
      .example(direction === 'upgrade' ? 'mig upgrade' : 'mig downgrade -1')
      .action(async (revision: string | undefined, options: Options) => {
        lastBind = undefined
        const commands = await import(`../commands/${direction}.js`)
        const result = await commands[direction](await config(options), {
          revision: revision,
          sql: Boolean(options.sql),
          tag: text(options, 'tag'),
          xArgs: xArgs(options),
          onStep,
        })
        if (result.sql !== undefined) output.out(result.sql)
      })
  }

  common(cli.command('stamp [...revisions]', "'stamp' the revision table with the given revision; don't run any migrations"), { x: true })
    .option('--sql', "Don't emit SQL to database - dump to standard output instead")
    .option('--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts')
    .option('--purge', 'Unconditionally erase the version table before stamping')
    .example('mig stamp head')
    .action(async (revisions: string[], options: Options) => {
      lastBind = undefined
      const { stamp } = await import('../commands/stamp.js')
      const result = await stamp(await config(options), {
        revisions: revisions,
        sql: Boolean(options.sql),
        purge: Boolean(options.purge),
        tag: text(options, 'tag'),
        xArgs: xArgs(options),
      })
      for (const step of result.steps) {
        onBind(step.bind)
        output.err(`Running stamp_revision ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}`)
      }
      if (result.sql !== undefined) output.out(result.sql)
    })

  common(cli.command('current', 'Display the current revision for each database.'), { x: true })
    .option('-v, --verbose', 'Use more verbose output')
    .option('--json', 'Machine-readable output')
    .example('mig current')
    .action(async (options: Options) => {
      const { current } = await import('../commands/current.js')
      const result = await current(await config(options), { xArgs: xArgs(options) })
      const lines = (revisions: typeof result.revisions) => revisions.map((info) => revisionLine(info, {})).join('\n')
      // Multidb: a header per bind, so each line says which database it is about (Flask-Migrate prints bare lines).
      const bindBlock = (b: NonNullable<typeof result.binds>[number]) =>
        options.verbose
          ? `Current revision(s) for ${bindLabel(b.bind)} (${b.database}):\n${entries(b.revisions)}`
          : [`Database ${bindLabel(b.bind)} (${b.database}):`, ...(b.revisions.length > 0 ? [lines(b.revisions)] : [])].join('\n')
      print(output, Boolean(options.json), result, () =>
        result.binds
          ? result.binds.map(bindBlock).join(options.verbose ? '' : '\n')
          : options.verbose
            ? `Current revision(s) for ${result.database}:\n${entries(result.revisions)}`
            : lines(result.revisions),
      )
    })

  common(cli.command('history', 'List changeset scripts in chronological order.'), { x: true })
    .option('-r, --rev-range <range>', 'Specify a revision range; format is [start]:[end]')
    .option('-v, --verbose', 'Use more verbose output')
    .option('-i, --indicate-current', 'Indicate current version')
    .option('--json', 'Machine-readable output')
    .example('mig history -r base:head')
    .action(async (options: Options) => {
      const { history } = await import('../commands/history.js')
      const result = await history(await config(options, false), {
        range: text(options, 'revRange'),
        indicateCurrent: Boolean(options.indicateCurrent),
        xArgs: xArgs(options),
      })
      print(output, Boolean(options.json), result, () =>
        options.verbose
          ? entries(result.revisions)
          : result.revisions.map((info) => revisionLine(info, { labels: true, parents: true, message: true })).join('\n'),
      )
    })

  common(cli.command('show [revision]', 'Show the revision denoted by the given symbol.'))
    .option('--json', 'Machine-readable output')
    .example('mig show head')
    .action(async (revision: string | undefined, options: Options) => {
      const { show } = await import('../commands/show.js')
      const result = await show(await config(options, false), { revision: revision })
      print(output, Boolean(options.json), result, () => entries(result.revisions))
    })

  common(cli.command('heads', 'Show current available heads in the script directory'))
    .option('-v, --verbose', 'Use more verbose output')
    .option('--resolve-dependencies', 'Treat dependency versions as down revisions')
    .option('--json', 'Machine-readable output')
    .example('mig heads')
    .action(async (options: Options) => {
      const { heads } = await import('../commands/heads.js')
      const result = await heads(await config(options, false), { resolveDependencies: Boolean(options.resolveDependencies) })
      print(output, Boolean(options.json), result, () =>
        options.verbose
          ? entries(result.revisions)
          : result.revisions.map((info) => revisionLine(info, { labels: true, tree: false })).join('\n'),
      )
    })

  common(cli.command('branches', 'Show current branch points'))
    .option('-v, --verbose', 'Use more verbose output')
    .option('--json', 'Machine-readable output')
    .example('mig branches')
    .action(async (options: Options) => {
      const { branches } = await import('../commands/branches.js')
      const result = await branches(await config(options, false))
      print(output, Boolean(options.json), result, () =>
        result.branchPoints.map(({ point, children }) => branchPointBlock(point, children, Boolean(options.verbose))).join(''),
      )
    })

  common(cli.command('edit [revision]', 'Edit a revision file'), { x: true })
    .example('EDITOR=vim mig edit head')
    .action(async (revision: string | undefined, options: Options) => {
      const { edit } = await import('../commands/edit.js')
      await edit(await config(options, false), { revision, xArgs: xArgs(options) })
    })
}
