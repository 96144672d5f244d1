import type { Column } from '@mikro-orm/knex'
import type { PropertyType } from './properties.js'

/**
 * How enum columns read, on each side of the comparison, as MikroORM's schema generator
 * decides them: a string enum is the neutral `enum` type (native `enum(...)` on MySQL/MariaDB,
 * `text` with an inline check elsewhere); a numeric one (or one without items) is a plain
 * `tinyint` column, with no check (see `neutral-column.ts`).
 */

/** `{ type: 'enum', items }`, or `{ type: 'text' }` for a live text column whose enum check is a constraint of its own. */
export type EnumColumnType = { readonly type: 'enum'; readonly items: readonly string[] } | { readonly type: 'text' }

/**
 * MikroORM's rule (`getEnumTypeDeclarationSQL`): an enum is a string enum when it has items
 * and every one is a string; anything else is stored as a small integer.
 *
 * @example
 * isStringEnum(['a', 'b']) // => true
 * isStringEnum([1, 2])     // => false
 */
export function isStringEnum(items: readonly unknown[] | undefined): items is readonly string[] {
  return Array.isArray(items) && items.every((item) => typeof item === 'string')
}

/**
 * The neutral type of a string enum column, or undefined for every other column. A live enum
 * whose check is a constraint of its own (`separateCheck`: what older revisions wrote, text plus
 * a named check, where MikroORM writes a native MySQL enum or an inline check) stays a text
 * column, and its check stays a check.
 *
 * @example
 * enumColumnType(liveKind)                                  // => { type: 'enum', items: ['a', 'b'] }
 * enumColumnType(liveTextKind, undefined, true)             // => { type: 'text' }
 * enumColumnType(targetLevel, { name: 'number', enum: true, items: [1, 2] }) // => undefined (a tinyint)
 */
export function enumColumnType(column: Column, property?: PropertyType, separateCheck = false): EnumColumnType | undefined {
  if (property) return property.enum && isStringEnum(property.items) ? { type: 'enum', items: property.items } : undefined
  if (column.mappedType?.constructor?.name !== 'EnumType' || !isStringEnum(column.enumItems) || column.enumItems.length === 0) return undefined
  return separateCheck ? { type: 'text' } : { type: 'enum', items: column.enumItems }
}
