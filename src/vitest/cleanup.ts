import { readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Temporary folders of SQLite runs: `mig-vitest-<pid>-<random>`. */
export const SQLITE_FOLDER_PREFIX = 'mig-vitest-'

/**
 * Runs `cleanup` (synchronously, once) if the process ends before the run's teardown: Vitest
 * answers SIGINT/SIGTERM with `process.exit()` without calling global teardowns, and a crash
 * skips them too. Returns the function that disarms it once the teardown has done the work.
 *
 * @example
 * const disarm = cleanupOnExit(() => store.dropAllOnExit())
 * try { await run() } finally { await store.dropAll(); disarm() }
 */
export function cleanupOnExit(cleanup: () => void): () => void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    try {
      cleanup()
    } catch {
      // Nothing can be reported from an exiting process.
    }
  }
  const onSignal = (signal: NodeJS.Signals) => {
    once()
    // Nobody else handles the signal (Vitest normally does): keep its default effect.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }
  process.once('exit', once)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return () => {
    done = true
    process.off('exit', once)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/**
 * Removes the SQLite folders of earlier runs whose process is gone (killed with SIGKILL,
 * where no cleanup can run). A folder of a live process is left alone.
 */
export function sweepStaleFolders(): void {
  let entries: string[]
  try {
    entries = readdirSync(tmpdir())
  } catch {
    return
  }
  for (const entry of entries) {
    const pid = Number(new RegExp(`^${SQLITE_FOLDER_PREFIX}(\\d+)-`).exec(entry)?.[1])
    if (!pid || pid === process.pid || isAlive(pid)) continue
    rmSync(join(tmpdir(), entry), { recursive: true, force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
