import { bindLabel } from '../bind-log.js'
import { xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig check`; its action returns exit code 1 when there are changes to migrate. */
export async function run(context: CommandContext, options: Options): Promise<number> {
  const linted = options.lint ? await lintPending(context, options) : 0
  return Math.max(linted, await checkModels(context, options))
}

/** `--lint`: the pending revisions' findings, as `mig lint` prints them; 1 on an error. */
async function lintPending(context: CommandContext, options: Options): Promise<number> {
  const { run: lint } = await import('./lint.js')
  return lint(context, undefined, { ...options, json: false })
}

async function checkModels(context: CommandContext, options: Options): Promise<number> {
  const { check } = await import('../../commands/autogenerate.js')
  const { changes, binds, edited } = await check(await context.config(options), { xArgs: xArgs(options) })
  for (const id of edited) context.output.err(`Note: revision ${id} was edited after it was applied to this database; the database may not be what its file says`)
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
}
