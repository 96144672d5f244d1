import { existsSync } from 'node:fs'
import type { DatabaseTarget } from '../config/types.js'
import { MigError } from '../errors.js'
import { connect } from './connection.js'

/** A copy of a database taken before `mig sync` changes it, and how to put it back. */
export interface Snapshot {
  /** The copy: a file path (SQLite) or a database name (PostgreSQL). */
  readonly location: string
  /** A shell command that restores the database from the copy (with nothing connected to it). */
  readonly restore: string
}

/**
 * Copies the database at `target` as it is now: SQLite with `VACUUM INTO` (a consistent copy even
 * in WAL mode), PostgreSQL with `CREATE DATABASE … TEMPLATE` (which needs no other session on the
 * database). MariaDB/MySQL have no such copy: the caller must ask for none.
 *
 * @example await takeSnapshot(target, root, '20261201T1200') // { location: '/app/dev.db.before-sync-20261201T1200', restore: "cp ..." }
 */
export async function takeSnapshot(target: DatabaseTarget, root: string, stamp: string): Promise<Snapshot> {
  if (target.dialect === 'sqlite') return snapshotSqlite(target, root, stamp)
  if (target.dialect === 'postgresql') return snapshotPostgres(target, root, stamp)
  throw new MigError('SNAPSHOT', `MariaDB/MySQL cannot copy a database in place, so no snapshot of ${target.display} can be taken; run 'mig sync --no-snapshot' to sync without one`)
}

async function snapshotSqlite(target: DatabaseTarget, root: string, stamp: string): Promise<Snapshot> {
  const file = target.file!
  if (file === ':memory:') throw new MigError('SNAPSHOT', `An in-memory SQLite database has no snapshot; run 'mig sync --no-snapshot'`)
  let location = `${file}.before-sync-${stamp}`
  for (let n = 2; existsSync(location); n++) location = `${file}.before-sync-${stamp}-${n}`
  const connection = await connect(target, root)
  try {
    await connection.execute(`VACUUM INTO '${location.replace(/'/g, "''")}'`)
  } catch (error) {
    throw new MigError('SNAPSHOT', `Cannot snapshot ${file} to ${location}: ${(error as Error).message}`, { cause: error })
  } finally {
    await connection.close()
  }
  return { location, restore: `cp ${shellQuote(location)} ${shellQuote(file)}` }
}

async function snapshotPostgres(target: DatabaseTarget, root: string, stamp: string): Promise<Snapshot> {
  const url = new URL(target.url!)
  const name = decodeURIComponent(url.pathname.slice(1))
  // PostgreSQL names stop at 63 bytes; the stamp must survive, so the name gives way.
  const base = `${name.slice(0, 63 - stamp.length - 16)}_before_sync_${stamp}`.toLowerCase()
  const maintenance = new URL(url)
  maintenance.pathname = '/postgres'
  const connection = await connect({ dialect: 'postgresql', url: maintenance.toString(), display: target.display }, root)
  let location = base
  try {
    // Two syncs within a second (a failed one, then --forget) keep both copies.
    for (let n = 2; (await connection.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [location])).length > 0; n++) location = `${base}_${n}`
    await connection.execute(`CREATE DATABASE ${quoteName(location)} TEMPLATE ${quoteName(name)}`)
  } catch (error) {
    const busy = /being accessed by other users/.test((error as Error).message)
    const why = busy ? 'other sessions are connected to it (a dev server, a psql?); close them' : (error as Error).message
    throw new MigError('SNAPSHOT', `Cannot snapshot ${target.display} as ${location}: ${why}; or run 'mig sync --no-snapshot'`, { cause: error })
  } finally {
    await connection.close()
  }
  // The password stays out of the printed command (psql asks for it, or reads PGPASSWORD).
  maintenance.password = ''
  const psql = (sql: string) => `-c ${shellQuote(sql)}`
  const restore = [`psql ${shellQuote(maintenance.toString())}`, psql(`DROP DATABASE ${quoteName(name)}`), psql(`ALTER DATABASE ${quoteName(location)} RENAME TO ${quoteName(name)}`)]
  return { location, restore: restore.join(' ') }
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

function shellQuote(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
