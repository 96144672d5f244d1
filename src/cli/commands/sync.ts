import type { SyncResult } from '../../commands/sync.js'
import { phantomNote } from '../../commands/phantoms.js'
import type { Step } from '../../revision/types.js'
import { bindLabel, bindLog } from '../bind-log.js'
import { stepLine } from '../format.js'
import { text, texts, xArgs, type CommandContext, type Options } from '../options.js'

/**
 * Runs `mig sync`. With `--hook` (the git `post-checkout` hook) it prints one line, what it did
 * or why it could not, and never fails the checkout.
 */
export async function run(context: CommandContext, options: Options): Promise<number | void> {
  const { output } = context
  const hook = Boolean(options.hook)
  const onBind = bindLog(output)
  const { sync } = await import('../../commands/sync.js')
  try {
    const result = await sync(await context.config(options), {
      snapshot: options.snapshot !== false,
      forget: texts(options, 'forget'),
      sql: Boolean(options.sql),
      tag: text(options, 'tag'),
      xArgs: xArgs(options),
      onStart: hook
        ? undefined
        : ({ phantoms, snapshots }) => {
            for (const phantom of phantoms) output.err(`Phantom ${phantom.bind ? `in ${bindLabel(phantom.bind)} ` : ''}${phantom.id} (${phantomNote(phantom)})${phantom.message ? `, ${phantom.message}` : ''}`)
            for (const snapshot of snapshots) output.err(`Snapshot${snapshot.bind ? ` of ${bindLabel(snapshot.bind)}` : ''}: ${snapshot.location} (restore: ${snapshot.restore})`)
          },
      onStep: hook
        ? undefined
        : (step: Step, bind?: string) => {
            onBind(bind)
            output.err(stepLine({ ...step, message: step.revision.message }))
          },
    })
    if (result.sql !== undefined) return output.out(result.sql)
    if (hook) output.err(`mig: ${summary(result)}`)
    else if (result.steps.length === 0) output.err('Nothing to sync: the database is at the heads.')
  } catch (error) {
    if (!hook) throw error
    output.err(`mig: dev database not synced: ${(error as Error).message}`)
    return 0
  }
}

/** The hook's one line. */
function summary(result: SyncResult): string {
  if (result.steps.length === 0) return 'dev database in sync with the migrations'
  const down = result.steps.filter((step) => step.direction === 'down').map((step) => step.revision)
  const up = result.steps.filter((step) => step.direction === 'up').map((step) => step.revision)
  const parts = [
    ...(down.length > 0 ? [`downgraded ${down.join(', ')} (files gone)`] : []),
    ...(up.length > 0 ? [`upgraded ${up.join(', ')}`] : []),
    ...result.snapshots.map((snapshot) => `snapshot ${snapshot.location}`),
  ]
  return `dev database synced: ${parts.join('; ')}`
}
