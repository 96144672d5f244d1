import { closingParen, isKeyword, tokenize, type Token } from './sqlite-tokens.js'

/** A check constraint as written; `column` is set for a check written on a column. */
export interface ParsedCheck {
  readonly name: string | undefined
  readonly expression: string
  readonly column?: string
}

/** A constraint's (optional) name and its local columns. */
export interface ParsedConstraint {
  readonly name: string | undefined
  readonly columns: readonly string[]
}

/** What SQLite keeps only in the `create table` text: constraint names, checks, `autoincrement`. */
export interface ParsedCreateTable {
  /** The column declared `autoincrement`, if any. */
  autoincrement: string | undefined
  /** Each column's type as declared (the pragmas upper-case `text`, `integer`, `real`, `blob`). */
  readonly types: Map<string, string>
  /** In declaration order, as are the others. */
  readonly checks: ParsedCheck[]
  readonly foreignKeys: ParsedConstraint[]
  readonly uniques: ParsedConstraint[]
}

/**
 * Reads a stored `create table` statement (from `sqlite_master.sql`). The pragmas give
 * columns, keys and foreign keys, but not check constraints nor any constraint's name.
 *
 * @example
 * parseCreateTable('create table "t" ("id" integer not null primary key autoincrement, "n" integer, constraint "t_n_check" check (n > 0))')
 * // => { autoincrement: 'id', types: id → integer, n → integer, checks: [{ name: 't_n_check', expression: 'n > 0' }], foreignKeys: [], uniques: [] }
 */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql)
  const open = tokens.findIndex((token) => token.kind === 'symbol' && token.text === '(')
  const close = open < 0 ? -1 : closingParen(tokens, open)
  const result: ParsedCreateTable = { autoincrement: undefined, types: new Map(), checks: [], foreignKeys: [], uniques: [] }
  if (close < 0) return result
  for (const definition of splitDefinitions(tokens.slice(open + 1, close))) {
    readDefinition(sql, definition, result)
  }
  return result
}

function splitDefinitions(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]]
  let depth = 0
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === '(') depth++
    if (token.kind === 'symbol' && token.text === ')') depth--
    if (depth === 0 && token.kind === 'symbol' && token.text === ',') parts.push([])
    else parts[parts.length - 1]!.push(token)
  }
  return parts.filter((part) => part.length > 0)
}

const TABLE_CONSTRAINTS = new Set(['check', 'foreign', 'unique', 'primary'])
// The words that end a column's type name and start its constraints.
const COLUMN_CONSTRAINTS = new Set(['constraint', 'primary', 'not', 'null', 'unique', 'check', 'default', 'collate', 'references', 'generated', 'as'])

function readDefinition(sql: string, tokens: readonly Token[], result: ParsedCreateTable): void {
  const first = tokens[0]!
  const isTableConstraint = isKeyword(first, 'constraint') || (first.kind === 'word' && TABLE_CONSTRAINTS.has(first.value.toLowerCase()))
  const column = isTableConstraint ? undefined : first.value
  if (column !== undefined) {
    const end = tokens.findIndex((token, i) => i > 0 && token.kind === 'word' && COLUMN_CONSTRAINTS.has(token.value.toLowerCase()))
    const typeTokens = tokens.slice(1, end < 0 ? tokens.length : end)
    if (typeTokens.length > 0) result.types.set(column, sql.slice(typeTokens[0]!.start, typeTokens[typeTokens.length - 1]!.end))
  }
  // Walk the clauses: `constraint <name>` names whatever clause comes next.
  let name: string | undefined
  for (let i = isTableConstraint ? 0 : 1; i < tokens.length; i++) {
    const token = tokens[i]!
    if (isKeyword(token, 'constraint')) {
      name = tokens[i + 1]?.value
      i++
      continue
    }
    if (isKeyword(token, 'autoincrement') && column !== undefined) result.autoincrement = column
    if (isKeyword(token, 'check') && tokens[i + 1]?.text === '(') {
      const end = closingParen(tokens, i + 1)
      const expression = sql.slice(tokens[i + 1]!.end, tokens[end]?.start ?? sql.length).trim()
      result.checks.push(column === undefined ? { name, expression } : { name, expression, column })
      i = end
    } else if (isKeyword(token, 'references') && column !== undefined) {
      result.foreignKeys.push({ name, columns: [column] })
    } else if (isKeyword(token, 'foreign') && tokens[i + 2]?.text === '(') {
      const end = closingParen(tokens, i + 2)
      result.foreignKeys.push({ name, columns: namesBetween(tokens, i + 2, end) })
      i = end
    } else if (isKeyword(token, 'unique')) {
      if (column !== undefined) {
        result.uniques.push({ name, columns: [column] })
      } else if (tokens[i + 1]?.text === '(') {
        const end = closingParen(tokens, i + 1)
        result.uniques.push({ name, columns: namesBetween(tokens, i + 1, end) })
        i = end
      }
    } else {
      continue
    }
    name = undefined
  }
}

// Column names in `(a, "b" collate nocase, c desc)`: the first token of each entry.
function namesBetween(tokens: readonly Token[], open: number, close: number): string[] {
  return splitDefinitions(tokens.slice(open + 1, close)).map((entry) => entry[0]!.value)
}
