import { planStamp, resolveRevisions, type RevisionGraph, type StampStep } from '../revision/index.js'
import type { OfflineScript } from '../runtime/offline.js'
import { createVersionTableSql, versionChangeSql } from '../runtime/version-table.js'

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

/** Writes a `stamp --sql` script for one database: the version table's statements, a comment per step. */
export async function writeOfflineStamp(
  output: OfflineScript,
  steps: readonly StampStep[],
  options: { table: string; createsTable: boolean; purge: boolean },
): Promise<void> {
  if (options.createsTable) await output.execute(createVersionTableSql(options.table))
  if (options.purge) await output.execute(`DELETE FROM ${options.table}`)
  for (const step of steps) {
    output.comment(`Running stamp_revision ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}`)
    for (const change of step.versionChanges) await output.execute(versionChangeSql(options.table, change))
  }
}
