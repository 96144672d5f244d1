import { idsOf } from './data.js'
import { graphData, type RevisionGraph } from './graph.js'
import { historyOrder } from './history-order.js'
import { ancestorsOf } from './reach.js'
import { rowNodes, upgradeTargets, type PinnedTarget } from './targets.js'
import type { Step } from './types.js'
import { RowTracker } from './version-rows.js'

/**
 * Plans `upgrade <target>` from the revisions currently in the version table.
 *
 * Runs every revision the target needs (its ancestors and dependencies, even from another
 * base) that the current heads do not already imply, parents before children, one branch
 * at a time, in the order Alembic runs them (the reverse of `history`'s). Each step carries the version-table changes that
 * commit with it. Already up to date → `[]`.
 *
 * @example
 * planUpgrade(graph, [], 'head').map((s) => s.revision.id)        // ['cf02…', '1ded…', '1fe1…']
 * planUpgrade(graph, ['c1'], 'c2branch@+1')[0].versionChanges     // [{ kind: 'insert', id: 'c2' }]
 */
export function planUpgrade(graph: RevisionGraph, currentHeads: readonly string[], target: string | PinnedTarget): Step[] {
  const data = graphData(graph)
  const rows = rowNodes(data, currentHeads)
  const targets = typeof target === 'string' ? upgradeTargets(data, rows, target) : target.nodes
  const have = ancestorsOf(data, rows)
  const need = ancestorsOf(data, targets)
  for (let i = 0; i < need.length; i++) if (have[i]) need[i] = 0
  const rowsTracker = new RowTracker(data, rows)
  return historyOrder(data, need, targets).reverse().map((n) => ({
    direction: 'up',
    revision: data.headers[n]!,
    fromIds: idsOf(data, data.parents[n]!),
    toIds: [data.ids[n]!],
    versionChanges: rowsTracker.up(n),
  }))
}
