import { planStamp, resolveRevisions, type RevisionGraph, type StampStep } from '../revision/index.js'

/**
 * `stamp --sql` targets: `FROM:TO` (one argument) starts from FROM's rows and assumes the
 * version table exists; plain targets start from an empty table that the script creates.
 */
export function planOfflineStamp(
  graph: RevisionGraph,
  targets: readonly string[],
  purge: boolean,
): { steps: StampStep[]; createsTable: boolean } {
  const colon = targets.length === 1 ? targets[0]!.indexOf(':') : -1
  const from = colon >= 0 ? resolveRevisions(graph, targets[0]!.slice(0, colon)) : []
  const to = colon >= 0 ? [targets[0]!.slice(colon + 1)] : [...targets]
  return { steps: planStamp(graph, from, to, { purge }), createsTable: colon < 0 }
}
