import type { Dialect } from './types.js'

// Words that may follow `begin` when it starts a transaction rather than a compound block.
const TRANSACTION_WORDS = new Set(['transaction', 'work', 'deferred', 'immediate', 'exclusive', 'isolation', 'read', 'not', 'deferrable'])

const isWordChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_$]/.test(ch)
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch)

/**
 * Splits SQL text into single statements at top-level `;`, skipping semicolons inside quoted
 * strings and identifiers, comments and PostgreSQL dollar quotes. Drivers such as
 * better-sqlite3 and mysql2 run one statement per call, and `--sql` output lists them apart.
 *
 * When the text cannot be split with certainty, it comes back whole as one entry: a compound
 * `begin ... end` block (a trigger or procedure body, whose inner `;` are not quoted) or an
 * unterminated quote or comment (the database will report that better than a guess).
 * Statements come back trimmed, without their `;`; empty and comment-only pieces are dropped.
 *
 * @example
 * splitStatements('postgresql', "insert into t values ('a;b'); select 1;")
 * // => ["insert into t values ('a;b')", 'select 1']
 */
export function splitStatements(dialect: Dialect, sql: string): string[] {
  const whole = sql.trim() === '' ? [] : [sql.trim()]
  const statements: string[] = []
  let start = 0
  let hasCode = false
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (isCommentStart(dialect, sql, i)) {
      const end = skipComment(dialect, sql, i)
      if (end < 0) return whole
      i = end
    } else if (ch === ';') {
      if (hasCode) statements.push(sql.slice(start, i).trim())
      start = i + 1
      hasCode = false
      i++
    } else if (isSpace(ch)) {
      i++
    } else {
      hasCode = true
      const end = skipToken(dialect, sql, i)
      if (end < 0) return whole
      if (isWordChar(ch) && sql.slice(i, end).toLowerCase() === 'begin' && opensBlock(dialect, sql, end)) return whole
      i = end
    }
  }
  if (hasCode) statements.push(sql.slice(start).trim())
  return statements
}

function isCommentStart(dialect: Dialect, sql: string, i: number): boolean {
  const ch = sql[i]
  if (ch === '/' && sql[i + 1] === '*') return true
  if (ch === '#') return dialect === 'mysql'
  // MySQL wants whitespace after `--` (so `1--1` is arithmetic there).
  if (ch === '-' && sql[i + 1] === '-') return dialect !== 'mysql' || i + 2 >= sql.length || isSpace(sql[i + 2])
  return false
}

/** Index just past the comment at `i`, or -1 when it never ends. */
function skipComment(dialect: Dialect, sql: string, i: number): number {
  if (sql[i] !== '/') {
    const end = sql.indexOf('\n', i)
    return end < 0 ? sql.length : end + 1
  }
  // PostgreSQL block comments nest; the others end at the first `*/`.
  let depth = 0
  for (let j = i; j < sql.length - 1; j++) {
    if (sql[j] === '/' && sql[j + 1] === '*' && (depth === 0 || dialect === 'postgresql')) {
      depth++
      j++
    } else if (sql[j] === '*' && sql[j + 1] === '/') {
      depth--
      j++
      if (depth === 0) return j + 1
    }
  }
  return -1
}

/** Index just past the token (quoted text, word or single character) at `i`, or -1 if unterminated. */
function skipToken(dialect: Dialect, sql: string, i: number): number {
  const ch = sql[i]!
  if (ch === "'") return skipQuoted(sql, i, "'", dialect === 'mysql')
  if (ch === '"') return skipQuoted(sql, i, '"', dialect === 'mysql')
  if (ch === '`' && dialect !== 'postgresql') return skipQuoted(sql, i, '`', false)
  if (ch === '[' && dialect === 'sqlite') {
    const end = sql.indexOf(']', i + 1)
    return end < 0 ? -1 : end + 1
  }
  if (ch === '$' && dialect === 'postgresql') {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0]
    if (tag) {
      const end = sql.indexOf(tag, i + tag.length)
      return end < 0 ? -1 : end + tag.length
    }
  }
  if (isWordChar(ch)) {
    let end = i
    while (isWordChar(sql[end])) end++
    // PostgreSQL's E'...' strings are the one place where it honours backslash escapes.
    if (dialect === 'postgresql' && end === i + 1 && /[eE]/.test(ch) && sql[end] === "'") {
      return skipQuoted(sql, end, "'", true)
    }
    return end
  }
  return i + 1
}

/** Index just past a quoted run starting at `i`; a doubled quote (or, if allowed, a backslash) escapes. */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  for (let j = i + 1; j < sql.length; j++) {
    const ch = sql[j]
    if (backslashEscapes && ch === '\\') {
      j++
    } else if (ch === quote) {
      if (sql[j + 1] !== quote) return j + 1
      j++
    }
  }
  return -1
}

/** Whether the `begin` ending at `i` opens a compound block rather than a transaction. */
function opensBlock(dialect: Dialect, sql: string, i: number): boolean {
  while (i < sql.length) {
    if (isSpace(sql[i])) {
      i++
    } else if (isCommentStart(dialect, sql, i)) {
      i = skipComment(dialect, sql, i)
      if (i < 0) return true
    } else {
      break
    }
  }
  if (i >= sql.length || sql[i] === ';') return false
  let end = i
  while (isWordChar(sql[end])) end++
  return !TRANSACTION_WORDS.has(sql.slice(i, end).toLowerCase())
}
