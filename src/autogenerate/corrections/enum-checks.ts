import type { Correction } from './types.js'

/**
 * Older mig revisions wrote an enum column as a text column plus a named check
 * `kind in ('a', 'b')`. MikroORM reads such a check back as an enum only on PostgreSQL (and on
 * SQLite only when written inline, its own way); elsewhere it sees a text column with a foreign
 * check, and the enum never converges. This turns every single-column `in (...)` check of the
 * live schema (or `kind = 'a'`, which MariaDB makes of a one-value list) into the enum MikroORM's
 * models describe. The name of a check that is a constraint of its own (all but SQLite's inline
 * ones, which go with their column) is remembered, so a later change can drop it.
 */
export const enumChecks: Correction = {
  name: 'enum-checks',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  prepare(context) {
    const enumType = context.platform.getMappedType('enum')
    for (const table of context.live.getTables()) {
      const checks = table.getChecks()
      for (let i = checks.length - 1; i >= 0; i--) {
        const check = checks[i]!
        const parsed = typeof check.expression === 'string' ? parseEnumCheck(check.expression, context.dialect === 'mysql') : undefined
        const column = parsed && table.getColumn(check.columnName ?? parsed.column)
        if (!parsed || !column || column.name !== parsed.column) continue
        column.mappedType = enumType
        column.enumItems = parsed.items
        const inline = context.dialect === 'sqlite' && check.columnName !== undefined
        if (!inline) context.enumCheckNames.set(`${table.name}.${column.name}`, check.name)
        checks.splice(i, 1)
      }
    }
  },
}

/**
 * Reads `kind in ('a', 'b')` or `kind = 'a'` (any identifier quoting, optional outer parentheses). MariaDB
 * reports quotes inside the items backslash-escaped (`'it\'s'`); elsewhere a backslash is text.
 *
 * @example
 * parseEnumCheck("`kind` in ('a','it''s')") // => { column: 'kind', items: ['a', "it's"] }
 */
export function parseEnumCheck(expression: string, backslashEscapes = false): { column: string; items: string[] } | undefined {
  let text = expression.trim()
  while (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim()
  const single = /^[`"[]?(\w+)[`"\]]?\s*=\s*('.*')$/s.exec(text)
  const match = single ? [text, single[1], single[2]] : /^[`"[]?(\w+)[`"\]]?\s+in\s*\((.*)\)$/is.exec(text)
  if (!match) return undefined
  const items: string[] = []
  const list = match[2]!.trim()
  const item = backslashEscapes ? /\s*'((?:[^'\\]|''|\\.)*)'\s*(?:,|$)/y : /\s*'((?:[^']|'')*)'\s*(?:,|$)/y
  let at = 0
  while (at < list.length) {
    item.lastIndex = at
    const found = item.exec(list)
    if (!found) return undefined
    const text = found[1]!.replaceAll("''", "'")
    items.push(backslashEscapes ? text.replace(/\\(.)/g, '$1') : text)
    at = item.lastIndex
  }
  return items.length > 0 ? { column: match[1]!, items } : undefined
}

function balanced(text: string): boolean {
  let depth = 0
  for (const char of text) {
    if (char === '(') depth++
    else if (char === ')' && --depth < 0) return false
  }
  return depth === 0
}
