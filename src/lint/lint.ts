import { ignoreComments, ignoresAbove, locateCalls } from './locate.js'
import { IGNORE_WITHOUT_REASON, LOCK_TIMEOUT, missingLockTimeout, RULES, type RuleContext, type Verdict } from './rules/index.js'
import type { LintFinding, LintTarget, RecordedCall, RecordedRevision } from './types.js'

/** One revision to lint: its recorded `upgrade` and the text of its file. */
export interface RevisionToLint {
  readonly id: string
  /** The file as findings name it (relative to the project). */
  readonly file: string
  readonly source: string
  readonly recorded: RecordedRevision
}

export interface LintSettings {
  /** Codes never reported (config `lint.ignore`). */
  readonly ignore?: readonly string[]
  /** Whether every revision runs with a lock timeout (config `lockTimeout`). */
  readonly lockTimeout?: boolean
}

/**
 * Lints revisions in the order they run. A revision's own new tables are always safe; a table
 * the database reports empty is safe for every rule but the backward-compatibility ones. A
 * finding is suppressed by `// mig-lint-ignore CODE: reason` on the lines right above its call;
 * an ignore without a reason suppresses nothing and is a finding itself (MIG001).
 *
 * @example
 * lintRevisions([{ id: 'ae10', file: 'migrations/versions/ae10_x.ts', source, recorded }], target).map((f) => f.code) // ['MIG104']
 */
export function lintRevisions(revisions: readonly RevisionToLint[], target: LintTarget, settings: LintSettings = {}): LintFinding[] {
  const ignored = new Set(settings.ignore ?? [])
  const notNull = new NotNullChecks()
  return revisions.flatMap((revision) => lintOne(revision, target, settings, notNull)).filter((finding) => !ignored.has(finding.code))
}

/** What a rule (or MIG301) says about one call. */
export interface CallVerdict {
  readonly call: RecordedCall
  readonly code: string
  readonly rule: string
  readonly verdict: Verdict
}

/**
 * Every rule on every call of one revision, in order, before suppressions: a table the
 * revision created is skipped, an empty one too for all but the backward-compatibility rules.
 * `notNull` follows the validated not-null checks from one revision to the next.
 */
export function checkCalls(recorded: RecordedRevision, target: LintTarget, settings: LintSettings, notNull = new NotNullChecks()): CallVerdict[] {
  const created = new Set<string>()
  const verdicts: CallVerdict[] = []
  const onNewTable = new Set<RecordedCall>()
  const empty = (table: string | undefined) => table !== undefined && target.rows?.get(table) === 0
  const context: RuleContext = { target, revision: recorded, isNew: (table) => table !== undefined && created.has(table), validatedNotNull: notNull.validated }
  for (const call of recorded.calls) {
    if (context.isNew(call.table)) onNewTable.add(call)
    for (const rule of RULES) {
      if (onNewTable.has(call) || (empty(call.table) && !rule.evenWhenEmpty)) continue
      const verdict = rule.check(call, context)
      if (verdict) verdicts.push({ call, code: rule.code, rule: rule.name, verdict })
    }
    notNull.follow(call)
    if (call.operation?.kind === 'createTable') created.add(call.operation.table)
    if (call.operation?.kind === 'renameTable' && created.has(call.operation.from)) created.add(call.operation.to)
  }
  const existing = (call: RecordedCall) => !onNewTable.has(call) && !empty(call.table)
  const lockTimeout = missingLockTimeout(recorded, target, settings.lockTimeout === true, existing)
  if (lockTimeout) verdicts.push({ ...lockTimeout, code: LOCK_TIMEOUT.code, rule: LOCK_TIMEOUT.name })
  const ignored = new Set(settings.ignore ?? [])
  return verdicts.filter((verdict) => !ignored.has(verdict.code))
}

function lintOne(revision: RevisionToLint, target: LintTarget, settings: LintSettings, notNull: NotNullChecks): LintFinding[] {
  locateCalls(revision.source, revision.recorded.calls)
  const lines = revision.source.split('\n')
  const ignores = ignoreComments(revision.source)
  const findings: LintFinding[] = []
  for (const { call, code, rule, verdict } of checkCalls(revision.recorded, target, settings, notNull)) {
    const reasons = ignoresAbove(lines, ignores, call.line).filter((ignore) => ignore.codes.includes(code) && ignore.reason !== '')
    if (reasons.length > 0) continue
    const rows = call.table === undefined ? undefined : target.rows?.get(call.table)
    findings.push({
      code, rule, severity: verdict.severity, revision: revision.id, file: revision.file, line: call.line,
      operation: describeCall(call), table: call.table, rows, why: verdict.why + rowsNote(call.table, rows), recipe: verdict.recipe,
    })
  }
  for (const ignore of ignores.filter((ignore) => ignore.reason === '')) {
    findings.push({
      code: IGNORE_WITHOUT_REASON.code, rule: IGNORE_WITHOUT_REASON.name, severity: 'error', revision: revision.id, file: revision.file, line: ignore.line,
      operation: lines[ignore.line - 1]!.trim(),
      why: `the ignore${ignore.codes.length ? ` of ${ignore.codes.join(', ')}` : ''} gives no reason, so it suppresses nothing: the next reader cannot tell why the operation is safe here`,
      recipe: '// mig-lint-ignore CODE: why it is safe here (say, "the table holds 40 rows" or "no release reads the column since v41")',
    })
  }
  return findings.sort((a, b) => a.line - b.line)
}

function rowsNote(table: string | undefined, rows: number | undefined): string {
  return rows === undefined ? '' : ` (table '${table}' has ${rows.toLocaleString('en-US')} rows)`
}

/**
 * The checks `<column> is not null` the revisions add and validate, in order: PostgreSQL 12+
 * sets NOT NULL without a scan when one is validated (MIG107's safe recipe).
 */
export class NotNullChecks {
  readonly #checks = new Map<string, { column: string; validated: boolean }>()
  readonly validated = new Set<string>()

  follow(call: RecordedCall): void {
    const op = call.operation
    if (op?.kind === 'createCheck') {
      const column = /^\s*\(?\s*["`]?(\w+)["`]?\s+is\s+not\s+null\s*\)?\s*$/i.exec(op.expression)?.[1]
      if (column === undefined) return
      const validated = call.options.notValid !== true && (op as unknown as { notValid?: unknown }).notValid !== true
      this.#checks.set(`${op.table}.${op.name}`, { column, validated })
      if (validated) this.validated.add(`${op.table}.${column}`)
    }
    if (call.method === 'validateConstraint' && typeof call.args[0] === 'string' && typeof call.args[1] === 'string') {
      const check = this.#checks.get(`${call.args[0]}.${call.args[1]}`)
      if (check) this.validated.add(`${call.args[0]}.${check.column}`)
    }
  }
}

/** `op.createIndex('post_title_index', 'post', ...)`: the call with its leading names. */
function describeCall(call: RecordedCall): string {
  const names = call.args.slice(0, 3).filter((arg): arg is string => typeof arg === 'string')
  const shown = names.slice(0, 2).map((name) => `'${name}'`)
  if (call.args.length > shown.length) shown.push('...')
  const receiver = call.batch !== undefined && call.method !== 'batchAlterTable' ? 'batch' : 'op'
  return `${receiver}.${call.written}(${shown.join(', ')})`
}
