import { MigError } from '../errors.js'
import type { GraphData } from './data.js'
import { graphData, type RevisionGraph } from './graph.js'
import { rowNodes } from './targets.js'
import { historyOrder } from './history-order.js'
import { ancestorsOf, descendantsOf } from './reach.js'
import { resolveBranch, resolveNodes } from './resolve.js'
import type { RevisionHeader, RevisionRange } from './types.js'
import { onBranch } from './walk.js'

/**
 * Splits `[start]:[end]` (`history -r`, `upgrade --sql A:B`). Either side may be empty.
 *
 * @example
 * parseRange('1ded:')   // { start: '1ded', end: undefined }
 * parseRange('1ded')    // MigError BAD_RANGE
 */
export function parseRange(text: string): RevisionRange {
  const parts = text.trim().split(':')
  if (parts.length < 2) {
    throw new MigError('BAD_RANGE', 'History range requires [start]:[end], [start]:, or :[end]')
  }
  if (parts.length > 2) {
    throw new MigError('BAD_RANGE', `Range '${text}' has more than one ':'; write [start]:[end]`)
  }
  return { start: parts[0]!.trim() || undefined, end: parts[1]!.trim() || undefined }
}

/** Alias of {@link parseRange}: its error message is the one `history -r` needs. */
export const parseHistoryRange = parseRange

/** Bounds of {@link walkHistory}: an identifier, or ids already resolved (e.g. the current heads). */
export interface HistoryBounds {
  /** Lowest revision(s) shown, inclusive. Default: base. */
  readonly start?: string | readonly string[] | undefined
  /** Highest revision(s) shown, inclusive. Default: `heads`. */
  readonly end?: string | readonly string[] | undefined
  /** The database's rows: what `current` means in `start` or `end`. */
  readonly currentHeads?: readonly string[] | undefined
}

/**
 * The revisions `history` lists, newest first: everything below `end` and at or above
 * `start`, in Alembic's order (see history-order.ts). `current`
 * stands for `bounds.currentHeads` (or pass those ids as the bound directly). A `start`
 * that is not below `end` is an error (`BAD_RANGE`), as in Alembic.
 *
 * @example
 * walkHistory(graph).map((r) => r.id)                       // ['1fe1…', '1ded…', 'cf02…']
 * walkHistory(graph, { start: '1ded' }).map((r) => r.id)    // ['1fe1…', '1ded…']
 * walkHistory(graph, { start: ['1fe10b17daf0'] })           // `history -r current:`
 */
export function walkHistory(graph: RevisionGraph, bounds: HistoryBounds = {}): RevisionHeader[] {
  const data = graphData(graph)
  const startNodes = bounds.start === undefined ? [] : nodesFor(data, bounds.start, bounds.currentHeads)
  let endNodes = bounds.end === undefined ? [...data.realHeads] : nodesFor(data, bounds.end, bounds.currentHeads)
  // `label@...:` as a start shows only that branch's line (Alembic's "named base").
  if (typeof bounds.start === 'string' && bounds.start.includes('@')) {
    const branch = resolveBranch(data, bounds.start.slice(0, bounds.start.indexOf('@')))
    endNodes = endNodes.filter((n) =>
      branch.isLabel ? data.labels[n]!.includes(branch.name) : onBranch(data, n, branch),
    )
  }
  const shown = ancestorsOf(data, endNodes)
  if (startNodes.length > 0) {
    for (const s of startNodes) {
      if (!shown[s]) {
        throw new MigError(
          'BAD_RANGE',
          `Requested range ${text(bounds.start)}:${text(bounds.end)} does not refer to ancestor/descendant revisions along the same branch`,
        )
      }
    }
    const below = ancestorsOf(data, startNodes)
    const above = descendantsOf(data, startNodes, 'parents')
    for (const s of startNodes) below[s] = 0
    for (let i = 0; i < shown.length; i++) if (below[i] || !above[i]) shown[i] = 0
  }
  const heads = bounds.end === undefined ? data.heads : endNodes
  return historyOrder(data, shown, heads).map((n) => data.headers[n]!)
}

function nodesFor(data: GraphData, bound: string | readonly string[], current: readonly string[] | undefined): number[] {
  if (typeof bound !== 'string') return rowNodes(data, bound)
  if (bound === 'current' && !data.index.has(bound)) {
    if (current === undefined) throw new MigError('USAGE', "History range uses 'current' but no current revisions were given")
    return rowNodes(data, current)
  }
  return resolveNodes(data, bound)
}

function text(bound: string | readonly string[] | undefined): string {
  if (bound === undefined) return ''
  return typeof bound === 'string' ? bound : bound.join(',')
}
