import type { CAC } from 'cac'
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
  sync: () => import('./sync.js'),
  lint: () => import('./lint.js'),
  dev: () => import('./dev.js'),
}

/** The action of a command: its module's `run`, whose return value is the exit code (`check`: 1). */
function action(context: CommandContext, name: keyof typeof MODULES, ...bound: unknown[]) {
  return async (...args: unknown[]) => {
    const { run } = (await MODULES[name]()) as unknown as { run: (context: CommandContext, ...args: unknown[]) => Promise<number | void> }
    return run(context, ...bound, ...args)
  }
}

type Option = readonly [flags: string, description: string]

/** One command as `--help` shows it; `run` names its module, `bound` comes before cac's arguments. */
interface Declaration {
  readonly usage: string
  readonly description: string
  /** `-d` and `--config` (every command but `list-templates`), plus `-x` for those that run `env.ts`. */
  readonly common: 'none' | 'plain' | 'x'
  readonly options?: readonly Option[]
  readonly examples?: readonly string[]
  readonly run: keyof typeof MODULES
  readonly bound?: readonly unknown[]
}

const VERBOSE: Option = ['-v, --verbose', 'Use more verbose output']
const JSON_OUTPUT: Option = ['--json', 'Machine-readable output']
const SQL: Option = ['--sql', "Don't emit SQL to database - dump to standard output instead"]
const TAG: Option = ['--tag <tag>', 'Arbitrary "tag" name - can be used by custom env.ts scripts']
const BRANCH_LABEL: Option = ['--branch-label <label>', 'Specify a branch label to apply to the new revision']
const REV_ID: Option = ['--rev-id <id>', 'Specify a hardcoded revision id instead of generating one']
const FROM_EMPTY: Option = [
  '--from-empty',
  "Compare the models with an empty database instead of the database's schema: a baseline revision for a database that already has it (then 'mig stamp head')",
]

/** The options `revision` and `migrate` share. */
const REVISION_OPTIONS: readonly Option[] = [
  ['-m, --message <message>', 'Revision message'],
  ['--head <rev>', 'Specify head revision or <branchname>@head to base new revision on'],
  ['--splice', 'Allow a non-head revision as the "head" to splice onto'],
  BRANCH_LABEL,
  ['--version-path <path>', 'Specify specific path from config for version file'],
  REV_ID,
  ['--depends-on <rev>', 'Specify one or more revision identifiers which this revision should depend on'],
]

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly Declaration[] = [
  {
    usage: 'init',
    description: 'Creates a new migration repository.',
    common: 'plain',
    options: [
      ['-t, --template <name>', 'Repository template to use (default is "default"), or a path to a template folder'],
      ['--package', 'Write migrations/index.ts importing every revision, for bundling into an application'],
      ['--multidb', 'Multiple databases migration (default is False)'],
      ['--git-hook', "Install a git post-checkout hook that runs 'mig sync' after a branch switch (alone: only the hook)"],
    ],
    examples: ['mig init', 'mig init --git-hook'],
    run: 'init',
  },
  { usage: 'list-templates', description: 'List available templates.', common: 'none', run: 'listTemplates' },
  {
    usage: 'revision',
    description: 'Create a new revision file.',
    common: 'x',
    options: [
      ...REVISION_OPTIONS,
      ['--autogenerate', 'Populate revision script with candidate migration operations, based on comparison of database to model'],
      FROM_EMPTY,
    ],
    examples: ['mig revision -m "add email to user"'],
    run: 'revision',
  },
  {
    usage: 'migrate',
    description: "Autogenerate a new revision file (Alias for 'revision --autogenerate')",
    common: 'x',
    options: [...REVISION_OPTIONS, FROM_EMPTY],
    examples: ['mig migrate -m "add email to user"', 'mig migrate -m "baseline" --from-empty'],
    run: 'migrate',
  },
  {
    usage: 'check',
    description: 'Check if there are any new operations to migrate',
    common: 'x',
    options: [['--lint', "Also lint the pending revisions as 'mig lint' does, and fail on a lint error"]],
    examples: ['mig check', 'mig check --lint'],
    run: 'check',
  },
  {
    usage: 'merge [...revisions]',
    description: 'Merge two revisions together, creating a new revision file',
    common: 'plain',
    options: [['-m, --message <message>', 'Merge revision message'], BRANCH_LABEL, REV_ID],
    examples: ['mig merge heads -m "merge feature branches"'],
    run: 'merge',
  },
  { usage: 'upgrade [revision]', description: 'Upgrade to a later version', common: 'x', options: [SQL, TAG], examples: ['mig upgrade'], run: 'apply', bound: ['upgrade'] },
  { usage: 'downgrade [revision]', description: 'Revert to a previous version', common: 'x', options: [SQL, TAG], examples: ['mig downgrade -1'], run: 'apply', bound: ['downgrade'] },
  {
    usage: 'stamp [...revisions]',
    description: "'stamp' the revision table with the given revision; don't run any migrations",
    common: 'x',
    options: [SQL, TAG, ['--purge', 'Unconditionally erase the version table before stamping']],
    examples: ['mig stamp head'],
    run: 'stamp',
  },
  { usage: 'current', description: 'Display the current revision for each database.', common: 'x', options: [VERBOSE, JSON_OUTPUT], examples: ['mig current'], run: 'current' },
  {
    usage: 'history',
    description: 'List changeset scripts in chronological order.',
    common: 'x',
    options: [['-r, --rev-range <range>', 'Specify a revision range; format is [start]:[end]'], VERBOSE, ['-i, --indicate-current', 'Indicate current version'], JSON_OUTPUT],
    examples: ['mig history -r base:head'],
    run: 'history',
  },
  { usage: 'show [revision]', description: 'Show the revision denoted by the given symbol.', common: 'plain', options: [JSON_OUTPUT], examples: ['mig show head'], run: 'show' },
  {
    usage: 'heads',
    description: 'Show current available heads in the script directory',
    common: 'plain',
    options: [VERBOSE, ['--resolve-dependencies', 'Treat dependency versions as down revisions'], JSON_OUTPUT],
    examples: ['mig heads'],
    run: 'heads',
  },
  { usage: 'branches', description: 'Show current branch points', common: 'plain', options: [VERBOSE, JSON_OUTPUT], examples: ['mig branches'], run: 'branches' },
  {
    usage: 'sync',
    description: 'Downgrade the revisions whose files are gone (phantoms, after a git switch) from their stored sources, then upgrade to the heads',
    common: 'x',
    options: [
      ['--no-snapshot', 'Take no copy of the database first (MariaDB/MySQL have none)'],
      ['--forget <rev>', "Take a phantom out of the version table without running its downgrade (its changes stay)"],
      SQL,
      TAG,
      ['--hook', 'Print one line and never fail (for the git post-checkout hook)'],
    ],
    examples: ['mig sync', 'mig sync --forget a2b3c4d5e6f7'],
    run: 'sync',
  },
  {
    usage: 'lint [range]',
    description: 'Lint revisions for operations that lock or rewrite busy tables, fail on existing rows or break the running code (default: the pending ones)',
    common: 'x',
    options: [
      ['--dialect <dialect>', 'With a range: the dialect to lint for (postgresql, mysql, mariadb, sqlite; default: the configured database)'],
      ['--target-version <version>', "The server version to lint for, e.g. 14 or 10.11 (default: the server's, else lint.targetVersion)"],
      JSON_OUTPUT,
    ],
    examples: ['mig lint', 'mig lint base:head --dialect postgresql --target-version 14 --json'],
    run: 'lint',
  },
  {
    usage: 'dev',
    description: 'Watch the models and the migrations and report when they, or the database, need a command (for projects without a Vite dev server)',
    common: 'plain',
    options: [
      ['--auto-upgrade', 'Apply pending revisions to the dev database as soon as they appear'],
      ['--autogenerate', 'Write a revision as soon as the models change'],
      ['--auto-sync', 'Run mig sync when the database has revisions whose files are gone (after a git switch)'],
      ['--watch <path>', 'Another file or folder whose change re-checks (repeatable)'],
    ],
    examples: ['mig dev', 'mig dev --auto-upgrade --watch src/entities'],
    run: 'dev',
  },
  { usage: 'edit [revision]', description: 'Edit a revision file', common: 'x', examples: ['EDITOR=vim mig edit head'], run: 'edit' },
]

/**
 * Registers every mig command on a cac instance: what each is called and which options it
 * takes, from the table above; what it does, in its module, loaded when it runs.
 *
 * @example registerCommands(cac('mig'), processOutput, undefined)
 */
export function registerCommands(cli: CAC, output: Output, source?: ConfigSource): void {
  const context = commandContext(output, source)
  for (const declaration of COMMANDS) {
    const command = cli.command(declaration.usage, declaration.description)
    if (declaration.common !== 'none') {
      command.option('-d, --directory <dir>', 'Migration script directory (default is "migrations")')
      command.option('--config <file>', 'Config file (default: mig.config.ts found upward; or MIG_CONFIG)')
      if (declaration.common === 'x') command.option('-x, --x-arg <key=value>', 'Additional arguments consumed by custom env.ts scripts')
    }
    for (const [flags, description] of declaration.options ?? []) command.option(flags, description)
    for (const example of declaration.examples ?? []) command.example(example)
    command.action(action(context, declaration.run, ...(declaration.bound ?? [])))
  }
}
