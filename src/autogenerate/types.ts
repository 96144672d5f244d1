/**
 * What autogenerate plans: the operations of the operations API (one vocabulary for the
 * runtime, autogenerate and the renderer), with the comments the revision file shows above
 * them, grouped into single operations and per-table batches.
 */
import type { Operation } from '../operations/operation.js'
import type { NormalizedTable } from '../operations/table-model.js'

/** An operation with the `// mig: ...` comment lines rendered above it. */
export interface PlannedOp {
  readonly op: Operation
  /** Comment lines for the upgrade (warnings such as destructive drops or possible renames). */
  readonly notes: readonly string[]
  /** What `mig lint` says of the operation (`MIG104 (error): ...`), rendered as `// mig-lint ...` comments. */
  readonly lint?: readonly string[]
}

/**
 * What the revision does, in order: single operations (new and dropped tables) and batches
 * (every change to one existing table, with the table before and after them).
 */
export type PlanStep =
  | { readonly kind: 'op'; readonly planned: PlannedOp }
  | {
      readonly kind: 'batch'
      readonly table: string
      readonly ops: readonly PlannedOp[]
      readonly before: NormalizedTable
      readonly after: NormalizedTable
    }
