/**
 * Effective branch labels, as Alembic computes them: a label belongs to the revision that
 * declares it and to every descendant (by parent links), so a merge carries the labels of
 * all the branches it merges. It is also carried down to the ancestors of the labelled
 * revision, one parent at a time, up to (not including) the first branch point or merge
 * point — so a label put on the second revision of a straight line names the whole line,
 * while the revision a spliced branch starts from keeps its own labels.
 *
 * Alembic starts that downward walk from the last descendant it visited, so a later merge
 * above the labelled revision silently stops it; mig walks from the labelled revision
 * itself, which is the rule Alembic documents.
 */
export function effectiveLabels(input: {
  readonly own: readonly (readonly string[])[]
  readonly parents: readonly (readonly number[])[]
  readonly children: readonly (readonly number[])[]
  /** Revisions naming the node as a parent or dependency (Alembic's "real" branch point). */
  readonly namedBy: readonly number[]
  /** Nodes in a topological order (parents first). */
  readonly byRank: readonly number[]
}): string[][] {
  const { own, parents, children, namedBy, byRank } = input
  const none: string[] = []
  const labels: string[][] = own.map(() => none)
  // Descendants: one pass in topological order. A node with a single parent and no labels
  // of its own shares its parent's array, so a long labelled chain costs no copies.
  for (const n of byRank) {
    const ps = parents[n]!
    const mine = own[n]!
    if (mine.length === 0 && ps.length === 1) {
      labels[n] = labels[ps[0]!]!
      continue
    }
    let merged: string[] = [...mine]
    for (const p of ps) merged = union(merged, labels[p]!)
    labels[n] = merged.length === 0 ? none : merged.sort()
  }
  const straight = (n: number) => namedBy[n]! <= 1 && parents[n]!.length <= 1
  // Ancestors: walk down from each labelled revision whose line above is straight, while the line does not fork.
  for (let r = 0; r < own.length; r++) {
    const mine = own[r]!
    if (mine.length === 0) continue
    let tip = r
    while (straight(tip) && children[tip]!.length === 1) tip = children[tip]![0]!
    if (!straight(tip)) continue
    // The line from r to its tip is straight (checked above), so only r's ancestors are left to check.
    let n = r
    while (parents[n]!.length === 1) {
      n = parents[n]![0]!
      if (!straight(n)) break
      // Copy before writing: the array may be shared with descendants on other lines.
      labels[n] = union([...labels[n]!], mine).sort()
    }
  }
  return labels
}

function union(into: string[], more: readonly string[]): string[] {
  for (const l of more) if (!into.includes(l)) into.push(l)
  return into
}
