import { createHash } from 'node:crypto'
import type { Dialect } from './types.js'

/** The kinds of named objects mig names when the revision does not. */
export type ConstraintKind = 'index' | 'unique' | 'foreign'

// PostgreSQL cuts names at 63 bytes and MySQL rejects names over 64; MikroORM shortens them the
// same way (prefix, md5 hash, kind), and matching it keeps autogenerate from seeing renames.
const MAX_LENGTH: Record<Dialect, number> = { sqlite: Infinity, postgresql: 63, mysql: 64 }

/**
 * The name MikroORM's default naming strategy gives an index or constraint, so objects created
 * by hand-written operations and by the ORM agree.
 *
 * @example
 * defaultName('sqlite', 'book', ['author_id'], 'foreign') // => 'book_author_id_foreign'
 */
export function defaultName(dialect: Dialect, table: string, columns: readonly string[], kind: ConstraintKind): string {
  const name = `${table}_${columns.map((column) => column.replaceAll('.', '_')).join('_')}_${kind}`
  const max = MAX_LENGTH[dialect]
  if (name.length <= max) return name
  const hash = createHash('md5').update(name).digest('hex').slice(0, 5)
  return `${name.slice(0, max - 8 - kind.length)}_${hash}_${kind}`
}

/**
 * True when `name` is the default name on every dialect (short enough that neither PostgreSQL
 * nor MySQL shortens it), so a revision can leave it out and still create the same object.
 *
 * @example
 * isPortableDefaultName('book_author_id_foreign', 'book', ['author_id'], 'foreign') // => true
 */
export function isPortableDefaultName(name: string, table: string, columns: readonly string[], kind: ConstraintKind): boolean {
  const plain = defaultName('sqlite', table, columns, kind)
  return name === plain && plain.length <= MAX_LENGTH.postgresql
}
