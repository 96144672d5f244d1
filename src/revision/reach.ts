/**
 * Reachability queries. All are iterative (a 5000-long chain must not blow the stack) and
 * linear in what they visit.
 */
import { nextMark, type GraphData } from './data.js'

/** Which edges a traversal follows: declared parents only, or parents and dependencies. */
export type Edges = 'parents' | 'all'

/**
 * `starts` and everything below them. With `'all'`, dependencies count as ancestors
 * (what must be applied before them).
 */
export function ancestorsOf(data: GraphData, starts: Iterable<number>, edges: Edges = 'all'): Uint8Array {
  const next = edges === 'all' ? data.down : data.parents
  return flood(data, starts, next)
}

/**
 * `starts` and everything above them. With `'all'`, dependents count as descendants
 * (what must be removed before them).
 */
export function descendantsOf(data: GraphData, starts: Iterable<number>, edges: Edges = 'all'): Uint8Array {
  const next = edges === 'all' ? data.up : data.children
  return flood(data, starts, next)
}

function flood(data: GraphData, starts: Iterable<number>, next: readonly (readonly number[])[]): Uint8Array {
  const seen = new Uint8Array(data.ids.length)
  const stack: number[] = []
  for (const s of starts) {
    if (!seen[s]) {
      seen[s] = 1
      stack.push(s)
    }
  }
  while (stack.length > 0) {
    const n = stack.pop()!
    for (const m of next[n]!) {
      if (!seen[m]) {
        seen[m] = 1
        stack.push(m)
      }
    }
  }
  return seen
}

/**
 * Whether `ancestor` is `node` or lies below it. Walks down from `node` but never below the
 * depth of `ancestor`, which keeps the usual query (two nearby revisions) short.
 */
export function isAncestorOrSelf(data: GraphData, ancestor: number, node: number, edges: Edges = 'all'): boolean {
  const next = edges === 'all' ? data.down : data.parents
  return reachesDown(next, data.depth, data.scratch.marks, nextMark(data), ancestor, node)
}

/**
 * The walk behind `isAncestorOrSelf`, on explicit arrays so the builder can use it before
 * the graph is complete. `gen` must be a fresh mark generation for `marks`.
 */
export function reachesDown(
  next: readonly (readonly number[])[],
  depth: readonly number[],
  marks: Uint32Array,
  gen: number,
  ancestor: number,
  node: number,
): boolean {
  if (ancestor === node) return true
  const floor = depth[ancestor]!
  if (depth[node]! <= floor) return false
  const stack = [node]
  marks[node] = gen
  while (stack.length > 0) {
    const n = stack.pop()!
    for (const m of next[n]!) {
      if (m === ancestor) return true
      if (marks[m] !== gen && depth[m]! > floor) {
        marks[m] = gen
        stack.push(m)
      }
    }
  }
  return false
}

/** Alembic's "shares lineage": one of the two is an ancestor of (or equal to) the other. */
export function sharesLineage(data: GraphData, a: number, b: number, edges: Edges = 'parents'): boolean {
  return isAncestorOrSelf(data, a, b, edges) || isAncestorOrSelf(data, b, a, edges)
}
