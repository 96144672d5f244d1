/**
 * Writes JavaScript values as source code the way a person would: single quotes, bare keys,
 * short things on one line, long ones broken one entry per line.
 */

const WIDTH = 110
const INDENT = '  '

/**
 * Source text for a value (strings, numbers, booleans, null, arrays and plain objects;
 * `undefined` properties are left out).
 *
 * @example
 * renderValue({ name: 'email', type: 'string', length: 320 }) // => "{ name: 'email', type: 'string', length: 320 }"
 */
export function renderValue(value: unknown, indent = '', room = WIDTH): string {
  const inline = renderInline(value)
  if (inline.length <= room - indent.length || !isContainer(value)) return inline
  const inner = indent + INDENT
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${renderValue(item, inner)},`).join('\n')}\n${indent}]`
  }
  const entries = definedEntries(value as Record<string, unknown>)
  return `{\n${entries.map(([key, item]) => `${inner}${renderKey(key)}: ${renderValue(item, inner, room - key.length - 2)},`).join('\n')}\n${indent}}`
}

/**
 * A value on one line, however long.
 *
 * @example
 * renderInline(['a', 1, null]) // => "['a', 1, null]"
 */
export function renderInline(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'string') return renderString(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return `[${value.map(renderInline).join(', ')}]`
  const entries = definedEntries(value as Record<string, unknown>)
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${renderKey(key)}: ${renderInline(item)}`).join(', ')} }`
}

/**
 * A string literal: single-quoted, or double-quoted when that saves escapes.
 *
 * @example
 * renderString("kind in ('a')") // => `"kind in ('a')"`
 */
export function renderString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll(quote, `\\${quote}`)
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
  return `${quote}${escaped}${quote}`
}

function renderKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : renderString(key)
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null
}

function definedEntries(object: Record<string, unknown>): [string, unknown][] {
  return Object.entries(object).filter(([, item]) => item !== undefined)
}
