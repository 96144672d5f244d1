import type { RevisionGraph } from '../revision/index.js'

/** Everything the read commands show about a revision, as plain data (also `--json`). */
export interface RevisionInfo {
  id: string
  parents: string[]
  dependsOn: string[]
  /** Own and inherited branch labels. */
  branchLabels: string[]
  isHead: boolean
  /** Only named in another revision's `dependsOn`. */
  isEffectiveHead: boolean
  isBranchPoint: boolean
  isMergePoint: boolean
  children: string[]
  message: string
  doc: string
  path: string
  /** Set by commands that know the database (`history -i`, `current`). */
  isCurrent?: boolean
}

export function describeRevision(graph: RevisionGraph, id: string, current?: ReadonlySet<string>): RevisionInfo {
  const header = graph.require(id)
  return {
    id,
    parents: [...header.downRevisions],
    dependsOn: [...graph.declaredDependenciesOf(id)],
    branchLabels: [...graph.labelsOf(id)],
    isHead: graph.isRealHead(id),
    isEffectiveHead: graph.isEffectiveHead(id),
    isBranchPoint: graph.isBranchPoint(id),
    isMergePoint: graph.isMergePoint(id),
    children: [...graph.children(id)],
    message: header.message,
    doc: header.doc,
    path: header.path,
    ...(current ? { isCurrent: current.has(id) } : {}),
  }
}
