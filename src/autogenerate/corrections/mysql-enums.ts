import type { Correction } from './types.js'

interface EnumRow {
  table_name: string
  column_name: string
  column_type: string
}

/**
 * MikroORM reads a native MySQL/MariaDB `enum(...)` column's items by splitting its type at
 * every comma and taking the text between the outer quotes, so an item with a quote (`'it''s'`
 * comes back `it''s`) or a comma never equals the model's, and the enum never converges. This
 * reads the items again from the column type, quotes and commas included.
 */
export const mysqlEnums: Correction = {
  name: 'mysql-enums',
  dialects: ['mysql'],
  async prepare(context) {
    const rows = await context.query<EnumRow>(
      `select table_name as table_name, column_name as column_name, column_type as column_type
       from information_schema.columns where table_schema = database() and data_type = 'enum'`,
    )
    for (const row of rows) {
      const column = context.live.getTable(row.table_name)?.getColumn(row.column_name)
      const items = parseEnumType(row.column_type)
      if (column && items) column.enumItems = items
    }
  },
}

/**
 * The items of a MySQL `enum(...)` type as the catalog writes it (quotes doubled; MariaDB may
 * also escape with a backslash).
 *
 * @example
 * parseEnumType("enum('a','it''s','x,y')") // => ['a', "it's", 'x,y']
 */
export function parseEnumType(type: string): string[] | undefined {
  const match = /^enum\((.*)\)$/is.exec(type.trim())
  if (!match) return undefined
  const items: string[] = []
  const item = /\s*'((?:[^'\\]|''|\\.)*)'\s*(?:,|$)/y
  const list = match[1]!
  let at = 0
  while (at < list.length) {
    item.lastIndex = at
    const found = item.exec(list)
    if (!found) return undefined
    items.push(found[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1'))
    at = item.lastIndex
  }
  return items
}
