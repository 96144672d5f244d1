import type { MigConfig } from './types.js'

/** The name the main database (`database`/`orm`) has among a project's databases; no bind may take it. */
export const DEFAULT_DATABASE = 'default'

/**
 * True when the config names extra databases (`binds`). Every command runs on a list of
 * databases, a single database being the list of one; this only decides what is shown or
 * written for several (`-- bind:` headers, `Migrating database ...`, a section per database in
 * revision files).
 *
 * @example isMultidb(await loadConfig()) // false
 */
export function isMultidb(config: MigConfig): boolean {
  return Object.keys(config.binds).length > 0
}

/**
 * The names of the project's databases, `default` first (when there is a single database, or
 * when a multidb config has a main `database` or `orm`), then every bind in config order.
 *
 * @example databaseNames(config) // ['default', 'users']
 */
export function databaseNames(config: MigConfig): string[] {
  return [...(hasMainDatabase(config, config.database) ? [DEFAULT_DATABASE] : []), ...Object.keys(config.binds)]
}

/**
 * Whether the main database takes part: always for a single database (where a missing one is
 * reported when it is resolved), and for multidb only when it is configured (a multidb project
 * may consist of binds only). `database` is the URL as `env.ts` left it.
 */
export function hasMainDatabase(config: MigConfig, database: string | undefined): boolean {
  return !isMultidb(config) || database !== undefined || config.orm !== undefined
}
