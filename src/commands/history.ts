import type { MigConfig } from '../config/types.js'
import { parseRange, walkHistory } from '../revision/index.js'
import { environmentArgs, openScriptDirectory, readCurrentRows, type DatabaseCommandOptions } from './common.js'
import { describeRevision, type RevisionInfo } from './describe.js'

export interface HistoryOptions extends DatabaseCommandOptions {
  /** `[start]:[end]`; either side may be `current` (reads the database). */
  range?: string
  /** Mark the database's current revisions. */
  indicateCurrent?: boolean
}

export interface HistoryResult {
  /** Newest first. */
  revisions: RevisionInfo[]
}

/**
 * The revisions, newest first. Reads the database only for `-i` or a `current` range end.
 *
 * @example
 * (await history(config, { range: 'base:head' })).revisions.map((r) => r.id)
 */
export async function history(config: MigConfig, options: HistoryOptions = {}): Promise<HistoryResult> {
  const args = environmentArgs(options)
  const script = await openScriptDirectory(config)
  const { graph } = script
  const range = options.range === undefined ? { start: undefined, end: undefined } : parseRange(options.range)
  const needsDatabase = options.indicateCurrent || range.start === 'current' || range.end === 'current'
  const currentHeads = needsDatabase
    ? await readCurrentRows(config, script, 'history', args)
    : []
  const bound = (side: string | undefined) => (side === 'current' ? currentHeads : side)
  const ids = walkHistory(graph, { start: bound(range.start), end: bound(range.end) }).map((header) => header.id)
  const current = options.indicateCurrent ? new Set(currentHeads) : undefined
  return { revisions: ids.map((id) => describeRevision(graph, id, current)) }
}
