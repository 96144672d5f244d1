import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { checkRevisionId, newRevisionId, writeRevision } from '../script/write-revision.js'
import { resolveRevisions } from '../revision/index.js'
import { openScriptDirectory } from './common.js'
import { checkLabel } from './revision.js'

export interface MergeOptions {
  /** Revisions to merge (`heads` for all heads). */
  revisions: readonly string[]
  message?: string | undefined
  branchLabel?: string | undefined
  revId?: string | undefined
}

export type MergeResult = { id: string; path: string; note?: undefined } | { id?: undefined; path?: undefined; note: string }

/**
 * Writes a merge revision whose parents are the given revisions. With a single revision to
 * merge, writes nothing and says why (Alembic would write an empty "merge").
 *
 * @example
 * await merge(config, { revisions: ['heads'], message: 'merge branches' })
 */
export async function merge(config: MigConfig, options: MergeOptions): Promise<MergeResult> {
  const { repo, graph } = await openScriptDirectory(config)
  const ids = [...new Set(options.revisions.flatMap((rev) => resolveRevisions(graph, rev)))]
  if (ids.length < 2) {
    return { note: `Nothing to merge: ${ids.length === 0 ? 'there are no revisions' : `only one revision (${ids[0]})`} is given by ${options.revisions.join(' ')}` }
  }
  const id = options.revId ?? newRevisionId()
  checkRevisionId(id)
  if (graph.has(id)) throw new MigError('DUPLICATE_REVISION', `Revision ${id} already exists in ${graph.require(id).path}`)
  const branchLabels = options.branchLabel ? [checkLabel(graph, options.branchLabel)] : []
  const path = writeRevision(repo, {
    id,
    message: options.message,
    downRevisions: ids,
    branchLabels,
    dependsOn: [],
    upgrades: ['// nothing to do: this revision joins branches'],
    downgrades: ['// nothing to do: this revision joins branches'],
  })
  return { id, path }
}
