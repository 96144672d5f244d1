import { lintPlanned, type LintTarget, type PlannedCall } from '../lint/index.js'
import type { Plan } from './to-operations.js'
import type { PlannedOp, PlanStep } from './types.js'

/** The plan with `mig lint`'s findings on its operations, and how many there are. */
export interface LintedPlan {
  readonly plan: Plan
  readonly findings: { readonly errors: number; readonly warnings: number }
}

/**
 * Lints what autogenerate is about to write, as `mig lint` will lint the file: each finding
 * goes above its operation as a comment (a batch's own finding, SQLite's copy, above the
 * batch's first operation). Tables the revision creates are safe; row counts are not known.
 *
 * @example
 * lintPlan(plan, lintTarget('postgresql', '16'), { ignore: [] }).findings // { errors: 1, warnings: 0 }
 */
export function lintPlan(plan: Plan, target: LintTarget, settings: { ignore?: readonly string[]; lockTimeout?: boolean }, batch: boolean): LintedPlan {
  const calls: PlannedCall[] = []
  const owners: PlannedOp[] = []
  plan.steps.forEach((step, at) => {
    if (step.kind === 'op') {
      calls.push({ operation: step.planned.op, table: tableOf(step.planned) })
      owners.push(step.planned)
      return
    }
    if (batch && step.ops.length > 0) {
      calls.push({ operation: undefined, table: step.table, batch: at })
      owners.push(step.ops[0]!)
    }
    for (const planned of step.ops) {
      calls.push({ operation: planned.op, table: step.table, batch: batch ? at : undefined })
      owners.push(planned)
    }
  })
  const found = lintPlanned(calls, target, settings)
  const lint = new Map<PlannedOp, string[]>()
  let errors = 0
  let warnings = 0
  for (const [at, findings] of found) {
    const owner = owners[at]!
    lint.set(owner, [...(lint.get(owner) ?? []), ...findings.map((finding) => finding.text)])
    for (const finding of findings) finding.severity === 'error' ? errors++ : warnings++
  }
  const withLint = (planned: PlannedOp): PlannedOp => (lint.has(planned) ? { ...planned, lint: lint.get(planned)! } : planned)
  const steps = plan.steps.map((step): PlanStep => (step.kind === 'op' ? { ...step, planned: withLint(step.planned) } : { ...step, ops: step.ops.map(withLint) }))
  return { plan: { ...plan, steps }, findings: { errors, warnings } }
}

function tableOf(planned: PlannedOp): string {
  const op = planned.op
  if (op.kind === 'renameTable') return op.from
  return 'table' in op && typeof op.table === 'string' ? op.table : ''
}
