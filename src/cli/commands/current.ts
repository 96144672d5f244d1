import type { CurrentResult } from '../../commands/current.js'
import { bindLabel } from '../bind-log.js'
import { entries, revisionLine } from '../format.js'
import { print, xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig current`. */
export async function run(context: CommandContext, options: Options): Promise<void> {
  const { current } = await import('../../commands/current.js')
  const result = await current(await context.config(options), { xArgs: xArgs(options) })
  print(context.output, Boolean(options.json), result, () => formatCurrent(result, Boolean(options.verbose)))
}

/** Alembic's lines for one database; multidb: a header per bind, so each line says which database it is about (Flask-Migrate prints bare lines). */
function formatCurrent(result: CurrentResult, verbose: boolean): string {
  const lines = (revisions: CurrentResult['revisions']) => revisions.map((info) => revisionLine(info, {})).join('\n')
  if (!result.binds) return verbose ? `Current revision(s) for ${result.database}:\n${entries(result.revisions)}` : lines(result.revisions)
  const bindBlock = (b: NonNullable<CurrentResult['binds']>[number]) =>
    verbose
      ? `Current revision(s) for ${bindLabel(b.bind)} (${b.database}):\n${entries(b.revisions)}`
      : [`Database ${bindLabel(b.bind)} (${b.database}):`, ...(b.revisions.length > 0 ? [lines(b.revisions)] : [])].join('\n')
  return result.binds.map(bindBlock).join(verbose ? '' : '\n')
}
