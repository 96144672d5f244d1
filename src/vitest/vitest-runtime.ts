/**
 * Vitest's test API (`test`, `describe`, `inject`) for mig/vitest, loaded only in a test worker.
 * The Vitest config imports `mig/vitest` too, for the plugin, and importing Vitest's runtime
 * there (chai, expect, the runner) made every run ~40 ms slower for nothing.
 */
import { MigError } from '../errors.js'

type VitestRuntime = typeof import('vitest')

// Vitest sets VITEST_WORKER_ID in every pool's worker, before any test module loads.
const runtime: VitestRuntime | undefined = process.env.VITEST_WORKER_ID ? await import('vitest') : undefined

/**
 * Vitest's runtime, or a clear error outside a test worker.
 *
 * @example
 * const run = vitestRuntime().inject('mig')
 */
export function vitestRuntime(): VitestRuntime {
  if (!runtime) throw new MigError('USAGE', "mig/vitest: 'test', 'migrationTests' and the worker database helpers only work in Vitest test files")
  return runtime
}
