import { changeColumnType, addRequiredColumn, setNotNull, volatileDefault } from './columns.js'
import { dropColumn, dropTable, renameColumn, renameTable } from './compat.js'
import { constraintWithoutNotValid } from './constraints.js'
import { indexWithoutConcurrently, mysqlIndexLocking, uniqueOnFilledTable } from './indexes.js'
import { LOCK_TIMEOUT } from './lock-timeout.js'
import type { Rule } from './rule.js'
import { sqliteTableCopy } from './sqlite.js'

export { missingLockTimeout, LOCK_TIMEOUT } from './lock-timeout.js'
export type { Rule, RuleContext, Verdict } from './rule.js'

/** Every rule that looks at one call, in code order. */
export const RULES: readonly Rule[] = [
  addRequiredColumn,
  volatileDefault,
  changeColumnType,
  indexWithoutConcurrently,
  mysqlIndexLocking,
  constraintWithoutNotValid,
  setNotNull,
  uniqueOnFilledTable,
  sqliteTableCopy,
  dropColumn,
  dropTable,
  renameColumn,
  renameTable,
]

/** A finding about an ignore comment that gives no reason. */
export const IGNORE_WITHOUT_REASON = {
  code: 'MIG001',
  name: 'ignore-without-reason',
  summary: "mig-lint-ignore comment without a reason ('// mig-lint-ignore CODE: why it is safe here')",
} as const

/** Every code with its name and summary, for `--help` and the README's table. */
export const RULE_TABLE: ReadonlyArray<{ readonly code: string; readonly name: string; readonly summary: string }> = [
  IGNORE_WITHOUT_REASON,
  ...RULES,
  LOCK_TIMEOUT,
].sort((a, b) => a.code.localeCompare(b.code))
