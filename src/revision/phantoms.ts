/**
 * Phantoms: revisions the database has applied whose files the migrations folder no longer has
 * (a `git switch`, a stash, a deleted file). What is known of them comes from the sources mig
 * stored when it applied them.
 */
import { MigError } from '../errors.js'
import { graphData, type RevisionGraph } from './graph.js'
import { ancestorsOf } from './reach.js'
import type { RevisionHeader, Step, VersionRowChange } from './types.js'
import { applyVersionChanges } from './version-rows.js'

/** An applied revision the graph does not have. */
export interface Phantom {
  readonly id: string
  /** Read from its stored source; undefined when none was stored (it cannot be downgraded). */
  readonly header: RevisionHeader | undefined
  /** Whether a version-table row names it (else it lies below one). */
  readonly row: boolean
}

/**
 * The phantoms of a database at `rows`: the rows the graph does not know and, following the
 * parents their stored sources declare, the unknown revisions below them. Empty when every row
 * is in the graph.
 *
 * @example findPhantoms(graph, ['a2'], new Map([['a2', a2Header], ['a1', a1Header]])).map((p) => p.id) // ['a2', 'a1']
 */
export function findPhantoms(graph: RevisionGraph, rows: readonly string[], stored: ReadonlyMap<string, RevisionHeader>): Phantom[] {
  const known = graphData(graph).index
  const found: Phantom[] = []
  const seen = new Set<string>()
  const queue = rows.filter((id) => !known.has(id)).map((id) => ({ id, row: true }))
  while (queue.length > 0) {
    const { id, row } = queue.shift()!
    if (seen.has(id)) continue
    seen.add(id)
    const header = stored.get(id)
    found.push({ id, header, row })
    for (const parent of header?.downRevisions ?? []) if (!known.has(parent)) queue.push({ id: parent, row: false })
  }
  return found
}

/**
 * The downgrade steps that remove every phantom, newest first by `appliedAt`, each run from the
 * phantom's stored source: a phantom is removed once it is a row (nothing applied above it), and
 * its parents take its place in the version table unless another row already implies them.
 * Every phantom needs a header (`findPhantoms` with a stored source).
 *
 * @example planPhantomRemoval(graph, ['a2'], phantoms, (id) => appliedAt.get(id)!).map((s) => s.revision.id) // ['a2', 'a1']
 */
export function planPhantomRemoval(graph: RevisionGraph, rows: readonly string[], phantoms: readonly Phantom[], appliedAt: (id: string) => string): Step[] {
  const headers = new Map<string, RevisionHeader>()
  for (const phantom of phantoms) {
    if (!phantom.header) throw new MigError('PHANTOM_WITHOUT_SOURCE', `Phantom revision ${phantom.id} has no stored source to downgrade it from`, { revision: phantom.id })
    headers.set(phantom.id, phantom.header)
  }
  const implies = impliedBy(graph, headers)
  const steps: Step[] = []
  let current = [...rows]
  for (;;) {
    const removable = current.filter((id) => headers.has(id))
    if (removable.length === 0) return steps
    const id = removable.reduce((newest, other) => (appliedAt(other) > appliedAt(newest) ? other : newest))
    const header = headers.get(id)!
    const others = current.filter((row) => row !== id)
    const parents = header.downRevisions.filter((parent) => !others.some((row) => implies(row, parent)))
    const [first, ...rest] = parents
    const versionChanges: VersionRowChange[] =
      first === undefined ? [{ kind: 'delete', id }] : [{ kind: 'update', from: id, to: first }, ...rest.map((parent) => ({ kind: 'insert' as const, id: parent }))]
    steps.push({ direction: 'down', revision: header, fromIds: [id], toIds: [...header.downRevisions], versionChanges })
    current = applyVersionChanges(current, versionChanges)
  }
}

/** Whether applying `row` implies `id` is applied (it is `row` or lies below it), across graph revisions and phantoms. */
function impliedBy(graph: RevisionGraph, phantoms: ReadonlyMap<string, RevisionHeader>): (row: string, id: string) => boolean {
  const data = graphData(graph)
  return (row, id) => {
    const stack = [row]
    const seen = new Set<string>()
    while (stack.length > 0) {
      const next = stack.pop()!
      if (next === id) return true
      if (seen.has(next)) continue
      seen.add(next)
      const header = phantoms.get(next)
      if (header) {
        stack.push(...header.downRevisions, ...header.dependsOn)
        continue
      }
      // A revision in the graph has only graph revisions below it.
      const node = data.index.get(next)
      const target = data.index.get(id)
      if (node !== undefined && target !== undefined && ancestorsOf(data, [node])[target]) return true
    }
    return false
  }
}
