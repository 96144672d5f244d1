import { MigError } from '../errors.js'
import type { BindConfig } from './types.js'

/**
 * Checks the `binds` of a config. Names end up in revision files (`bind === 'users'`), log lines
 * and `--sql` headers, so they are kept to plain characters; `default` names the main database.
 *
 * @example checkBinds({ users: { database: 'sqlite:users.db' } }) // ok
 */
export function checkBinds(binds: Record<string, BindConfig>): void {
  for (const [name, bind] of Object.entries(binds)) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) {
      throw new MigError('BAD_CONFIG', `Bind name '${name}' must contain only letters, digits, '_', '.' and '-'`)
    }
    if (name === 'default') {
      throw new MigError('BAD_CONFIG', "Bind name 'default' is reserved for the main database ('database'/'orm' in mig.config.ts); pick another name")
    }
    if (bind === null || typeof bind !== 'object' || (bind.database === undefined && bind.orm === undefined)) {
      throw new MigError('BAD_CONFIG', `Bind '${name}' needs 'database' (a URL such as 'sqlite:${name}.db') or 'orm' (MikroORM options)`)
    }
  }
}
