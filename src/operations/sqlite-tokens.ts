/**
 * A small SQLite tokenizer: enough to read the `create table` text SQLite stores (check
 * constraints and constraint names are nowhere else) and to rename a column inside a check
 * expression or index, without touching string literals, comments or function names.
 */

export interface Token {
  readonly kind: 'word' | 'identifier' | 'string' | 'blob' | 'number' | 'symbol'
  /** The source text of the token. */
  readonly text: string
  /** An identifier without its quotes; a word as written. */
  readonly value: string
  readonly start: number
  readonly end: number
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const CLOSING: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' }

/**
 * Splits SQL into tokens, dropping whitespace and comments. An unterminated quote runs to the
 * end (SQLite accepted the text, so that does not happen with stored schema SQL).
 *
 * @example
 * tokenize(`"a" > 'x' -- note`).map((token) => token.value) // => ['a', '>', "'x'"]
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const push = (kind: Token['kind'], start: number, end: number, value = sql.slice(start, end)) =>
    tokens.push({ kind, text: sql.slice(start, end), value, start, end })
  while (i < sql.length) {
    const ch = sql[i]!
    if (/\s/.test(ch)) {
      i++
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? sql.length : end + 1
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 2
    } else if (ch === "'") {
      const end = skipQuoted(sql, i, "'")
      push('string', i, end)
      i = end
    } else if ((ch === 'x' || ch === 'X') && sql[i + 1] === "'") {
      const end = skipQuoted(sql, i + 1, "'")
      push('blob', i, end)
      i = end
    } else if (ch in CLOSING) {
      const close = CLOSING[ch]!
      const end = skipQuoted(sql, i, close)
      push('identifier', i, end, sql.slice(i + 1, end - 1).split(close + close).join(close))
      i = end
    } else if (WORD_START.test(ch)) {
      let end = i + 1
      while (end < sql.length && WORD_PART.test(sql[end]!)) end++
      push('word', i, end)
      i = end
    } else if (/[0-9.]/.test(ch) && /[0-9]/.test(sql[ch === '.' ? i + 1 : i] ?? '')) {
      const match = /^(?:0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?)/i.exec(sql.slice(i))
      const end = i + (match?.[0].length ?? 1)
      push('number', i, end)
      i = end
    } else {
      push('symbol', i, i + 1)
      i++
    }
  }
  return tokens
}

function skipQuoted(sql: string, i: number, close: string): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (sql[j] === close) {
      // `[...]` has no escape; the other quotes escape themselves by doubling.
      if (close !== ']' && sql[j + 1] === close) j++
      else return j + 1
    }
  }
  return sql.length
}

/** True when the token names `name` (SQLite identifiers are case-insensitive). */
export function isName(token: Token | undefined, name: string): boolean {
  return token !== undefined && (token.kind === 'word' || token.kind === 'identifier') && token.value.toLowerCase() === name.toLowerCase()
}

/** True for a bare keyword such as `check` (quoted text is never a keyword). */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.value.toLowerCase() === keyword
}

/**
 * Index of the `)` that closes the `(` at `open`, or -1.
 *
 * @example
 * closingParen(tokenize('(a, (b)) c'), 0) // => 6
 */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i]!.kind === 'symbol' ? tokens[i]!.text : ''
    if (text === '(') depth++
    else if (text === ')' && --depth === 0) return i
  }
  return -1
}

// A word followed by `(` is a function call (`length(name)`), not the column `length`.
function isColumnReference(tokens: readonly Token[], i: number, name: string): boolean {
  const token = tokens[i]!
  if (!isName(token, name)) return false
  return token.kind === 'identifier' || tokens[i + 1]?.text !== '('
}

/**
 * Whether an SQL expression refers to a column.
 *
 * @example
 * mentionsColumn("length(name) > 0 and status <> 'name'", 'name')   // => true
 * mentionsColumn("length(title) > 0", 'length')                      // => false
 */
export function mentionsColumn(sql: string, column: string): boolean {
  const tokens = tokenize(sql)
  return tokens.some((_, i) => isColumnReference(tokens, i, column))
}

/**
 * Rewrites references to a column in an SQL expression, leaving strings, comments and
 * function names alone. `from` offset: only tokens at or after that character change.
 *
 * @example
 * renameColumnIn("\"qty\" > 0 and note <> 'qty'", 'qty', 'amount') // => "\"amount\" > 0 and note <> 'qty'"
 */
export function renameColumnIn(sql: string, column: string, to: string, from = 0): string {
  const tokens = tokenize(sql)
  let result = ''
  let last = 0
  tokens.forEach((token, i) => {
    if (token.start < from || !isColumnReference(tokens, i, column)) return
    result += `${sql.slice(last, token.start)}"${to.replaceAll('"', '""')}"`
    last = token.end
  })
  return result + sql.slice(last)
}
