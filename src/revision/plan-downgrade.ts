import { MigError } from '../errors.js'
import { idsOf, type GraphData } from './data.js'
import { graphData, type RevisionGraph } from './graph.js'
import { historyOrder } from './history-order.js'
import { ancestorsOf, descendantsOf, isAncestorOrSelf } from './reach.js'
import { downgradeTarget, rowNodes, type PinnedTarget } from './targets.js'
import type { Step } from './types.js'
import { RowTracker } from './version-rows.js'
import { BASE, type Branch } from './walk.js'

/**
 * Plans `downgrade <target>` from the revisions currently in the version table.
 *
 * Removes every applied revision above the target — and everything that depends on those —
 * children before parents, one branch at a time (the reverse of the canonical order). With
 * `label@<target>` only the branch carrying that label is taken down. `-N` counts from the
 * single current head; with several heads mig refuses and asks for `<branch>@-N` (Alembic
 * only warns and picks one). A target that is already applied but has nothing above it to
 * remove → `[]`; a target that is not applied at all is an error.
 *
 * @example
 * planDowngrade(graph, ['d1', 'd2'], 'a').map((s) => s.revision.id) // ['d2', 'c2', 'd1', 'c1', 'b']
 * planDowngrade(graph, ['d1', 'd2'], 'c1branch@-1')                  // drops d1 only
 */
export function planDowngrade(graph: RevisionGraph, currentHeads: readonly string[], pinnedOrText: string | PinnedTarget): Step[] {
  const data = graphData(graph)
  const rows = rowNodes(data, currentHeads)
  const target = typeof pinnedOrText === 'string' ? pinnedOrText : pinnedOrText.text
  const { node, branch } =
    typeof pinnedOrText === 'string' ? downgradeTarget(data, rows, pinnedOrText) : { node: pinnedOrText.nodes[0] ?? BASE, branch: pinnedOrText.branch }
  // Alembic also fails when the target is applied but nothing on that branch is above it;
  // mig calls that "nothing to do", which is also what a re-plan after the last step sees.
  const drop = removedAbove(data, rows, node, branch)
  if (!drop) throw notBelow(target)
  const tracker = new RowTracker(data, rows)
  return historyOrder(data, drop, rows).map((n) => ({
    direction: 'down',
    revision: data.headers[n]!,
    fromIds: [data.ids[n]!],
    toIds: idsOf(data, data.parents[n]!),
    versionChanges: tracker.down(n),
  }))
}

/**
 * The lowest revisions to remove: the target's children, or the bases for `base`. As in
 * Alembic, a branch (a label, or the revision a `-N` counted from) narrows several of them to
 * the ones below the branch's revision: `side@base` removes everything above the bases the
 * labelled revision stands on, shared revisions included, and `side@-1` from a revision
 * below the labelled one steps that revision back.
 */
function downgradeRoots(data: GraphData, node: number, branch: Branch | undefined): number[] {
  const roots = node === BASE ? data.bases : data.children[node]!
  if (!branch || roots.length <= 1) return [...roots]
  const kept = roots.filter((c) => isAncestorOrSelf(data, c, branch.node, 'parents'))
  if (kept.length === 0) {
    const where = node === BASE ? 'none of the bases' : `none of the revisions above ${data.ids[node]} (${idsOf(data, roots).join(', ')})`
    throw new MigError(
      'BAD_DOWNGRADE_TARGET',
      `Not a valid downgrade target from current heads: ${where} lies below ${branch.isLabel ? `branch '${branch.name}' (${data.ids[branch.node]})` : data.ids[branch.node]}; give the revision to go back to`,
    )
  }
  return kept
}

/**
 * The applied revisions a downgrade to `node` removes, or `undefined` when `node` is not
 * applied (nothing to go back to).
 */
function removedAbove(data: GraphData, rows: readonly number[], node: number, branch: Branch | undefined): Uint8Array | undefined {
  const applied = ancestorsOf(data, rows)
  if (node !== BASE && !applied[node]) return undefined
  const drop = descendantsOf(data, downgradeRoots(data, node, branch))
  for (let i = 0; i < drop.length; i++) if (!applied[i]) drop[i] = 0
  return drop
}

/**
 * Alembic's check of a downgrade against the rows the run starts from: a destination that is
 * not a current row needs something applied above it to remove, so a revision reached only
 * through a dependency is refused (named as the user typed it). `pinTarget` runs it once per
 * run, on the graph data and rows it already has; re-plans after a step end on `[]` instead, as
 * their target may be applied and implied by another row.
 */
export function assertDowngradeTarget(data: GraphData, rows: readonly number[], pinned: PinnedTarget, typed: string): void {
  const node = pinned.nodes[0]
  if (node === undefined || rows.includes(node)) return
  if (!removedAbove(data, rows, node, pinned.branch)?.includes(1)) throw notBelow(typed)
}

function notBelow(target: string): MigError {
  return new MigError(
    'BAD_DOWNGRADE_TARGET',
    `Destination ${target} is not a valid downgrade target from current head(s)`,
  )
}
