import { MigError } from '../errors.js'
import { prefixMatches, type GraphData } from './data.js'
import { RevisionGraph } from './graph.js'
import { effectiveLabels } from './labels.js'
import { canonicalOrder, depthsOrCycle, reverse } from './order.js'
import { reachesDown } from './reach.js'
import type { RevisionHeader } from './types.js'

const ILLEGAL_ID = /[@+\-:\s]/
const RESERVED = new Set(['head', 'heads', 'base', 'current'])

/**
 * Validates revision headers and indexes them into a {@link RevisionGraph}.
 *
 * Fails with a `MigError` naming the files involved on: a duplicate id
 * (`DUPLICATE_REVISION`), a parent or dependency that does not exist (`MISSING_PARENT`), a
 * self-loop or cycle (`CYCLE`), a branch label claimed twice (`DUPLICATE_LABEL`). Linear in
 * the number of revisions apart from one sort.
 *
 * @example
 * const graph = buildGraph(await readRevisionHeaders(repo))
 * graph.heads // ['1fe10b17daf0']
 */
export function buildGraph(input: readonly RevisionHeader[]): RevisionGraph {
  const headers = [...input].sort((a, b) => compare(a.id, b.id))
  const ids = headers.map((h) => h.id)
  const index = new Map<string, number>()
  headers.forEach((h, i) => {
    checkId(h)
    const seen = index.get(h.id)
    if (seen !== undefined) {
      throw new MigError(
        'DUPLICATE_REVISION',
        `Revision ${h.id} is present more than once: ${headers[seen]!.path} and ${h.path}; delete or renumber one of them`,
      )
    }
    index.set(h.id, i)
  })

  const parents = headers.map((h) => resolveParents(h, index))
  const labelOwner = ownLabels(headers, index)
  const deps = headers.map((h, i) => resolveDeps(h, i, parents[i]!, ids, index, labelOwner))

  const parentCheck = depthsOrCycle(parents)
  if ('cycle' in parentCheck) throw cycleError('Cycle', parentCheck.cycle, ids)
  const allDown = parents.map((ps, i) => [...ps, ...deps[i]!])
  const allCheck = depthsOrCycle(allDown)
  if ('cycle' in allCheck) throw cycleError('Dependency cycle', allCheck.cycle, ids)
  const depth = allCheck.depth

  const scratch = { marks: new Uint32Array(ids.length), generation: 0 }
  const normDeps = deps.map((ds, i) => normalizeDeps(ds, allDown[i]!, allDown, depth, scratch))
  const down = parents.map((ps, i) => [...ps, ...normDeps[i]!])
  const up = reverse(down)
  const namedBy = reverse(allDown).map((l) => l.length)
  const roots: number[] = []
  for (let i = 0; i < ids.length; i++) if (namedBy[i] === 0) roots.push(i)
  const byRank = canonicalOrder(down, roots)
  const rank = new Array<number>(ids.length)
  byRank.forEach((n, r) => (rank[n] = r))
  const children = reverse(parents).map((cs) => cs.sort((a, b) => rank[a]! - rank[b]!))
  const own = headers.map((h) => [...new Set(h.branchLabels)])
  const labels = effectiveLabels({ own, parents, namedBy, byRank })

  const top = [...byRank].reverse()
  const data: GraphData = {
    ids, headers, index, labelOwner, parents, deps, normDeps, down, up, children, namedBy,
    depth, rank, byRank, labels, scratch,
    heads: top.filter((n) => children[n]!.length === 0),
    realHeads: top.filter((n) => namedBy[n] === 0),
    bases: byRank.filter((n) => parents[n]!.length === 0),
  }
  return new RevisionGraph(data)
}

/** Plain code-unit order: stable across locales, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function checkId(h: RevisionHeader): void {
  if (h.id === '' || ILLEGAL_ID.test(h.id) || RESERVED.has(h.id)) {
    throw new MigError(
      'BAD_REVISION_FILE',
      `Revision identifier '${h.id}' in ${h.path} is not valid: it must be non-empty, contain none of '@', '-', '+', ':' or spaces, and not be one of head, heads, base, current`,
    )
  }
}

function resolveParents(h: RevisionHeader, index: ReadonlyMap<string, number>): number[] {
  const out: number[] = []
  for (const p of h.downRevisions) {
    if (p === h.id) throw new MigError('CYCLE', `Self-loop is detected in revisions (${h.id})`)
    const n = index.get(p)
    if (n === undefined) {
      throw new MigError(
        'MISSING_PARENT',
        `Revision ${p} referenced from ${h.path} is not present; restore the file of ${p} or fix the downRevision of ${h.id}`,
      )
    }
    if (out.includes(n)) {
      throw new MigError('BAD_REVISION_FILE', `Revision ${h.id} in ${h.path} names parent ${p} twice`)
    }
    out.push(n)
  }
  return out
}

function ownLabels(headers: readonly RevisionHeader[], index: ReadonlyMap<string, number>): Map<string, number> {
  const owner = new Map<string, number>()
  headers.forEach((h, i) => {
    for (const label of h.branchLabels) {
      if (label === '' || label.includes('@') || label.includes(':') || RESERVED.has(label)) {
        throw new MigError(
          'BAD_REVISION_FILE',
          `Branch name '${label}' in ${h.path} is not valid: it must be non-empty, contain no '@' or ':', and not be one of head, heads, base, current`,
        )
      }
      const clash = owner.get(label) ?? index.get(label)
      if (clash !== undefined && clash !== i) {
        throw new MigError(
          'DUPLICATE_LABEL',
          `Branch name '${label}' in revision ${h.id} already used by revision ${headers[clash]!.id} (${headers[clash]!.path})`,
        )
      }
      owner.set(label, i)
    }
  })
  return owner
}

/**
 * `dependsOn` entries may be full ids, branch labels or unique id prefixes. Entries that
 * are also parents are dropped: they add nothing.
 */
function resolveDeps(
  h: RevisionHeader,
  self: number,
  parents: readonly number[],
  ids: readonly string[],
  index: ReadonlyMap<string, number>,
  labelOwner: ReadonlyMap<string, number>,
): number[] {
  const out: number[] = []
  for (const entry of h.dependsOn) {
    let n = index.get(entry) ?? labelOwner.get(entry)
    if (n === undefined) {
      const matches = prefixMatches(ids, entry)
      if (matches.length > 1) {
        throw new MigError(
          'AMBIGUOUS_REVISION',
          `dependsOn entry '${entry}' in ${h.path} matches several revisions (${matches.map((m) => ids[m]).join(', ')}); write more characters`,
        )
      }
      n = matches[0]
    }
    if (n === undefined) {
      throw new MigError(
        'MISSING_PARENT',
        `Revision ${entry} referenced from ${h.path} is not present; restore its file or fix the dependsOn of ${h.id}`,
      )
    }
    if (n === self) throw new MigError('CYCLE', `Dependency self-loop is detected in revisions (${h.id})`)
    if (!parents.includes(n) && !out.includes(n)) out.push(n)
  }
  return out
}

/**
 * Drops a dependency that is already implied — an ancestor of one of the revision's other
 * parents or dependencies — so that it neither shows up as an extra edge in plans nor
 * forces a merge in the version table.
 */
function normalizeDeps(
  deps: readonly number[],
  allDown: readonly number[],
  graphDown: readonly (readonly number[])[],
  depth: readonly number[],
  scratch: { marks: Uint32Array; generation: number },
): number[] {
  if (deps.length === 0) return []
  return deps.filter((d) => {
    for (const other of allDown) {
      if (other === d) continue
      scratch.generation += 1
      if (reachesDown(graphDown, depth, scratch.marks, scratch.generation, d, other)) return false
    }
    return true
  })
}

function cycleError(kind: string, nodes: readonly number[], ids: readonly string[]): MigError {
  return new MigError('CYCLE', `${kind} is detected in revisions (${nodes.map((n) => ids[n]).join(', ')})`)
}
