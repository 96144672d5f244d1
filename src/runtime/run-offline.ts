import type { OfflineScript } from './offline.js'
import { runRevision, type RevisionRunOptions } from './run-revision.js'
import type { RunStep } from './steps.js'
import { createVersionTableSql, versionChangeSql } from './version-table.js'

export interface OfflineRunOptions<S extends RunStep> extends RevisionRunOptions {
  readonly versionTable: string
  /** True when the script starts from an empty database (no `from:` in the range). */
  readonly createVersionTable: boolean
  /** True when the steps end with no version rows (down to base). */
  readonly endsAtBase: boolean
  /** Reports each step just before it is written. */
  readonly onStep?: ((step: S) => void) | undefined
}

/**
 * Writes the steps as a SQL script (`--sql`), with the version-table statements after each.
 *
 * @example
 * const script = new OfflineScript('postgresql')
 * await runStepsOffline(script, steps, { versionTable: 'mig_version', createVersionTable: true, endsAtBase: false, bind: 'default', root, x: {}, modules })
 */
export async function runStepsOffline<S extends RunStep>(script: OfflineScript, steps: readonly S[], options: OfflineRunOptions<S>): Promise<void> {
  if (options.createVersionTable) await script.execute(createVersionTableSql(options.versionTable))
  const transactional = script.dialect !== 'mysql'
  options.modules.prefetch(steps.map((step) => step.revision.path))
  // As online: a table rebuilt by move-and-copy must not cascade to its children.
  const sqliteForeignKeys = script.dialect === 'sqlite' && steps.length > 0
  if (sqliteForeignKeys) await script.execute('PRAGMA foreign_keys = OFF')
  for (const step of steps) {
    options.onStep?.(step)
    script.comment(`Running ${step.direction === 'up' ? 'upgrade' : 'downgrade'} ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}`)
    // A revision with `transactional = false` is written without BEGIN/COMMIT around it; its
    // version row still changes in a transaction of its own, as online.
    const inStep = transactional && (await options.modules.load(step.revision.path)).transactional !== false
    if (inStep) await script.execute('BEGIN')
    await runRevision(script, step, options)
    if (transactional && !inStep) await script.execute('BEGIN')
    for (const change of step.versionChanges) await script.execute(versionChangeSql(options.versionTable, change))
    if (transactional) await script.execute('COMMIT')
  }
  if (sqliteForeignKeys) await script.execute('PRAGMA foreign_keys = ON')
  // As Alembic: a script that ends with no version rows (down to base) drops the version table.
  if (options.endsAtBase) await script.execute(`DROP TABLE ${options.versionTable}`)
}
