import type { CurrentResult } from '../../commands/current.js'
import { phantomNote, type PhantomInfo } from '../../commands/phantoms.js'
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
  const lines = (state: DatabaseState) =>
    [
      ...state.revisions.map((info) => revisionLine(info, {}) + (state.edited.includes(info.id) ? EDITED : '')),
      ...state.phantoms.filter((phantom) => phantom.row).map(phantomLine),
    ].join('\n')
  // Revisions below the current ones are not listed, but an edited one still needs saying.
  const notes = (state: DatabaseState) => state.edited.filter((id) => !state.revisions.some((info) => info.id === id)).map((id) => `${id}${EDITED}`)
  const block = (state: DatabaseState) => [lines(state), ...notes(state)].filter((line) => line !== '').join('\n')
  if (!result.binds) return verbose ? `Current revision(s) for ${result.database}:\n${entries(result.revisions)}${extra(result)}` : block(result)
  const bindBlock = (b: NonNullable<CurrentResult['binds']>[number]) =>
    verbose
      ? `Current revision(s) for ${bindLabel(b.bind)} (${b.database}):\n${entries(b.revisions)}${extra(b)}`
      : [`Database ${bindLabel(b.bind)} (${b.database}):`, ...(block(b) !== '' ? [block(b)] : [])].join('\n')
  return result.binds.map(bindBlock).join(verbose ? '' : '\n')
}

type DatabaseState = Pick<CurrentResult, 'revisions' | 'phantoms' | 'edited'>

const EDITED = ' (edited: file changed after it was applied)'

/** `a2b3c4d5e6f7 (phantom: file missing, applied 2 h ago on branch feature/x), add tags` */
function phantomLine(phantom: PhantomInfo): string {
  return `${phantom.id} (${phantomNote(phantom)})${phantom.message ? `, ${phantom.message}` : ''}`
}

/** `-v`: the phantoms and edits after the entries. */
function extra(state: DatabaseState): string {
  const phantoms = state.phantoms.map((phantom) => `${phantomLine(phantom)}\n`).join('')
  return phantoms + state.edited.map((id) => `${id}${EDITED}\n`).join('')
}
