import { MigError } from '../errors.js'
import type { Dialect } from './types.js'

/** A piece of SQL that `renderLiteral` passes through untouched. Create it with `raw()`. */
export class RawSql {
  constructor(readonly sql: string) {}
  toString(): string {
    return this.sql
  }
}

/**
 * Marks a value as raw SQL, for `bulkInsert` values that are expressions rather than data.
 *
 * @example
 * await op.bulkInsert('post', [{ title: 'Hello', created_at: raw('current_timestamp') }])
 */
export function raw(sql: string): RawSql {
  return new RawSql(sql)
}

/**
 * Renders a JavaScript value as an SQL literal for the dialect. Literals are written into the
 * statement (no bind parameters) because offline `--sql` output has to stand on its own.
 *
 * - `null`/`undefined` → `null`; numbers and bigints as digits (not NaN/Infinity); booleans as
 *   `true`/`false` (every dialect reads those, and it is what MikroORM writes for defaults).
 * - strings: quotes doubled everywhere. PostgreSQL gets an `E'...'` string when there are
 *   backslashes, so the text is the same whatever `standard_conforming_strings` says; MySQL
 *   doubles backslashes, which assumes the default `sql_mode` (without `NO_BACKSLASH_ESCAPES`).
 * - `Date`: UTC, so offline output does not depend on the machine's time zone. SQLite gets epoch
 *   milliseconds, the way MikroORM stores dates there; PostgreSQL an ISO timestamp with `Z`;
 *   MySQL `'YYYY-MM-DD HH:MM:SS.mmm'`.
 * - `Uint8Array`/`Buffer`: a hex blob literal.
 * - other objects and arrays: their JSON text, as a string (for json columns).
 * - `raw(sql)`: the SQL as is.
 *
 * @example
 * renderLiteral('postgresql', "it's") // => "'it''s'"
 * renderLiteral('mysql', 'C:\\temp')  // => "'C:\\\\temp'"
 * renderLiteral('sqlite', true)       // => 'true'
 */
export function renderLiteral(dialect: Dialect, value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (value instanceof RawSql) return value.sql
  switch (typeof value) {
    case 'string':
      return renderString(dialect, value)
    case 'number':
      if (!Number.isFinite(value)) {
        throw new MigError('BAD_OPERATION', `Cannot write ${value} as an SQL literal; use raw(...) for dialect-specific values`)
      }
      return String(value)
    case 'bigint':
      return String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value instanceof Date) return renderDate(dialect, value)
      if (value instanceof Uint8Array) return renderBytes(dialect, value)
      return renderString(dialect, JSON.stringify(value))
    default:
      throw new MigError('BAD_OPERATION', `Cannot write a ${typeof value} as an SQL literal`)
  }
}

function renderString(dialect: Dialect, text: string): string {
  const quoted = text.replaceAll("'", "''")
  if (dialect === 'mysql') {
    // Backslash first, so the NUL escape added next is not doubled again.
    return `'${quoted.replaceAll('\\', '\\\\').replaceAll('\0', '\\0')}'`
  }
  if (text.includes('\0')) {
    if (dialect === 'postgresql') {
      throw new MigError('BAD_OPERATION', 'PostgreSQL text cannot hold a NUL character; store it as a blob (Uint8Array) instead')
    }
    // An SQLite string literal would end at the NUL; a blob cast to text keeps every byte.
    return `cast(${renderBytes(dialect, new TextEncoder().encode(text))} as text)`
  }
  if (dialect === 'postgresql' && text.includes('\\')) return `E'${quoted.replaceAll('\\', '\\\\')}'`
  return `'${quoted}'`
}

function renderDate(dialect: Dialect, date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new MigError('BAD_OPERATION', 'Cannot write an invalid Date as an SQL literal')
  }
  if (dialect === 'sqlite') return String(date.getTime())
  const iso = date.toISOString()
  return dialect === 'postgresql' ? `'${iso}'` : `'${iso.slice(0, 23).replace('T', ' ')}'`
}

function renderBytes(dialect: Dialect, bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
  // PostgreSQL has no X'' blob literal; bytea reads the `\x` hex form.
  return dialect === 'postgresql' ? `E'\\\\x${hex}'` : `X'${hex}'`
}
