import type { Operation, OperationKind, OperationOf } from '../../operations/operation.js'
import type { LintTarget, RecordedCall, RecordedRevision, Severity } from '../types.js'

/** What a rule knows besides the call. */
export interface RuleContext {
  readonly target: LintTarget
  readonly revision: RecordedRevision
  /** True for a table this revision created before the call (always safe to change). */
  isNew(table: string | undefined): boolean
  /** Checks `<column> is not null` known to be validated, as `table.column` (PostgreSQL's safe SET NOT NULL). */
  readonly validatedNotNull: ReadonlySet<string>
}

/** A rule's verdict on one call. */
export interface Verdict {
  readonly severity: Severity
  readonly why: string
  readonly recipe: string
}

/** One lint rule: a stable code and name, and its check of one recorded call. */
export interface Rule {
  readonly code: string
  readonly name: string
  /** One line for the rule table (`mig lint --help`, the README). */
  readonly summary: string
  /**
   * Whether the rule holds for an empty table too (breaking the running code does not depend
   * on rows); the others pass a table the database reports empty.
   */
  readonly evenWhenEmpty?: boolean
  check(call: RecordedCall, context: RuleContext): Verdict | undefined
}

/** The call's operation when it is of `kind`. */
export function operationOf<K extends OperationKind>(call: RecordedCall, ...kinds: K[]): OperationOf<K> | undefined {
  const operation: Operation | undefined = call.operation
  return operation && (kinds as string[]).includes(operation.kind) ? (operation as OperationOf<K>) : undefined
}

/** An online option of the call: from the recorded operation once the `op` API has it, else from the options as written. */
export function optionOf(call: RecordedCall, key: string): unknown {
  return (call.operation as unknown as Record<string, unknown> | undefined)?.[key] ?? call.options[key]
}

/**
 * Whether the target server is at least `major.minor`. An unknown version counts as a current
 * one (set `lint.targetVersion` or `--target-version` to lint for an older server).
 */
export function atLeast(target: LintTarget, major: number, minor = 0): boolean {
  const [have = Infinity, haveMinor = 0] = target.version ?? []
  return have > major || (have === major && haveMinor >= minor)
}

/** `PostgreSQL 16`, `MariaDB 10.11`, `MySQL` (version unknown), for messages. */
export function serverName(target: LintTarget): string {
  const name = { postgresql: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB', sqlite: 'SQLite' }[target.flavor]
  return target.version ? `${name} ${target.version.join('.')}` : name
}

/** `'post.title'`, for messages. */
export function columnName(table: string | undefined, column: string): string {
  return table ? `'${table}.${column}'` : `'${column}'`
}
