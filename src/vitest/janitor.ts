/**
 * A detached helper the main Vitest process starts when it exits without its teardown
 * (SIGINT, SIGTERM, a crash): it drops the run's server databases. Workers may still be
 * creating their copies for a moment, so it looks again until two rounds find nothing.
 */
import { openStore, type StoreLocation } from './store.js'

const ROUNDS = 10
const PAUSE_MS = 300

async function main(): Promise<void> {
  const location = JSON.parse(process.env.MIG_VITEST_JANITOR ?? 'null') as StoreLocation | null
  if (!location) return
  const store = await openStore(location)
  let quiet = 0
  for (let round = 0; round < ROUNDS && quiet < 2; round++) {
    const dropped = await store.dropAll().catch(() => 1)
    quiet = dropped === 0 ? quiet + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
  }
}

await main()
