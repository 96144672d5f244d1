import type { LintTarget, RecordedCall, RecordedRevision } from '../types.js'
import { optionOf, serverName, type Verdict } from './rule.js'

/** What MIG301 says, at the first call that waits for a lock. */
export const LOCK_TIMEOUT = {
  code: 'MIG301',
  name: 'missing-lock-timeout',
  summary: 'revision with operations that lock a busy table and no lock timeout (PostgreSQL, MySQL/MariaDB)',
} as const

// Kinds that only touch what the revision itself makes, or take no lock others wait for.
const LOCK_FREE = new Set(['createTable', 'execute', 'bulkInsert', 'batchAlterTable', 'validateConstraint', 'createTableComment', 'dropTableComment'])

const SETS_LOCK_TIMEOUT = /\bset\s+(local\s+|session\s+)?(lock_timeout|lock_wait_timeout|innodb_lock_wait_timeout)\b/i

/**
 * MIG301: an ALTER waits for every query running on its table, and every query that comes
 * after waits behind it: without a lock timeout one slow query stalls the table for all. The
 * first call that takes such a lock on an existing table is the place of the finding.
 */
export function missingLockTimeout(
  revision: RecordedRevision,
  target: LintTarget,
  configured: boolean,
  existing: (call: RecordedCall) => boolean,
): { call: RecordedCall; verdict: Verdict } | undefined {
  if (target.dialect === 'sqlite' || configured || revision.lockTimeout !== undefined) return undefined
  const sets = revision.calls.some((call) => call.method === 'execute' && typeof call.args[0] === 'string' && SETS_LOCK_TIMEOUT.test(call.args[0]))
  if (sets) return undefined
  const call = revision.calls.find((call) => !LOCK_FREE.has(call.method) && optionOf(call, 'concurrently') !== true && existing(call))
  if (!call) return undefined
  return {
    call,
    verdict: {
      severity: 'warning',
      why: `the revision locks '${call.table}' with no lock timeout: on ${serverName(target)} the ALTER queues behind any long query on the table, and every query after it queues behind the ALTER`,
      recipe: "export const lockTimeout = '5s' from the revision (or set lockTimeout in mig.config.ts) and retry the deploy when it times out",
    },
  }
}
