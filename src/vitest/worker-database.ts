import type { MigTestRun } from './provided.js'
import { names, openStore } from './store.js'
import { vitestRuntime } from './vitest-runtime.js'
import { MigError } from '../errors.js'

/**
 * The run as the global setup provided it; a clear error when the plugin is missing or the
 * template could not be migrated (watch mode), instead of tests failing on a missing table.
 */
export function currentRun(): MigTestRun {
  const run = vitestRuntime().inject('mig')
  if (!run) {
    throw new MigError(
      'BAD_CONFIG',
      "mig/vitest: no test database; add mig() from 'mig/vite' or 'mig/vitest' to the plugins of your Vite/Vitest config (SQLite and PostgreSQL projects)",
    )
  }
  if (run.error) throw new MigError('MIGRATION_FAILED', run.error)
  return run
}

/** This worker's slot: 1..maxWorkers, reused by the files that run in it one after another. */
export function poolId(): number {
  return Number(process.env.VITEST_POOL_ID ?? 1) || 1
}

/**
 * The URL of this worker's own database (a copy of the template, made by the setup file).
 *
 * @example
 * import { workerDatabaseUrl } from 'mig/vitest'
 * const url = workerDatabaseUrl() // 'sqlite:/tmp/mig-vitest-4242-x1/g1_w2.sqlite'
 */
export function workerDatabaseUrl(run: MigTestRun = currentRun()): string {
  return run.workerUrlPattern.replace('{pool}', String(poolId()))
}

const ready = new Set<string>()

/**
 * Makes sure this worker's copy exists. Files that run in the same slot share it: tests roll
 * back (or restore it, see `resetWorkerDatabase`), so it stays at the template's state.
 */
export async function prepareWorkerDatabase(run: MigTestRun = currentRun()): Promise<string> {
  const url = workerDatabaseUrl(run)
  if (ready.has(url)) return url
  for (const location of [run, ...Object.values(run.binds ?? {})]) {
    const store = await openStore(location)
    await store.copy(names.template(run.generation), names.worker(run.generation, poolId()))
  }
  ready.add(url)
  return url
}

/**
 * The URL of this worker's copy of a bind's database (multidb projects).
 *
 * @example
 * import { bindDatabaseUrl } from 'mig/vitest'
 * const users = bindDatabaseUrl('users') // 'sqlite:/tmp/mig-vitest-4242-y2/g1_w1.sqlite'
 */
export function bindDatabaseUrl(bind: string, run: MigTestRun = currentRun()): string {
  const found = run.binds?.[bind]
  if (!found) throw new MigError('USAGE', `mig/vitest: no bind '${bind}' in this run; binds: ${Object.keys(run.binds ?? {}).join(', ') || 'none'}`)
  return found.workerUrlPattern.replace('{pool}', String(poolId()))
}

/** Replaces this worker's copy with a fresh one (after a test that committed). */
export async function resetWorkerDatabase(run: MigTestRun = currentRun()): Promise<void> {
  for (const location of [run, ...Object.values(run.binds ?? {})]) {
    const store = await openStore(location)
    await store.copy(names.template(run.generation), names.worker(run.generation, poolId()), { replace: true })
  }
}
