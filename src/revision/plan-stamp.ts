import { idsOf, nextMark, type GraphData } from './data.js'
import { graphData, type RevisionGraph } from './graph.js'
import { resolveBranch, resolveNodes } from './resolve.js'
import { rowNodes } from './targets.js'
import type { StampStep, VersionRowChange } from './types.js'

/** Options of {@link planStamp}. */
export interface StampOptions {
  /**
   * Plan from an empty table, ignoring `currentHeads` (which may then name revisions that
   * no longer exist). The runtime must empty the table before applying the steps.
   * Default `false`.
   */
  readonly purge?: boolean
}

/**
 * Plans `stamp <targets...>`: moves the version table to the targets without running any
 * migration.
 *
 * Each target replaces the rows on its line (rows that are its ancestors or descendants,
 * dependencies included): the last of them is updated, the others deleted; a target on a
 * line with no row is inserted; a target already in the table is skipped. `base` deletes
 * every row, `label@base` the rows on that branch. One step per target (one per row for
 * `base`), for the `Running stamp_revision <from> -> <to>` lines; as in Alembic, `<from>`
 * lists every row on the line of any target (none when the target's own line has no row),
 * not only the rows that step changes.
 *
 * @example
 * planStamp(graph, ['d1', 'c2'], ['b'])
 * // [{ fromIds: ['d1', 'c2'], toIds: ['b'],
 * //    versionChanges: [{ kind: 'delete', id: 'd1' }, { kind: 'update', from: 'c2', to: 'b' }] }]
 */
export function planStamp(
  graph: RevisionGraph,
  currentHeads: readonly string[],
  targets: readonly string[],
  options: StampOptions = {},
): StampStep[] {
  const data = graphData(graph)
  // Row → position; an updated row keeps its position, an inserted one goes last. Keeps
  // "which row is updated" deterministic without rescanning the rows for every target.
  const rows = new Map<number, number>()
  let next = 0
  for (const r of options.purge ? [] : rowNodes(data, currentHeads)) rows.set(r, next++)
  const inOrder = (nodes: Iterable<number>) => [...nodes].sort((a, b) => rows.get(a)! - rows.get(b)!)

  const wanted = (targets.length > 0 ? targets : ['base']).map((target) => ({ target, dests: resolveNodes(data, target) }))
  const startRows = new Map(rows)
  const shown = idsOf(data, inOrder(rowsNamedByTargets(data, wanted, startRows)))
  const steps: StampStep[] = []
  for (const { target, dests } of wanted) {
    if (dests.length === 0) {
      const at = target.indexOf('@')
      const branch = at >= 0 ? resolveBranch(data, target.slice(0, at)) : undefined
      for (const row of inOrder(branch ? rowsInLineage(data, branch.node, rows) : rows.keys())) {
        rows.delete(row)
        steps.push({ fromIds: [data.ids[row]!], toIds: [], versionChanges: [{ kind: 'delete', id: data.ids[row]! }] })
      }
      continue
    }
    for (const dest of dests) {
      if (rows.has(dest)) continue
      const related = inOrder(rowsInLineage(data, dest, rows))
      const id = data.ids[dest]!
      const last = related.at(-1)
      const changes: VersionRowChange[] = [
        ...related.slice(0, -1).map((r): VersionRowChange => ({ kind: 'delete', id: data.ids[r]! })),
        last === undefined ? { kind: 'insert', id } : { kind: 'update', from: data.ids[last]!, to: id },
      ]
      for (const r of related.slice(0, -1)) rows.delete(r)
      if (last === undefined) {
        rows.set(dest, next++)
      } else {
        rows.set(dest, rows.get(last)!)
        rows.delete(last)
      }
      // Alembic logs a target with no row on its line as a new branch: `-> <id>`.
      const fromIds = rowsInLineage(data, dest, startRows).length > 0 ? shown : []
      steps.push({ fromIds, toIds: [id], versionChanges: changes })
    }
  }
  return steps
}

/**
 * The rows a stamp starts from, as Alembic logs them: every row on the line of any target
 * (all rows for `base`, those on the branch for `label@base`). Alembic moves them all
 * together onto each target; mig's row changes are finer (see above), the log is Alembic's.
 */
function rowsNamedByTargets(
  data: GraphData,
  targets: ReadonlyArray<{ readonly target: string; readonly dests: readonly number[] }>,
  rows: ReadonlyMap<number, number>,
): Set<number> {
  const named = new Set<number>()
  for (const { target, dests } of targets) {
    const at = target.indexOf('@')
    const lines = dests.length > 0 ? dests : at >= 0 ? [resolveBranch(data, target.slice(0, at)).node] : undefined
    for (const row of lines ? lines.flatMap((n) => rowsInLineage(data, n, rows)) : rows.keys()) named.add(row)
  }
  return named
}

/** Rows that are ancestors or descendants of `node`, dependencies included. */
function rowsInLineage(data: GraphData, node: number, rows: ReadonlyMap<number, number>): number[] {
  const found: number[] = []
  if (rows.has(node)) found.push(node)
  for (const next of [data.down, data.up]) {
    const gen = nextMark(data)
    const marks = data.scratch.marks
    const stack = [node]
    marks[node] = gen
    while (stack.length > 0) {
      for (const m of next[stack.pop()!]!) {
        if (marks[m] === gen) continue
        marks[m] = gen
        if (rows.has(m)) found.push(m)
        stack.push(m)
      }
    }
  }
  return found
}
