import type { GraphData } from './data.js'
import { ancestorsOf } from './reach.js'

/**
 * The order Alembic lists revisions in (`history`, newest first), reproduced: start from the
 * heads in load order, follow one line down as long as no other pending head still needs the
 * revision at hand, and at a merge or a dependency continue with its first down revision,
 * queueing the others. Where Alembic falls back on its load order (its directory listing),
 * mig uses its canonical order, so the result depends only on the repository's contents.
 *
 * @example
 * historyOrder(data, shown, data.heads) // node numbers, newest first
 */
export function historyOrder(data: GraphData, members: Uint8Array, heads: readonly number[]): number[] {
  const loadRank = loadOrder(data)
  const todo = new Set<number>()
  for (let i = 0; i < members.length; i++) if (members[i]) todo.add(i)
  const pending = [...new Set(heads)].filter((h) => todo.has(h)).sort((a, b) => loadRank[a]! - loadRank[b]!)
  const needs = pending.map((h) => ancestorsOf(data, [h]))
  const out: number[] = []
  let at = 0
  while (pending.length > 0) {
    const candidate = pending[at]!
    // Another pending head still needs this revision: that line goes first.
    const other = needs.findIndex((marks, i) => i !== at && marks[candidate] === 1)
    if (other >= 0) {
      at = other
      continue
    }
    if (todo.delete(candidate)) out.push(candidate)
    const next = data.down[candidate]!.filter((d) => todo.has(d) && !pending.includes(d))
    if (next.length === 0) {
      pending.splice(at, 1)
      needs.splice(at, 1)
      at = Math.max(at - 1, 0)
    } else if (data.normDeps[candidate]!.length === 0 && data.parents[candidate]!.length === 1) {
      pending[at] = next[0]!
      needs[at]![candidate] = 0
    } else {
      pending[at] = next[0]!
      needs[at] = ancestorsOf(data, [next[0]!])
      for (const n of next.slice(1)) {
        pending.push(n)
        needs.push(ancestorsOf(data, [n]))
      }
    }
  }
  // Members no head reaches (a range cut below them) keep their canonical place.
  for (const n of [...todo].sort((a, b) => data.rank[b]! - data.rank[a]!)) out.push(n)
  return out
}

/**
 * Where Alembic's load order would matter (which of several heads comes first, which queued
 * line is taken up next), mig uses its canonical order, newest first: Alembic's own depends on
 * the directory listing, and the canonical one reproduces the recorded transcripts.
 */
function loadOrder(data: GraphData): number[] {
  return data.rank.map((rank) => data.ids.length - 1 - rank)
}
