import { isAbsolute, resolve } from 'node:path'
import { MigError } from '../errors.js'
import type { DatabaseTarget } from './types.js'

/**
 * Parses a database URL. SQLite: `sqlite:app.db` (relative to `root`), `sqlite:///abs/app.db`,
 * `sqlite::memory:`. Servers: `postgresql://` (or `postgres://`), `mysql://`, `mariadb://`.
 */
export function parseDatabaseUrl(url: string, root: string): DatabaseTarget {
  const scheme = /^([a-z0-9+]+):/i.exec(url)?.[1]?.toLowerCase()
  if (scheme === 'sqlite' || scheme === 'file') {
    const rest = url.slice(scheme.length + 1)
    if (rest === ':memory:') return { dialect: 'sqlite', file: ':memory:', display: url }
    const path = rest.startsWith('///') ? rest.slice(2) : rest.startsWith('//') ? rest.slice(2) : rest
    const file = isAbsolute(path) ? path : resolve(root, path)
    return { dialect: 'sqlite', file, display: `sqlite:${file}` }
  }
  if (scheme === 'postgresql' || scheme === 'postgres') {
    return { dialect: 'postgresql', url, display: maskPassword(url) }
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    return { dialect: 'mysql', url: url.replace(/^mariadb:/i, 'mysql:'), display: maskPassword(url) }
  }
  throw new MigError(
    'BAD_CONFIG',
    `Unsupported database URL '${maskPassword(url)}': use sqlite:FILE, postgresql://..., mysql://... or mariadb://...`,
  )
}

/** Replaces the password of a URL with `***`, so secrets never reach a log line. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z0-9+]+:\/\/[^:/@]*:)([^@]*)@/i, '$1***@')
}
