import { MigError } from '../errors.js'
import { prefixMatches, type GraphData } from './data.js'
import { RevisionGraph } from './graph.js'
import { effectiveLabels } from './labels.js'
import { canonicalOrder, depthsOrCycle, reverse } from './order.js'
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
  const declared = headers.map((h, i) => resolveDeps(h, i, ids, index, labelOwner))
  const deps = declared.map((ds, i) => ds.filter((d) => !parents[i]!.includes(d)))

  const parentCheck = depthsOrCycle(parents)
  if ('cycle' in parentCheck) throw cycleError('Cycle', parentCheck.cycle, ids)
  const allDown = parents.map((ps, i) => [...ps, ...deps[i]!])
  const allCheck = depthsOrCycle(allDown)
  if ('cycle' in allCheck) throw cycleError('Dependency cycle', allCheck.cycle, ids)
  const depth = allCheck.depth

  const scratch = { marks: new Uint32Array(ids.length), generation: 0 }
  const normDeps = deps.map((ds, i) => normalizeDeps(i, ds, parents, declared, scratch))
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
  const labels = effectiveLabels({ own, parents, children, namedBy, byRank })

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

/** `dependsOn` entries may be full ids, branch labels or unique id prefixes; each is resolved once. */
function resolveDeps(
  h: RevisionHeader,
  self: number,
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
    if (!out.includes(n)) out.push(n)
  }
  return out
}

/**
 * Alembic's normalized dependencies: a revision's own dependencies minus those that one of its
 * ancestors (through parents only) already declares. A dependency that is merely an ancestor
 * stays: it is an edge of its own for the version table (a downgrade puts its row back) and for
 * the order of `history`.
 */
function normalizeDeps(
  self: number,
  deps: readonly number[],
  parents: readonly (readonly number[])[],
  declared: readonly (readonly number[])[],
  scratch: { marks: Uint32Array; generation: number },
): number[] {
  if (deps.length === 0) return []
  const inherited = new Set<number>()
  scratch.generation += 1
  const generation = scratch.generation
  const stack = [...parents[self]!]
  while (stack.length > 0) {
    const n = stack.pop()!
    if (scratch.marks[n] === generation) continue
    scratch.marks[n] = generation
    for (const d of declared[n]!) inherited.add(d)
    stack.push(...parents[n]!)
  }
  return deps.filter((d) => !inherited.has(d))
}

function cycleError(kind: string, nodes: readonly number[], ids: readonly string[]): MigError {
  return new MigError('CYCLE', `${kind} is detected in revisions (${nodes.map((n) => ids[n]).join(', ')})`)
}
