import type { MigTestRun, TestDialect } from './provided.js'

/**
 * The throwaway databases of one run, whatever the dialect: SQLite files in a temporary folder,
 * or databases on the PostgreSQL server. Every name carries the run's id, so a run only ever
 * touches (and drops) its own databases.
 */
export interface DatabaseStore {
  readonly dialect: TestDialect
  /** The URL of the database called `name` in this run. */
  url(name: string): string
  /** Creates an empty database. */
  createEmpty(name: string): Promise<string>
  /** Creates `name` as a copy of `template`; an existing copy is kept unless `replace` is set. */
  copy(template: string, name: string, options?: { replace?: boolean }): Promise<string>
  drop(name: string): Promise<void>
  /** Drops every database of the run whose name starts with `prefix`; resolves to how many there were. */
  dropAll(prefix?: string): Promise<number>
  /**
   * Drops everything without waiting: for a process that is exiting (SIGINT, a crash), where
   * nothing asynchronous runs any more.
   */
  dropAllOnExit(): void
}

/** What a store needs to know about its run. */
export type StoreLocation = Pick<MigTestRun, 'dialect' | 'runId' | 'home' | 'root'>

/** Database names inside a run; the store turns them into files or server databases. */
export const names = {
  template: (generation: number) => `t${generation}`,
  worker: (generation: number, pool: number | string) => `g${generation}_w${pool}`,
  scratch: (pool: number, serial: number) => `s${pool}_${serial}_${Math.random().toString(36).slice(2, 6)}`,
}

/**
 * Opens the store of a run (in the main process or in a worker, from the provided data).
 *
 * @example
 * const store = await openStore(inject('mig'))
 * const url = await store.copy(names.template(1), names.worker(1, 2))
 */
export async function openStore(location: StoreLocation): Promise<DatabaseStore> {
  if (location.dialect === 'sqlite') {
    const { sqliteStore } = await import('./store-sqlite.js')
    return sqliteStore(location)
  }
  const { postgresStore } = await import('./store-postgres.js')
  return postgresStore(location)
}
