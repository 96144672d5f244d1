import { MigError } from '../errors.js'
import { graphData, idsOf, type GraphData } from './data.js'
import type { RevisionGraph } from './graph.js'
import { historyOrder } from './history-order.js'
import { ancestorsOf, descendantsOf, isAncestorOrSelf } from './reach.js'
import { downgradeTarget, rowNodes } from './targets.js'
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
export function planDowngrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const data = graphData(graph)
  const rows = rowNodes(data, currentHeads)
  const { node, branch } = downgradeTarget(data, rows, target)
  const applied = ancestorsOf(data, rows)
  // Alembic also fails when the target is applied but nothing on that branch is above it;
  // mig calls that "nothing to do", which is also what a re-plan after the last step sees.
  const reached = node === BASE || applied[node]
  if (!reached) throw notBelow(target)
  const drop = descendantsOf(data, downgradeRoots(data, node, branch, target))
  for (let i = 0; i < drop.length; i++) if (!applied[i]) drop[i] = 0
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
 * The lowest revisions to remove: the target's children, or the bases for `base`. A branch
 * narrows them to the ones on it. For `label@base` those are the first revisions carrying
 * the label — so a branch spliced off a shared line goes, and the shared line stays (Alembic
 * would take every base the label reaches, i.e. the whole line).
 */
function downgradeRoots(data: GraphData, node: number, branch: Branch | undefined, target: string): number[] {
  if (node === BASE) {
    if (!branch) return [...data.bases]
    if (branch.isLabel) {
      const roots: number[] = []
      for (let i = 0; i < data.ids.length; i++) {
        if (data.labels[i]!.includes(branch.name) && !data.parents[i]!.some((p) => data.labels[p]!.includes(branch.name))) {
          roots.push(i)
        }
      }
      return roots
    }
    return data.bases.filter((b) => isAncestorOrSelf(data, b, branch.node, 'parents'))
  }
  const children = data.children[node]!
  if (!branch || children.length <= 1) return [...children]
  const kept = children.filter(
    (c) => (branch.isLabel && data.labels[c]!.includes(branch.name)) || isAncestorOrSelf(data, c, branch.node, 'parents'),
  )
  if (kept.length === 0) throw notBelow(target)
  return kept
}

function notBelow(target: string): MigError {
  return new MigError(
    'BAD_DOWNGRADE_TARGET',
    `Destination ${target} is not a valid downgrade target from current head(s)`,
  )
}
