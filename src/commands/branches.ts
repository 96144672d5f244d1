import type { MigConfig } from '../config/types.js'
import { walkHistory } from '../revision/index.js'
import { openScriptDirectory } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'

export interface BranchesResult {
  branchPoints: Array<{ point: RevisionInfo; children: RevisionInfo[] }>
}

/**
 * Every branch point (a revision with several children) and its children, newest first.
 *
 * @example
 * (await branches(config)).branchPoints[0]?.point.id
 */
export async function branches(config: MigConfig): Promise<BranchesResult> {
  const { graph } = await openScriptDirectory(config)
  const points = walkHistory(graph).map((header) => header.id).filter((id) => graph.isBranchPoint(id))
  return {
    branchPoints: points.map((id) => ({
      point: describeRevision(graph, id),
      children: graph.children(id).map((child) => describeRevision(graph, child)),
    })),
  }
}
