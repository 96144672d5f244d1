import type { MigConfig } from '../config/types.js'
import { resolveRevisions } from '../revision/index.js'
import { openScriptDirectory } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'

export interface ShowOptions {
  /** Any identifier (`head`, a prefix, `label@head`, ...). Default `head`. */
  revision?: string
}

export interface ShowResult {
  revisions: RevisionInfo[]
}

/**
 * The revision(s) an identifier denotes, with their doc comments.
 *
 * @example
 * (await show(config, { revision: 'cf02' })).revisions[0]?.path
 */
export async function show(config: MigConfig, options: ShowOptions = {}): Promise<ShowResult> {
  const { graph } = await openScriptDirectory(config)
  const ids = resolveRevisions(graph, options.revision ?? 'head')
  return { revisions: ids.map((id) => describeRevision(graph, id)) }
}
