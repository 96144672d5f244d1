/**
 * Identifier resolution that needs no database state (see `resolveRevisions` in
 * identifiers.ts for the forms). Works on node numbers; `BASE` stands for base.
 */
import { MigError } from '../errors.js'
import { idsOf, prefixMatches, type GraphData } from './data.js'
import { BASE, onBranch, overshoot, parseRelative, walk, type Branch, type Relative } from './walk.js'

/** Node numbers named by an identifier; see `resolveRevisions`. */
export function resolveNodes(data: GraphData, ident: string): number[] {
  const exact = data.index.get(ident) ?? data.labelOwner.get(ident)
  if (exact !== undefined) return [exact]
  const relative = parseRelative(data, ident)
  if (relative) return resolveRelative(data, relative)
  const at = ident.indexOf('@')
  const branch = at >= 0 ? resolveBranch(data, ident.slice(0, at)) : undefined
  const rest = at >= 0 ? ident.slice(at + 1) : ident
  switch (rest) {
    case 'heads':
      return branch ? data.heads.filter((n) => onBranch(data, n, branch)) : [...data.realHeads]
    case 'head': {
      const heads = branch ? data.heads.filter((n) => onBranch(data, n, branch)) : data.heads
      if (heads.length > 1) throw multipleHeads(data, ident, heads, branch)
      return [...heads]
    }
    case 'base':
      return []
    default:
      return [lookup(data, rest, branch)]
  }
}

/** One node, or `BASE` for none. */
export function resolveOneNode(data: GraphData, ident: string): number {
  const nodes = resolveNodes(data, ident)
  if (nodes.length > 1) throw multipleHeads(data, ident, nodes, undefined)
  return nodes[0] ?? BASE
}

/** The branch named before an `@`: a label, else a revision (id or prefix). */
export function resolveBranch(data: GraphData, name: string): Branch {
  const owner = data.labelOwner.get(name)
  if (owner !== undefined) return { name, node: owner, isLabel: true }
  try {
    return { name, node: lookup(data, name, undefined), isLabel: false }
  } catch (error) {
    if (error instanceof MigError && error.code === 'UNKNOWN_REVISION') {
      throw new MigError('UNKNOWN_REVISION', `No such branch: '${name}' (neither a branch label nor a revision)`)
    }
    throw error
  }
}

/**
 * A full id, a branch label or a unique prefix. With a branch, prefix candidates are
 * narrowed to that branch first, and the result must be on it.
 */
function lookup(data: GraphData, text: string, branch: Branch | undefined): number {
  let n = data.index.get(text) ?? data.labelOwner.get(text)
  if (n === undefined) {
    // As in Alembic, a prefix is looked up among ids and branch labels alike.
    let matches = [
      ...prefixMatches(data.ids, text).map((m) => ({ name: data.ids[m]!, node: m })),
      ...[...data.labelOwner].filter(([label]) => text !== '' && label.startsWith(text)).map(([label, node]) => ({ name: label, node })),
    ]
    if (branch && matches.length > 1) matches = matches.filter((m) => onBranch(data, m.node, branch))
    if (matches.length === 0) {
      throw new MigError('UNKNOWN_REVISION', `Can't locate revision identified by '${text}'`)
    }
    if (matches.length > 1) {
      const shown = matches.slice(0, 10).map((m) => m.name).join(', ')
      throw new MigError(
        'AMBIGUOUS_REVISION',
        `Multiple revisions start with '${text}': ${shown}${matches.length > 10 ? ', ...' : ''}; use more characters`,
      )
    }
    n = matches[0]!.node
  }
  if (branch && !onBranch(data, n, branch)) {
    throw new MigError('NOT_ON_BRANCH', `Revision ${data.ids[n]} is not a member of branch '${branch.name}'`)
  }
  return n
}

/**
 * Relative forms that need no current revisions. Going up, the branch filters the
 * children at each fork; going down, `label@<rev>-N` starts from that revision on the branch.
 */
export function resolveRelative(data: GraphData, rel: Relative): number[] {
  const branch = rel.branch !== undefined ? resolveBranch(data, rel.branch) : undefined
  if (rel.symbol === undefined) {
    if (rel.steps > 0) {
      throw new MigError(
        'BAD_RELATIVE',
        `Relative revision ${rel.text} counts from the current revision; it can only be the target of upgrade`,
      )
    }
    // Below each head, as Alembic's `get_revisions('-N')`.
    const heads = branch ? data.heads.filter((n) => onBranch(data, n, branch)) : data.heads
    const out: number[] = []
    for (const head of heads) {
      const n = walk(data, head, rel.steps)
      if (n === undefined) throw overshoot(rel)
      if (n !== BASE && !out.includes(n)) out.push(n)
    }
    return out
  }
  const start =
    rel.steps > 0 || rel.branch === undefined
      ? resolveOneNode(data, rel.symbol)
      : resolveOneNode(data, `${rel.branch}@${rel.symbol}`)
  const n = walk(data, start, rel.steps, rel.steps > 0 ? branch : undefined)
  if (n === undefined) throw overshoot(rel)
  return n === BASE ? [] : [n]
}

export function multipleHeads(data: GraphData, ident: string, heads: readonly number[], branch: Branch | undefined): MigError {
  if (branch) {
    return new MigError(
      'MULTIPLE_HEADS',
      `Multiple head revisions are present for given argument '${ident}' (${idsOf(data, heads).join(', ')}); please specify a specific target revision, or '${branch.name}@heads' for all of them`,
    )
  }
  return new MigError(
    'MULTIPLE_HEADS',
    `Multiple head revisions are present for given argument '${ident}'; please specify a specific target revision, '<branchname>@${ident}' to narrow to a specific head, or 'heads' for all heads`,
  )
}
