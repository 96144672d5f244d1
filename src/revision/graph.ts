import { MigError } from '../errors.js'
import { idsOf, type GraphData } from './data.js'
import { isAncestorOrSelf } from './reach.js'
import type { RevisionHeader } from './types.js'

/**
 * A validated, indexed set of revisions (build one with `buildGraph`). Immutable; every
 * query is answered from precomputed arrays, so it is cheap to ask repeatedly.
 *
 * Orders: `revisions` lists oldest first in mig's canonical order (the order `upgrade`
 * applies them in); `heads` lists them as `history` shows them, newest first.
 *
 * @example
 * graph.heads                 // ['side0001', '50c4c4f14618']
 * graph.labelsOf('merge001')  // ['sidelabel']
 * graph.isBranchPoint('cf02980d4903') // true
 */
let dataOf: (graph: RevisionGraph) => GraphData

export class RevisionGraph {
  readonly #data: GraphData
  static {
    dataOf = (graph) => graph.#data
  }
  readonly #heads: readonly string[]
  readonly #realHeads: readonly string[]
  readonly #bases: readonly string[]

  /** @internal Use `buildGraph`. */
  constructor(data: GraphData) {
    this.#data = data
    this.#heads = idsOf(data, data.heads)
    this.#realHeads = idsOf(data, data.realHeads)
    this.#bases = idsOf(data, data.bases)
  }

  /** Number of revisions. */
  get size(): number {
    return this.#data.ids.length
  }

  /** Every revision, oldest first, in the order an upgrade from base applies them. */
  get revisions(): readonly RevisionHeader[] {
    return this.#data.byRank.map((n) => this.#data.headers[n]!)
  }

  /**
   * Revisions no other revision names as a parent, newest first. Includes effective heads
   * (named only in someone's `dependsOn`); this is what the `heads` command lists and what
   * `head` must be unique among.
   */
  get heads(): readonly string[] {
    return this.#heads
  }

  /** Revisions nothing names, as parent or dependency: what the identifier `heads` means. */
  get realHeads(): readonly string[] {
    return this.#realHeads
  }

  /** Heads that are named in some other revision's `dependsOn`. */
  get effectiveHeads(): readonly string[] {
    return this.#heads.filter((id) => this.isEffectiveHead(id))
  }

  /** Revisions without parents (they may still have dependencies). */
  get bases(): readonly string[] {
    return this.#bases
  }

  has(id: string): boolean {
    return this.#data.index.has(id)
  }

  /** The header of a revision by its full id, or `undefined`. */
  get(id: string): RevisionHeader | undefined {
    const n = this.#data.index.get(id)
    return n === undefined ? undefined : this.#data.headers[n]
  }

  /** Like `get`, but an unknown id is a `MigError` (`UNKNOWN_REVISION`, "Can't locate revision ..."). */
  require(id: string): RevisionHeader {
    return this.#data.headers[nodeOf(this.#data, id)]!
  }

  /** Every revision id, newest first, in `history` order. */
  newestFirst(): string[] {
    return idsOf(this.#data, [...this.#data.byRank].reverse())
  }

  /**
   * Whether `ancestor` lies strictly below `descendant`, counting dependencies (what must be
   * applied first).
   */
  isAncestor(ancestor: string, descendant: string): boolean {
    const a = nodeOf(this.#data, ancestor)
    const d = nodeOf(this.#data, descendant)
    return a !== d && isAncestorOrSelf(this.#data, a, d, 'all')
  }

  /** Whether a branch label is declared by some revision. */
  isLabel(name: string): boolean {
    return this.#data.labelOwner.has(name)
  }

  /** Not named as a parent by any revision (`(head)` or `(effective head)`). */
  isHead(id: string): boolean {
    return this.#data.children[nodeOf(this.#data, id)]!.length === 0
  }

  /** Not named by any revision at all: printed as `(head)`. */
  isRealHead(id: string): boolean {
    return this.#data.namedBy[nodeOf(this.#data, id)] === 0
  }

  /** A head that some revision names in `dependsOn`: printed as `(effective head)`. */
  isEffectiveHead(id: string): boolean {
    const n = nodeOf(this.#data, id)
    return this.#data.children[n]!.length === 0 && this.#data.namedBy[n]! > 0
  }

  isBase(id: string): boolean {
    return this.#data.parents[nodeOf(this.#data, id)]!.length === 0
  }

  /** More than one revision names it as a parent. */
  isBranchPoint(id: string): boolean {
    return this.#data.children[nodeOf(this.#data, id)]!.length > 1
  }

  /** It has more than one parent. */
  isMergePoint(id: string): boolean {
    return this.#data.parents[nodeOf(this.#data, id)]!.length > 1
  }

  /** Declared parents, in file order. */
  parentsOf(id: string): readonly string[] {
    return idsOf(this.#data, this.#data.parents[nodeOf(this.#data, id)]!)
  }

  /** Revisions naming it as a parent, oldest first (`Branches into:`). */
  children(id: string): readonly string[] {
    return idsOf(this.#data, this.#data.children[nodeOf(this.#data, id)]!)
  }

  /**
   * Resolved and normalized `dependsOn`: full ids, without entries that are parents or are
   * implied by another parent or dependency.
   */
  dependenciesOf(id: string): readonly string[] {
    return idsOf(this.#data, this.#data.normDeps[nodeOf(this.#data, id)]!)
  }

  /** `dependsOn` as the file writes it (ids, prefixes or labels): what `history` and `show` print, as Alembic does. */
  declaredDependenciesOf(id: string): readonly string[] {
    return this.#data.headers[nodeOf(this.#data, id)]!.dependsOn
  }

  /** Resolved `dependsOn` before normalization (entries that are parents dropped). */
  allDependenciesOf(id: string): readonly string[] {
    return idsOf(this.#data, this.#data.deps[nodeOf(this.#data, id)]!)
  }

  /** Revisions that list it (after normalization) in their `dependsOn`. */
  dependents(id: string): readonly string[] {
    const n = nodeOf(this.#data, id)
    return idsOf(this.#data, this.#data.up[n]!.filter((m) => this.#data.normDeps[m]!.includes(n)))
  }

  /** Effective branch labels: declared here, inherited from ancestors or carried down. */
  labelsOf(id: string): readonly string[] {
    return this.#data.labels[nodeOf(this.#data, id)]!
  }

  /** The revision that declares a branch label, or `undefined`. */
  labelOwner(label: string): string | undefined {
    const n = this.#data.labelOwner.get(label)
    return n === undefined ? undefined : this.#data.ids[n]
  }

  /** Every declared branch label, sorted. */
  get branchLabels(): readonly string[] {
    return [...this.#data.labelOwner.keys()].sort()
  }
}

/** Node number of a full id; unknown ids are the usual "can't locate" error. */
export function nodeOf(data: GraphData, id: string): number {
  const n = data.index.get(id)
  if (n === undefined) throw unknownRevision(id)
  return n
}

export function unknownRevision(id: string): MigError {
  return new MigError('UNKNOWN_REVISION', `Can't locate revision identified by '${id}'`)
}

/**
 * The indexed data behind a graph, for the functions of this folder (the planners and
 * resolvers take the public graph and work on its arrays).
 */
export function graphData(graph: RevisionGraph): GraphData {
  if (!(graph instanceof RevisionGraph)) throw new TypeError('not a RevisionGraph built by buildGraph')
  return dataOf(graph)
}
