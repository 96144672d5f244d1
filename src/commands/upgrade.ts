import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { planUpgrade } from '../revision/index.js'
import { applyRevisions, type ApplyOptions, type ApplyResult } from './apply.js'

export type UpgradeOptions = ApplyOptions

/**
 * Applies revisions up to `revision` (default `head`), each in its own transaction.
 *
 * @example
 * await upgrade(config)                               // to the single head
 * await upgrade(config, { revision: 'heads' })        // every branch
 * await upgrade(config, { revision: 'base:head', sql: true }) // { sql: 'CREATE TABLE ...' }
 */
export async function upgrade(config: MigConfig, options: UpgradeOptions = {}): Promise<ApplyResult> {
  const target = options.revision ?? 'head'
  if (/^-\d+$/.test(target)) throw new MigError('USAGE', `upgrade ${target}: a relative upgrade needs '+N'`)
  return applyRevisions(config, 'upgrade', target, options, planUpgrade)
}
