import { MigError } from '../errors.js'
import type { Dialect } from '../operations/types.js'
import type { LintTarget } from './types.js'

/**
 * The server a lint is for: the dialect, and the version from `SELECT version()` (which also
 * tells MariaDB from MySQL) or from `--target-version` / `lint.targetVersion`.
 *
 * @example
 * lintTarget('mysql', '10.11.6-MariaDB-1:10.11.6+maria~ubu2204') // { dialect: 'mysql', flavor: 'mariadb', version: [10, 11], rows: undefined }
 * lintTarget('postgresql', 'PostgreSQL 16.2 (Debian 16.2-1.pgdg120+2) on x86_64-pc-linux-gnu').version // [16, 2]
 */
export function lintTarget(dialect: Dialect, version: string | undefined, rows?: ReadonlyMap<string, number>, mariadb = false): LintTarget {
  const flavor = dialect === 'mysql' ? (mariadb || /mariadb/i.test(version ?? '') ? 'mariadb' : 'mysql') : dialect
  return { dialect, flavor, version: parseVersion(version), rows }
}

function parseVersion(text: string | undefined): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const match = /(\d+)(?:\.(\d+))?/.exec(text)
  if (!match) throw new MigError('USAGE', `target version '${text}' is not a version number such as '14' or '10.11'`)
  return [Number(match[1]), Number(match[2] ?? 0)]
}

const DIALECTS: Readonly<Record<string, Dialect>> = { postgresql: 'postgresql', postgres: 'postgresql', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite' }

/**
 * A `--dialect` value: `postgresql` (or `postgres`), `mysql`, `mariadb`, `sqlite`.
 *
 * @example parseDialect('mariadb') // 'mysql'
 */
export function parseDialect(text: string): Dialect {
  const dialect = DIALECTS[text.toLowerCase()]
  if (!dialect) throw new MigError('USAGE', `--dialect ${text}: use postgresql, mysql, mariadb or sqlite`)
  return dialect
}
