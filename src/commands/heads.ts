import type { MigConfig } from '../config/types.js'
import { openScriptDirectory } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'

export interface HeadsOptions {
  /** Also list revisions that are heads only when `dependsOn` is ignored ("effective heads"). */
  resolveDependencies?: boolean
}

export interface HeadsResult {
  revisions: RevisionInfo[]
}

/**
 * The heads of the revision graph, read from file headers without executing any revision.
 *
 * @example
 * (await heads(config)).revisions.map((r) => r.id) // ['1fe10b17daf0']
 */
export async function heads(config: MigConfig, options: HeadsOptions = {}): Promise<HeadsResult> {
  const { graph } = await openScriptDirectory(config)
  const ids = options.resolveDependencies ? graph.realHeads : graph.heads
  return { revisions: ids.map((id) => describeRevision(graph, id)) }
}
