/**
 * A small reader for the `CREATE TABLE` text SQLite keeps in `sqlite_master`: the only place
 * that still knows constraint names and check constraints (no pragma reports them).
 */

/** A table-level constraint, or a constraint written inside a column definition. */
export interface DdlConstraint {
  readonly name: string | undefined
  readonly kind: 'check' | 'foreign' | 'primary' | 'unique'
  /** For checks: the expression inside `check (...)`. */
  readonly expression?: string
  /** The constrained columns: the column itself for an inline constraint, else the list after the keyword. */
  readonly columns: readonly string[]
  /** True when written inside a column definition. */
  readonly inline: boolean
}

/**
 * The named and unnamed constraints of a `CREATE TABLE` statement, in order.
 *
 * @example
 * readConstraints('create table "t" ("id" integer, "k" text check ("k" in (\'a\')), constraint "t_p" check (id > 0))')
 * // => [{ kind: 'check', name: undefined, expression: '"k" in (\'a\')', columns: ['k'], inline: true },
 * //     { kind: 'check', name: 't_p', expression: 'id > 0', columns: [], inline: false }]
 */
export function readConstraints(sql: string): DdlConstraint[] {
  const open = sql.indexOf('(')
  if (open < 0) return []
  const close = matchingParen(sql, open)
  const parts = splitTopLevel(sql.slice(open + 1, close))
  const constraints: DdlConstraint[] = []
  for (const part of parts) {
    const tokens = new Reader(part)
    const first = tokens.peekWord()
    if (first === 'constraint' || first === 'check' || first === 'foreign' || first === 'primary' || first === 'unique') {
      const constraint = readConstraint(tokens, [], false)
      if (constraint) constraints.push(constraint)
      continue
    }
    const column = tokens.identifier()
    if (column === undefined) continue
    // Constraints inside a column definition: find each `constraint`/`check`/`references` keyword.
    while (!tokens.done()) {
      const word = tokens.peekWord()
      if (word === 'constraint' || word === 'check' || word === 'references') {
        const constraint = readConstraint(tokens, [column], true)
        if (constraint) constraints.push(constraint)
      } else {
        tokens.skipToken()
      }
    }
  }
  return constraints
}

function readConstraint(tokens: Reader, columns: string[], inline: boolean): DdlConstraint | undefined {
  let name: string | undefined
  if (tokens.peekWord() === 'constraint') {
    tokens.skipToken()
    name = tokens.identifier()
  }
  const keyword = tokens.peekWord()
  tokens.skipToken()
  if (keyword === 'check') {
    const expression = tokens.parenthesized()
    return expression === undefined ? undefined : { name, kind: 'check', expression: expression.trim(), columns, inline }
  }
  if (keyword === 'references') return { name, kind: 'foreign', columns, inline }
  if (keyword === 'foreign' || keyword === 'primary') {
    tokens.skipToken() // `key`
    return { name, kind: keyword, columns: inline ? columns : identifierList(tokens.parenthesized()), inline }
  }
  if (keyword === 'unique') return { name, kind: 'unique', columns: inline ? columns : identifierList(tokens.parenthesized()), inline }
  return undefined
}

function identifierList(text: string | undefined): string[] {
  if (text === undefined) return []
  return splitTopLevel(text).map((part) => new Reader(part).identifier()).filter((name): name is string => name !== undefined)
}

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (QUOTES[char]) i = skipQuoted(text, i)
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(text.slice(start).trim())
  return parts.filter((part) => part !== '')
}

const QUOTES: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' }

/** Index of the closing quote of the quoted text starting at `at` (doubled quotes stay inside). */
function skipQuoted(text: string, at: number): number {
  const end = QUOTES[text[at]!]!
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] !== end) continue
    if (end !== ']' && text[i + 1] === end) i++
    else return i
  }
  return text.length
}

/**
 * The index of the `)` that closes the `(` at `open`, quoted text skipped (`text.length` if none).
 *
 * @example
 * matchingParen("(a) + (')')", 0) // => 2
 */
export function matchingParen(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const char = text[i]!
    if (QUOTES[char]) i = skipQuoted(text, i)
    else if (char === '(') depth++
    else if (char === ')' && --depth === 0) return i
  }
  return text.length
}

/** Walks the tokens of one definition: words, quoted identifiers, parenthesised groups. */
class Reader {
  #at = 0
  constructor(readonly text: string) {}

  done(): boolean {
    this.#skipSpace()
    return this.#at >= this.text.length
  }

  peekWord(): string | undefined {
    this.#skipSpace()
    const match = /^[A-Za-z_]\w*/.exec(this.text.slice(this.#at))
    return match?.[0].toLowerCase()
  }

  identifier(): string | undefined {
    this.#skipSpace()
    const char = this.text[this.#at]
    if (char === undefined) return undefined
    if (QUOTES[char]) {
      const end = skipQuoted(this.text, this.#at)
      const inner = this.text.slice(this.#at + 1, end)
      this.#at = end + 1
      return char === '[' ? inner : inner.replaceAll(char + char, char)
    }
    const match = /^[^\s(),]+/.exec(this.text.slice(this.#at))
    if (!match) return undefined
    this.#at += match[0].length
    return match[0]
  }

  /** The text inside the next `( ... )`, or undefined when the next token is not one. */
  parenthesized(): string | undefined {
    this.#skipSpace()
    if (this.text[this.#at] !== '(') return undefined
    const close = matchingParen(this.text, this.#at)
    const inner = this.text.slice(this.#at + 1, close)
    this.#at = close + 1
    return inner
  }

  skipToken(): void {
    this.#skipSpace()
    const char = this.text[this.#at]
    if (char === undefined) return
    if (char === '(') this.#at = matchingParen(this.text, this.#at) + 1
    else if (QUOTES[char]) this.#at = skipQuoted(this.text, this.#at) + 1
    else {
      const match = /^[^\s(]+/.exec(this.text.slice(this.#at))
      this.#at += match ? match[0].length : 1
    }
  }

  #skipSpace(): void {
    while (this.#at < this.text.length && /\s/.test(this.text[this.#at]!)) this.#at++
  }
}
