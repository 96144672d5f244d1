import { MigError } from '../errors.js'
import { idsOf } from './data.js'
import { graphData, type RevisionGraph } from './graph.js'
import { ancestorsOf } from './reach.js'
import { assertDowngradeTarget } from './plan-downgrade.js'
import { multipleHeads, resolveNodes } from './resolve.js'
import { appliedTips, downgradeTarget, rowNodes, upgradeTargets, type PinnedTarget } from './targets.js'
import { BASE, parseRelative } from './walk.js'

/**
 * Resolves an identifier to the revisions it names (none for `base`).
 *
 * Accepts `head`, `heads`, `base`, a full id, a unique id prefix, a branch label,
 * `label@head`, `label@heads`, `label@base`, `<rev>@head`, `label@<rev>`, and relative forms:
 * `<rev>+N`, `<rev>-N`, `label@<rev>±N`, `base+N`, `head-N`, `-N` / `label@-N` (N below
 * each head). Given the database's `currentHeads`, also `current` and `+N` / `label@+N`
 * (counted up from the current head, as `upgrade` does).
 *
 * Errors (`MigError`): `UNKNOWN_REVISION` (`Can't locate revision identified by 'x'`),
 * `AMBIGUOUS_REVISION` (a prefix matching several ids, listed), `MULTIPLE_HEADS` (`head`
 * with several heads), `NOT_ON_BRANCH`, `BAD_RELATIVE`, `AMBIGUOUS_WALK`.
 *
 * @example
 * resolveRevisions(graph, 'heads')           // ['side0001', '50c4c4f14618']
 * resolveRevisions(graph, 'sidelabel@head')  // ['merge001']
 * resolveRevisions(graph, '1d')              // ['1ded3ec2110c']
 * resolveRevisions(graph, 'current', rows)   // rows, checked
 */
export function resolveRevisions(
  graph: RevisionGraph,
  identifier: string,
  currentHeads?: readonly string[],
): string[] {
  const data = graphData(graph)
  if (identifier === 'current' && !data.index.has(identifier)) {
    if (currentHeads === undefined) {
      throw new MigError('USAGE', "'current' means the revisions in the database; it cannot be used here")
    }
    return idsOf(data, rowNodes(data, currentHeads))
  }
  if (currentHeads !== undefined) {
    const rel = parseRelative(data, identifier)
    if (rel && rel.symbol === undefined && rel.steps > 0) {
      return idsOf(data, upgradeTargets(data, rowNodes(data, currentHeads), identifier))
    }
  }
  return idsOf(data, resolveNodes(data, identifier))
}

/**
 * Like {@link resolveRevisions} for an identifier that must name at most one revision;
 * `null` means base. Several is the multiple-heads error.
 *
 * @example
 * resolveRevision(graph, 'head') // '1fe10b17daf0'
 * resolveRevision(graph, 'base') // null
 */
export function resolveRevision(
  graph: RevisionGraph,
  identifier: string,
  currentHeads?: readonly string[],
): string | null {
  const ids = resolveRevisions(graph, identifier, currentHeads)
  if (ids.length > 1) {
    const data = graphData(graph)
    throw multipleHeads(data, identifier, ids.map((id) => data.index.get(id)!), undefined)
  }
  return ids[0] ?? null
}

/**
 * Resolves a target once against the current heads, for a runner that re-plans after every
 * step: a relative one (`+1`, `-1`, `label@-2`, `head-1`, ...) becomes the goal it reaches from
 * there, so the goal does not move, and no plan parses the identifier again. Downgrade targets
 * keep their branch restriction (`-1` from `c1` reads `c1@b`; from a merge `m`, `m-1`);
 * absolute ones keep their text. A downgrade destination with nothing applied above it is
 * refused here, once (see `assertDowngradeTarget`).
 *
 * @example
 * pinTarget(graph, 'upgrade', ['a'], '+2').text               // 'c'
 * pinTarget(graph, 'downgrade', ['d1', 'd2'], 'c1branch@-1').text // 'c1branch@c1'
 */
export function pinTarget(
  graph: RevisionGraph,
  direction: 'upgrade' | 'downgrade',
  currentHeads: readonly string[],
  target: string,
): PinnedTarget {
  const data = graphData(graph)
  const rows = rowNodes(data, currentHeads)
  const relative = parseRelative(data, target) !== undefined
  if (direction === 'upgrade') {
    const nodes = upgradeTargets(data, rows, target)
    return { direction, nodes, text: relative ? (nodes.length === 0 ? 'base' : data.ids[nodes[0]!]!) : target }
  }
  const { node, branch } = downgradeTarget(data, rows, target)
  const end = node === BASE ? 'base' : data.ids[node]!
  const pinned: PinnedTarget = { direction, nodes: node === BASE ? [] : [node], branch, text: relative ? (branch ? `${branch.name}@${end}` : end) : target }
  assertDowngradeTarget(data, rows, pinned, target)
  return pinned
}

/**
 * The revisions the database is at, as `current` shows them: each version-table row that is
 * a branch tip, then the tip of every line applied only as a dependency (Alembic's
 * `get_all_current`).
 *
 * @example
 * currentRevisions(graph, ['e5']) // ['e5', 'b2'] when e5 depends on b2 of another line
 */
export function currentRevisions(graph: RevisionGraph, rows: readonly string[]): string[] {
  const data = graphData(graph)
  return idsOf(data, appliedTips(data, rowNodes(data, rows)))
}

/**
 * Every revision applied at `rows`: the rows and everything below them, dependencies included,
 * oldest first.
 *
 * @example appliedRevisions(graph, ['b2']) // ['a1', 'b2']
 */
export function appliedRevisions(graph: RevisionGraph, rows: readonly string[]): string[] {
  const data = graphData(graph)
  const applied = ancestorsOf(data, rowNodes(data, rows))
  return idsOf(data, data.byRank.filter((n) => applied[n]))
}
