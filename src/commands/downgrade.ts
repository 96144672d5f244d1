import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { planDowngrade } from '../revision/index.js'
import { applyRevisions, type ApplyOptions, type ApplyResult } from './apply.js'

export type DowngradeOptions = ApplyOptions

/**
 * Reverts revisions down to `revision` (default `-1`), each in its own transaction.
 * With `sql`, a range `from:to` is required (a bare default becomes `head:-1`).
 *
 * @example
 * await downgrade(config)                        // the last revision
 * await downgrade(config, { revision: 'base' })  // everything
 */
export async function downgrade(config: MigConfig, options: DowngradeOptions = {}): Promise<ApplyResult> {
  const target = options.revision ?? (options.sql ? 'head:-1' : '-1')
  if (/^\+\d+$/.test(target)) throw new MigError('USAGE', `downgrade ${target}: a relative downgrade needs '-N'`)
  return applyRevisions(config, 'downgrade', target, options, planDowngrade)
}
