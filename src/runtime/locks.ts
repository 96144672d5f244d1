import type { Connection } from './connection.js'

/** One connected database of a run. */
export interface DatabaseConnection {
  readonly name: string
  readonly connection: Connection
}

/**
 * Takes the migration lock of every database, always in one order (by database, whatever the
 * command), so two processes (an upgrade and a stamp, say) cannot deadlock on each other's locks.
 *
 * @example await withLocks([a, b], 'mig:mig_version', () => stampAll())
 */
export async function withLocks<T>(connections: readonly Connection[], key: string, work: () => Promise<T>): Promise<T> {
  const ordered = [...connections].sort((a, b) => a.target.display.localeCompare(b.target.display))
  const lockFrom = (index: number): Promise<T> => {
    const connection = ordered[index]
    return connection ? connection.withLock(key, () => lockFrom(index + 1)) : work()
  }
  return lockFrom(0)
}

/**
 * Nests one transaction per database around `work`: a throw unwinds through all of them (each
 * rolls back); success commits the innermost first. `committed` records who committed, so a
 * failing outer COMMIT can name the databases it could no longer undo.
 *
 * @example await inTransactions(databases, [], () => stampEach())
 */
export async function inTransactions<T>(databases: readonly DatabaseConnection[], committed: string[], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = databases
  if (!first) return work()
  const result = await first.connection.transaction(() => inTransactions(rest, committed, work))
  committed.push(first.name)
  return result
}
