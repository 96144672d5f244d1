import type { Output } from './io.js'

/**
 * How a bind is named in log lines: the main database as Flask-Migrate shows it.
 *
 * @example bindLabel('default') // '<default>'
 */
export function bindLabel(bind: string): string {
  return bind === 'default' ? '<default>' : bind
}

/**
 * Multidb: a `Migrating database <name>` line whenever the next line is about another database
 * (as Flask-Migrate logs it). One per command run; a single database (no bind) logs nothing.
 *
 * @example
 * const onBind = bindLog(output)
 * onBind('default') // Migrating database <default>
 * onBind('default') // (nothing: still the same database)
 */
export function bindLog(output: Output): (bind: string | undefined) => void {
  let last: string | undefined
  return (bind) => {
    if (bind !== undefined && bind !== last) output.err(`Migrating database ${bindLabel(bind)}`)
    last = bind
  }
}
