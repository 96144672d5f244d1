/**
 * Targets that depend on what the database is at: the version-table rows, `+N` counted
 * from the current head for upgrades, `-N` for downgrades.
 */
import { MigError } from '../errors.js'
import { idsOf, type GraphData } from './data.js'
import { ancestorsOf, descendantsOf, type Edges } from './reach.js'
import { resolveBranch, resolveNodes, resolveOneNode, resolveRelative } from './resolve.js'
import { BASE, onBranch, overshoot, parseRelative, walk, type Branch, type Relative } from './walk.js'

/**
 * Version-table rows as node numbers. A row naming no known revision stops every plan:
 * nothing sensible can be computed from it.
 */
export function rowNodes(data: GraphData, rows: readonly string[]): number[] {
  const out = new Set<number>()
  for (const id of rows) {
    const n = data.index.get(id)
    if (n === undefined) {
      throw new MigError(
        'UNKNOWN_REVISION',
        `Can't locate revision identified by '${id}'; the version table names a revision that is not in the migrations folder ('mig sync' downgrades it from the source mig kept; or restore its file, or reset the table with 'stamp --purge <revision>')`,
      )
    }
    out.add(n)
  }
  return [...out]
}

/** What `upgrade <target>` aims at, resolving the forms relative to the current heads. */
export function upgradeTargets(data: GraphData, rows: readonly number[], target: string): number[] {
  const rel = parseRelative(data, target)
  if (!rel) return resolveNodes(data, target)
  if (rel.symbol !== undefined) return resolveRelative(data, rel)
  if (rel.steps < 0) {
    throw new MigError(
      'BAD_RELATIVE',
      `Relative revision ${target} would go down; use 'downgrade ${target}' instead`,
    )
  }
  const start = upgradeStart(data, rows, rel)
  const n = walk(data, start, rel.steps, rel.branch !== undefined ? resolveBranch(data, rel.branch) : undefined)
  if (n === undefined) throw overshoot(rel)
  return n === BASE ? [] : [n]
}

/**
 * Where `+N` / `label@+N` counts from: the one current head (on the branch). When the
 * branch has no head in the table yet, Alembic counts from the highest applied revision on
 * it (typically the branch point), else from base.
 */
function upgradeStart(data: GraphData, rows: readonly number[], rel: Relative): number {
  let starts: readonly number[] = rows
  if (rel.branch !== undefined) {
    const branch = resolveBranch(data, rel.branch)
    starts = rows.filter((n) => onBranch(data, n, branch))
    if (starts.length === 0) starts = appliedTipsOnBranch(data, rows, branch)
  }
  if (starts.length > 1) {
    throw new MigError(
      'AMBIGUOUS_WALK',
      `Ambiguous upgrade from multiple current revisions (${idsOf(data, starts).join(', ')}); ${rel.branch === undefined ? `name the branch, e.g. '<branchname>@${rel.text}', or ` : ''}give an explicit revision`,
    )
  }
  return starts[0] ?? BASE
}

/**
 * Where `label@+N` counts from when no row is on the branch, as Alembic backtracks to it: the
 * tips of the applied revisions on the branch (below or above its revision), where one that
 * another of them names as a parent or a dependency is no tip.
 */
function appliedTipsOnBranch(data: GraphData, rows: readonly number[], branch: Branch): number[] {
  const members = ancestorsOf(data, rows)
  const below = ancestorsOf(data, [branch.node], 'parents')
  const above = descendantsOf(data, [branch.node], 'parents')
  for (let i = 0; i < members.length; i++) if (!below[i] && !above[i]) members[i] = 0
  return tipsOf(data, members, 'all')
}

/**
 * What the database is at, as Alembic's `get_all_current`: the tips of everything the rows
 * apply, dependencies included, where only an applied child makes a revision no tip. So a line
 * applied only as another row's dependency shows its tip. Rows come first, in their order;
 * other tips follow in the graph's canonical order.
 */
export function appliedTips(data: GraphData, rows: readonly number[]): number[] {
  const tips = new Set(tipsOf(data, ancestorsOf(data, rows), 'parents'))
  const first = rows.filter((n) => tips.has(n))
  return [...first, ...data.byRank.filter((n) => tips.has(n) && !first.includes(n))]
}

/**
 * The tips of a set of applied revisions (`members`): those no other member stands on along
 * `edges`, in node order. `appliedTips` and `appliedTipsOnBranch` differ only in the set and
 * the edges, as Alembic's two notions do (`_normalized_down_revisions` for the branch,
 * descendants for `get_all_current`).
 */
function tipsOf(data: GraphData, members: Uint8Array, edges: Edges): number[] {
  const next = edges === 'all' ? data.down : data.parents
  const covered = new Uint8Array(members.length)
  for (let i = 0; i < members.length; i++) if (members[i]) for (const d of next[i]!) covered[d] = 1
  const tips: number[] = []
  for (let i = 0; i < members.length; i++) if (members[i] && !covered[i]) tips.push(i)
  return tips
}

/**
 * A target resolved once, against the rows a run starts from (see `pinTarget`), so that the
 * plans made after every step neither parse the identifier again nor move a relative goal.
 */
export interface PinnedTarget {
  readonly direction: 'upgrade' | 'downgrade'
  /** The target as an identifier that plans the same steps (`c`, `c1branch@c1`, `head`), for messages. */
  readonly text: string
  /** Node numbers in the graph it was pinned on: upgrade, the revisions to reach; downgrade, the one to end at (none for base). */
  readonly nodes: readonly number[]
  /** Downgrade: the branch it is restricted to. */
  readonly branch?: Branch | undefined
}

export interface DowngradeTarget {
  /** The revision to end at, or `BASE`. */
  readonly node: number
  /** The branch the downgrade is restricted to, if any. */
  readonly branch: Branch | undefined
}

/** Resolves a downgrade target, including the forms relative to the current heads. */
export function downgradeTarget(data: GraphData, rows: readonly number[], target: string): DowngradeTarget {
  const rel = parseRelative(data, target)
  if (rel) return relativeTarget(data, rows, rel)
  const at = target.indexOf('@')
  const branch = at >= 0 ? resolveBranch(data, target.slice(0, at)) : undefined
  const rest = target.slice(at + 1)
  if (branch && rest === 'base') return { node: BASE, branch }
  // As in Alembic, the revision after `label@` need not be on the branch: the label only
  // chooses, at a fork above it, which side is taken down.
  const plain = branch && rest !== 'head' && rest !== 'heads'
  return { node: resolveOneNode(data, plain ? rest : target), branch }
}

function relativeTarget(data: GraphData, rows: readonly number[], rel: Relative): DowngradeTarget {
  const branch = rel.branch !== undefined ? resolveBranch(data, rel.branch) : undefined
  if (rel.steps > 0) {
    if (rel.symbol === undefined) {
      throw new MigError('BAD_RELATIVE', `Relative revision ${rel.text} would go up; use 'upgrade ${rel.text}' instead`)
    }
    const n = walk(data, resolveOneNode(data, rel.symbol), rel.steps, branch)
    if (n === undefined) throw overshoot(rel)
    return { node: n, branch }
  }
  if (rel.symbol !== undefined) {
    const start = resolveOneNode(data, branch ? `${branch.name}@${rel.symbol}` : rel.symbol)
    return { ...walkDown(data, start, rel), branch }
  }
  const start = branch ? currentOnBranch(data, rows, branch, rel) : onlyCurrent(data, rows, rel)
  // Restrict to the branch of the head we counted from, so a branch point below it does
  // not take the sibling branches down too.
  return { ...walkDown(data, start, rel), branch: branch ?? { name: data.ids[start]!, node: start, isLabel: false } }
}

/**
 * Walks down for a downgrade. As in Alembic, a merge point on the way — even the revision the
 * walk starts from — makes the walk ambiguous: name the revision to go back to instead.
 */
function walkDown(data: GraphData, start: number, rel: Relative): { node: number } {
  const node = walk(data, start, rel.steps)
  if (node === undefined) throw overshoot(rel)
  return { node }
}

function onlyCurrent(data: GraphData, rows: readonly number[], rel: Relative): number {
  if (rows.length === 0) throw overshoot(rel)
  if (rows.length > 1) {
    const ids = idsOf(data, rows)
    throw new MigError(
      'MULTIPLE_HEADS',
      `Several revisions are current (${ids.join(', ')}), so '${rel.text}' is ambiguous; name the branch to step back on: '<branchname>@${rel.text}', where <branchname> is a branch label or one of the current revisions (e.g. '${ids[0]}@${rel.text}')`,
    )
  }
  return rows[0]!
}

/**
 * The current revision `label@-N` counts from: the head on that branch, or — when the
 * branch only lives on as a dependency of another row — the applied branch tip.
 */
function currentOnBranch(data: GraphData, rows: readonly number[], branch: Branch, rel: Relative): number {
  let on = rows.filter((n) => onBranch(data, n, branch))
  if (on.length === 0) on = appliedTips(data, rows).filter((n) => onBranch(data, n, branch))
  if (on.length === 0) throw overshoot(rel)
  if (on.length > 1) {
    throw new MigError(
      'AMBIGUOUS_WALK',
      `Branch '${branch.name}' has several current revisions (${idsOf(data, on).join(', ')}); give an explicit revision`,
    )
  }
  return on[0]!
}
