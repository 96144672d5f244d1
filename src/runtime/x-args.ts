import { MigError } from '../errors.js'

/**
 * `-x` arguments as a dictionary: `['a=1', 'b=x=y']` → `{ a: '1', b: 'x=y' }` (the last value of
 * a key wins). An entry without `=` is a usage error, not a crash as in Alembic.
 */
export function parseXArgs(xArgs: readonly string[]): Record<string, string> {
  const dictionary: Record<string, string> = {}
  for (const arg of xArgs) {
    const at = arg.indexOf('=')
    if (at <= 0) throw new MigError('USAGE', `-x argument '${arg}' must be KEY=VALUE`)
    dictionary[arg.slice(0, at)] = arg.slice(at + 1)
  }
  return dictionary
}
