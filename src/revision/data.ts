import type { RevisionHeader } from './types.js'

/**
 * The indexed form of a revision graph, shared by the modules of `src/revision` only.
 *
 * Revisions are numbered by their position in `ids`, which is sorted, so that every
 * algorithm here can work on small integer arrays instead of string maps — that is what
 * keeps thousands of revisions cheap. `-1` stands for "base" (below every base revision).
 */
export interface GraphData {
  /** Revision ids, sorted by code unit; the index of an id is its node number. */
  readonly ids: readonly string[]
  readonly headers: readonly RevisionHeader[]
  readonly index: ReadonlyMap<string, number>
  /** Branch label → the revision that declares it. */
  readonly labelOwner: ReadonlyMap<string, number>
  /** Declared parents (`downRevisions`), in file order. */
  readonly parents: readonly (readonly number[])[]
  /** Resolved `dependsOn`, without entries that are also parents. */
  readonly deps: readonly (readonly number[])[]
  /** `deps` without those already implied by another parent or dependency. */
  readonly normDeps: readonly (readonly number[])[]
  /** Parents followed by `normDeps`: the edges that order migrations. */
  readonly down: readonly (readonly number[])[]
  /** Reverse of `down`: children and dependents. */
  readonly up: readonly (readonly number[])[]
  /** Reverse of `parents` only, sorted by rank. */
  readonly children: readonly (readonly number[])[]
  /** How many revisions name this one as a parent or in `dependsOn`. */
  readonly namedBy: readonly number[]
  /** Longest distance from a base; every ancestor has a strictly smaller depth. */
  readonly depth: readonly number[]
  /** Position in the canonical upgrade order (see order.ts). */
  readonly rank: readonly number[]
  /** Node numbers sorted by rank. */
  readonly byRank: readonly number[]
  /** Revisions no one names as a parent, newest first (history order). */
  readonly heads: readonly number[]
  /** Revisions no one names at all, newest first. */
  readonly realHeads: readonly number[]
  /** Revisions without parents, oldest first. */
  readonly bases: readonly number[]
  /** Effective branch labels (own + inherited), sorted. */
  readonly labels: readonly (readonly string[])[]
  /** Scratch marks for traversals; see `nextMark`. */
  readonly scratch: { marks: Uint32Array; generation: number }
}

/**
 * Starts a new traversal: returns a generation number such that `scratch.marks[i] === gen`
 * means "visited in this traversal". Avoids allocating a visited set per query.
 */
export function nextMark(data: GraphData): number {
  const s = data.scratch
  s.generation += 1
  if (s.generation >= 0xffffffff) {
    s.marks.fill(0)
    s.generation = 1
  }
  return s.generation
}

/** Ids of node numbers, for messages and results. */
export function idsOf(data: GraphData, nodes: Iterable<number>): string[] {
  const out: string[] = []
  for (const n of nodes) out.push(data.ids[n]!)
  return out
}

/** Node numbers whose id starts with `prefix` (ids are sorted, so they are contiguous). */
export function prefixMatches(ids: readonly string[], prefix: string): number[] {
  if (prefix === '') return []
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ids[mid]! < prefix) lo = mid + 1
    else hi = mid
  }
  const out: number[] = []
  for (let i = lo; i < ids.length && ids[i]!.startsWith(prefix); i++) out.push(i)
  return out
}
