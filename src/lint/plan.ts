import type { Operation } from '../operations/operation.js'
import { checkCalls, type LintSettings } from './lint.js'
import type { LintTarget, RecordedCall, Severity } from './types.js'

/** An operation autogenerate is about to write: alone, or the `batch`-th `batchAlterTable` (the batch call itself has no operation). */
export interface PlannedCall {
  readonly operation: Operation | undefined
  readonly table: string
  readonly batch?: number | undefined
}

/** What the linter says about one planned call, for a comment above it. */
export interface PlannedFinding {
  readonly code: string
  readonly severity: Severity
  readonly text: string
}

/**
 * Lints the operations autogenerate is about to write, before they have a file: the findings
 * per call (by index), each as the one-line text of a `// mig-lint CODE: ...` comment.
 *
 * @example
 * lintPlanned([{ operation: { kind: 'createIndex', name: 'i', table: 'post', columns: ['title'] }, table: 'post' }], target).get(0)
 * // [{ code: 'MIG104', severity: 'error', text: "MIG104 (error): CREATE INDEX 'i' holds a SHARE lock ... Safe: op.createIndex(..., { concurrently: true }) ..." }]
 */
export function lintPlanned(planned: readonly PlannedCall[], target: LintTarget, settings: LintSettings = {}): Map<number, PlannedFinding[]> {
  const calls: RecordedCall[] = planned.map(({ operation, table, batch }) => ({
    method: operation?.kind ?? 'batchAlterTable',
    written: operation?.kind ?? 'batchAlterTable',
    args: [],
    operation,
    table,
    options: {},
    batch,
    line: 0,
  }))
  const found = new Map<number, PlannedFinding[]>()
  for (const { call, code, verdict } of checkCalls({ calls, transactional: undefined, lockTimeout: undefined, statementTimeout: undefined }, target, settings)) {
    const at = calls.indexOf(call)
    const text = `${code} (${verdict.severity}): ${verdict.why}. Safe: ${verdict.recipe}`
    found.set(at, [...(found.get(at) ?? []), { code, severity: verdict.severity, text }])
  }
  return found
}
