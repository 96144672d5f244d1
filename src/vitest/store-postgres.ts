import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { postgresDatabases } from '../runtime/postgres-databases.js'
import type { DatabaseStore, StoreLocation } from './store.js'

/**
 * PostgreSQL: databases named `mig_vt_<run>_<name>` on the server of the developer's database,
 * created and dropped through its maintenance database (`home`), never through the
 * developer's own database. Copies use `CREATE DATABASE ... TEMPLATE`. The connections are the
 * runtime's (`runtime/postgres-databases.ts`); this only names the run's databases.
 */
export function postgresStore(location: StoreLocation): DatabaseStore {
  const prefix = `mig_vt_${location.runId}_`
  const database = (name: string) => `${prefix}${name}`
  const url = (name: string) => {
    const parsed = new URL(location.home)
    parsed.pathname = `/${database(name)}`
    return parsed.toString()
  }
  const server = postgresDatabases(location.home, location.root)

  return {
    dialect: 'postgresql',
    url,
    async createEmpty(name) {
      await server.create(database(name))
      return url(name)
    },
    async copy(template, name, options = {}) {
      await server.copy(database(template), database(name), options)
      return url(name)
    },
    drop: (name) => server.drop(database(name)),
    dropAll: (namePrefix = '') => server.dropByPrefix(prefix + namePrefix),
    dropAllOnExit() {
      // An exiting process cannot wait for a server round trip: a detached helper does the drops.
      const janitor = fileURLToPath(new URL('./janitor.js', import.meta.url))
      spawn(process.execPath, [janitor], {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, MIG_VITEST_JANITOR: JSON.stringify(location) },
      }).unref()
    },
  }
}
