/**
 * Cycle detection, depths and the canonical order of a revision graph.
 *
 * The canonical order is the one order every plan and listing in mig is cut from: a
 * depth-first post-order started from the real heads in id order, descending into a
 * revision's dependencies before its parents and into a merge's parents last-to-first. It
 * is a topological order in which each branch comes out whole, and it reproduces what
 * Alembic printed for the recorded transcripts (Alembic's own order depends on directory
 * listing order; ours only on the files' contents). Plans and `history` follow Alembic's
 * walk (history-order.ts), which falls back on this order where Alembic uses its listing.
 */

/**
 * Kahn's algorithm over `down` edges. Returns the depth of every node (longest distance
 * from a node without downs), or the nodes stuck on or between cycles.
 */
export function depthsOrCycle(down: readonly (readonly number[])[]): { depth: number[] } | { cycle: number[] } {
  const n = down.length
  const up = reverse(down)
  const pending = down.map((d) => d.length)
  const depth = new Array<number>(n).fill(0)
  const queue: number[] = []
  for (let i = 0; i < n; i++) if (pending[i] === 0) queue.push(i)
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!
    for (const c of up[i]!) {
      if (depth[i]! + 1 > depth[c]!) depth[c] = depth[i]! + 1
      if (--pending[c]! === 0) queue.push(c)
    }
  }
  if (queue.length === n) return { depth }
  return { cycle: cycleCore(down, up, pending) }
}

/**
 * Kahn leaves behind the cycles and everything above them; peeling off, from the top,
 * nodes with nothing left above them keeps only the revisions that are part of a cycle
 * (or squeezed between two), which is what the error message should name.
 */
function cycleCore(
  down: readonly (readonly number[])[],
  up: readonly (readonly number[])[],
  pending: readonly number[],
): number[] {
  const n = down.length
  const left = new Uint8Array(n)
  for (let i = 0; i < n; i++) if (pending[i]! > 0) left[i] = 1
  const above = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++) if (left[i]) for (const c of up[i]!) if (left[c]) above[i]!++
  const queue: number[] = []
  for (let i = 0; i < n; i++) if (left[i] && above[i] === 0) queue.push(i)
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!
    left[i] = 0
    for (const d of down[i]!) if (left[d] && --above[d]! === 0) queue.push(d)
  }
  const core: number[] = []
  for (let i = 0; i < n; i++) if (left[i]) core.push(i)
  return core
}

/**
 * The canonical order (see the file comment). `roots` are the nodes nothing depends on,
 * in id order; iterative so that long chains do not exhaust the stack.
 */
export function canonicalOrder(down: readonly (readonly number[])[], roots: readonly number[]): number[] {
  const n = down.length
  const seen = new Uint8Array(n)
  const order: number[] = []
  const stack: number[] = []
  const cursor: number[] = []
  for (const root of roots) {
    if (seen[root]) continue
    seen[root] = 1
    stack.push(root)
    cursor.push(down[root]!.length - 1)
    while (stack.length > 0) {
      const top = stack.length - 1
      const node = stack[top]!
      const at = cursor[top]!
      if (at < 0) {
        order.push(node)
        stack.pop()
        cursor.pop()
        continue
      }
      cursor[top] = at - 1
      const next = down[node]![at]!
      if (!seen[next]) {
        seen[next] = 1
        stack.push(next)
        cursor.push(down[next]!.length - 1)
      }
    }
  }
  return order
}

/** Reverses adjacency lists: `result[j]` lists every `i` with `j` in `lists[i]`. */
export function reverse(lists: readonly (readonly number[])[]): number[][] {
  const out: number[][] = lists.map(() => [])
  for (let i = 0; i < lists.length; i++) for (const j of lists[i]!) out[j]!.push(i)
  return out
}
