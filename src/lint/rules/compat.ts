import type { RecordedCall } from '../types.js'
import { operationOf, type Rule } from './rule.js'

const EXPAND_CONTRACT =
  'expand/contract: ship code that no longer uses it first (for a rename: add the new name, write to both, backfill, read the new one), and drop or rename it in a later deploy'
const OLD_RELEASE = 'the instances still running the previous release use the old name and fail until they are replaced'

/**
 * A backward-incompatible change: the code of the release being replaced still uses what it
 * drops or renames, whatever the table holds. `what` names it for the call, or is undefined.
 */
function incompatible(code: string, name: string, summary: string, what: (call: RecordedCall) => string | undefined, recipe: string): Rule {
  return {
    code, name, summary, evenWhenEmpty: true,
    check: (call) => {
      const why = what(call)
      return why === undefined ? undefined : { severity: 'error', why, recipe }
    },
  }
}

/** MIG201: dropping a column the running code may still read. */
export const dropColumn = incompatible('MIG201', 'drop-column', 'column dropped (backward incompatible)', (call) => {
  const op = operationOf(call, 'dropColumn')
  return op && `drops '${op.table}.${op.column}': the instances still running the previous release read or write it and fail until they are replaced (an ORM that selects every mapped column fails on every query of the table)`
}, `${EXPAND_CONTRACT}; once no release uses the column, suppress this with a reason`)

/** MIG202: dropping a table. */
export const dropTable = incompatible('MIG202', 'drop-table', 'table dropped (backward incompatible, data lost)', (call) => {
  const op = operationOf(call, 'dropTable')
  return op && `drops '${op.table}' and every row in it: the instances still running the previous release fail on it, and a downgrade recreates it empty`
}, `${EXPAND_CONTRACT}; once no release uses the table (and its data is archived), suppress this with a reason`)

/** MIG203: renaming a column, directly or through alterColumn's newName. */
export const renameColumn = incompatible('MIG203', 'rename-column', 'column renamed (backward incompatible)', (call) => {
  const rename = operationOf(call, 'renameColumn')
  const alter = operationOf(call, 'alterColumn')
  const [from, to] = rename ? [rename.from, rename.to] : alter?.changes.newName ? [alter.column, alter.changes.newName] : []
  return from === undefined ? undefined : `renames '${call.table}.${from}' to '${to}': ${OLD_RELEASE}`
}, EXPAND_CONTRACT)

/** MIG204: renaming a table. */
export const renameTable = incompatible('MIG204', 'rename-table', 'table renamed (backward incompatible)', (call) => {
  const op = operationOf(call, 'renameTable')
  return op && `renames '${op.from}' to '${op.to}': ${OLD_RELEASE}`
}, `${EXPAND_CONTRACT}; on PostgreSQL a view with the old name can bridge the two releases`)
