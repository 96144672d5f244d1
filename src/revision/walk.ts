import { MigError } from '../errors.js'
import type { GraphData } from './data.js'
import { sharesLineage } from './reach.js'

/** Node number standing for "base": below every base revision. */
export const BASE = -1

/**
 * A branch named in an identifier (`name@...`): a branch label, or a revision used as one
 * (Alembic allows `<rev>@head`, meaning "the head above that revision").
 */
export interface Branch {
  readonly name: string
  /** The revision declaring the label, or the revision itself. */
  readonly node: number
  readonly isLabel: boolean
}

/**
 * Whether a revision is on a branch in Alembic's sense: it is an ancestor or a descendant
 * (by parent links) of the branch's revision. So `c2branch@b` is fine when `b` lies below
 * the revision labelled `c2branch`.
 */
export function onBranch(data: GraphData, node: number, branch: Branch): boolean {
  return sharesLineage(data, node, branch.node, 'parents')
}

/** `[label@][symbol](+|-)N`, as written after `upgrade`, `downgrade` or in a range. */
export interface Relative {
  readonly text: string
  readonly branch: string | undefined
  readonly symbol: string | undefined
  readonly steps: number
}

const RELATIVE = /^(?:(.+?)@)?([^@+-]+)?([+-]\d+)$/

/**
 * Recognises a relative identifier. An exact revision id or branch label wins, so a label
 * such as `fix-2` keeps meaning the label.
 */
export function parseRelative(data: GraphData, text: string): Relative | undefined {
  if (data.index.has(text) || data.labelOwner.has(text)) return undefined
  const m = RELATIVE.exec(text)
  if (!m) return undefined
  const steps = Number.parseInt(m[3]!, 10)
  if (steps === 0) {
    throw new MigError('BAD_RELATIVE', `Relative revision ${text} does not move; use a non-zero number of steps`)
  }
  return { text, branch: m[1], symbol: m[2], steps }
}

/**
 * Moves `steps` revisions up (positive) or down (negative) from `start` (`BASE` for below
 * the bases). Going up follows children, restricted to `branch` when given; going down
 * follows declared parents. Returns `undefined` when the walk runs off the graph, and fails
 * with `Ambiguous walk` at a fork.
 */
export function walk(data: GraphData, start: number, steps: number, branch?: Branch): number | undefined {
  let at = start
  for (let i = 0; i < Math.abs(steps); i++) {
    let next: readonly number[]
    if (steps > 0) {
      next = at === BASE ? data.bases : data.children[at]!
      if (branch) next = next.filter((n) => onBranch(data, n, branch))
    } else if (at === BASE) {
      next = []
    } else {
      next = data.parents[at]!.length > 0 ? data.parents[at]! : [BASE]
    }
    if (next.length === 0) return undefined
    if (next.length > 1) throw ambiguousWalk(data, at, next, steps > 0)
    at = next[0]!
  }
  return at
}

function ambiguousWalk(data: GraphData, at: number, next: readonly number[], up: boolean): MigError {
  const names = next.map((n) => data.ids[n]).join(', ')
  const where =
    at === BASE
      ? `there are several bases (${names})`
      : up
        ? `${data.ids[at]} branches into ${names}`
        : `${data.ids[at]} merges ${names}`
  const hint = up
    ? "name the branch, e.g. '<branchname>@+1', or give an explicit revision"
    : 'give an explicit revision'
  return new MigError('AMBIGUOUS_WALK', `Ambiguous walk: ${where}; ${hint}`)
}

/** Alembic's overshoot message, kept word for word. */
export function overshoot(relative: Relative): MigError {
  return new MigError(
    'BAD_RELATIVE',
    `Relative revision ${relative.text} didn't produce ${Math.abs(relative.steps)} migrations`,
  )
}
