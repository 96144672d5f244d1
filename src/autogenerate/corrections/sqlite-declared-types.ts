import type { Column } from '@mikro-orm/knex'
import { columnTypeSql } from '../../operations/column-sql.js'
import { neutralType, type NeutralColumnType } from '../neutral-column.js'
import { keptTables, tableDifference } from './table-difference.js'
import type { Correction } from './types.js'

// The types whose arguments (or string vs text) matter on PostgreSQL and MariaDB, and which
// MikroORM's SQLite comparison reduces to their bare name.
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  string: ['string', 'text'],
  decimal: ['decimal'],
  datetime: ['datetime'],
  time: ['time'],
}

/**
 * MikroORM compares SQLite column types without their arguments (`varchar(128)` and
 * `varchar(256)` are both `text`, `numeric(10,2)` and `numeric(12,2)` both `numeric`), so a
 * revision generated on SQLite loses every length and precision change, and a `string` that
 * became `text` — which PostgreSQL and MariaDB then lack. SQLite keeps the declared type as
 * written, and mig declares them in full (`varchar(128)`): when the declared type carries its
 * arguments and they differ from the model's, the column's type changed. A bare declared type
 * (`text`, as MikroORM writes every string there) says nothing, so a database MikroORM created
 * stays quiet.
 */
export const sqliteDeclaredTypes: Correction = {
  name: 'sqlite-declared-types',
  dialects: ['sqlite'],
  amend(diff, context) {
    for (const [from, to] of keptTables(diff, context)) {
      for (const column of to.getColumns()) {
        const live = from.getColumn(column.name)
        const declared = live && declaredType(live)
        if (!live || !declared) continue
        const model = neutralType('sqlite', column, context.properties(to.name, column.name))
        if (!FAMILIES[declared.type]?.includes(model.type) || sameType(declared, model)) continue
        const difference = tableDifference(diff, to.name, from, to)
        const change = (difference.changedColumns[column.name] ??= { oldColumnName: column.name, column, fromColumn: live, changedProperties: new Set() })
        change.changedProperties.add('type')
      }
    }
  },
}

/**
 * The neutral type a declared SQLite type states in full, or undefined when it gives no
 * arguments (then it cannot tell a length from a default).
 *
 * @example
 * declaredType({ type: 'varchar(128)', ... }) // => { type: 'string', length: 128 }
 * declaredType({ type: 'TEXT', ... })          // => undefined
 */
export function declaredType(column: Column): NeutralColumnType | undefined {
  if (!/\(\s*\d/.test(column.type)) return undefined
  const declared = neutralType('sqlite', { ...column, length: undefined, precision: undefined, scale: undefined } as unknown as Column)
  return FAMILIES[declared.type] ? declared : undefined
}

function sameType(a: NeutralColumnType, b: NeutralColumnType): boolean {
  return columnTypeSql('sqlite', { name: '', ...a }) === columnTypeSql('sqlite', { name: '', ...b })
}
