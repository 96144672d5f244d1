import type { RecordedCall } from './types.js'

interface Occurrence {
  readonly method: string
  readonly line: number
  /** The text after the call's `(`, to tell calls of one method apart by their first argument. */
  readonly after: string
}

/**
 * Finds the line of each recorded call in the revision's source. Calls are matched to the
 * `.method(` occurrences of the file in order, preferring the occurrence whose arguments start
 * with the call's first string argument; a call repeated by a loop gets the occurrence again.
 *
 * @example
 * locateCalls("await op.dropColumn('user', 'age')\n", calls) // calls[0].line === 1
 */
export function locateCalls(source: string, calls: readonly RecordedCall[]): void {
  const occurrences = findOccurrences(source)
  let cursor = -1
  for (const call of calls) {
    const first = call.args.find((arg): arg is string => typeof arg === 'string')
    const named = (o: Occurrence) => o.method === call.written
    const argued = (o: Occurrence) => named(o) && (first === undefined || new RegExp(`^\\s*['"\`]${escape(first)}['"\`]`).test(o.after))
    const at =
      findFrom(occurrences, cursor, argued) ?? findFrom(occurrences, cursor, named) ?? findFrom(occurrences, -1, argued) ?? findFrom(occurrences, -1, named)
    if (at === undefined) continue
    cursor = at
    call.line = occurrences[at]!.line
  }
}

function findFrom(occurrences: readonly Occurrence[], after: number, test: (o: Occurrence) => boolean): number | undefined {
  for (let i = after + 1; i < occurrences.length; i++) if (test(occurrences[i]!)) return i
  return undefined
}

const CALL = /\.\s*([A-Za-z_$][\w$]*)\s*\(/g

function findOccurrences(source: string): Occurrence[] {
  const code = blankComments(source)
  const starts = lineStarts(code)
  return [...code.matchAll(CALL)].map((match) => {
    const end = match.index + match[0].length
    return { method: match[1]!, line: lineAt(starts, match.index), after: code.slice(end, end + 200) }
  })
}

/** The source with comments replaced by spaces (lines kept), so a call in a comment is no call. */
function blankComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '))
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (starts[mid]! <= offset) low = mid
    else high = mid - 1
  }
  return low + 1
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** One `// mig-lint-ignore CODE[, CODE]: reason` comment. */
export interface IgnoreComment {
  readonly line: number
  readonly codes: readonly string[]
  /** Empty when the comment gives none (which is itself a finding). */
  readonly reason: string
}

const IGNORE = /\/\/\s*mig-lint-ignore\b([^\n]*)/

/**
 * Every ignore comment of the file, by line.
 *
 * @example
 * ignoreComments('// mig-lint-ignore MIG201: the code stopped reading it in v41\n') // [{ line: 1, codes: ['MIG201'], reason: 'the code stopped reading it in v41' }]
 */
export function ignoreComments(source: string): IgnoreComment[] {
  return source.split('\n').flatMap((text, index) => {
    const match = IGNORE.exec(text)
    if (!match) return []
    const rest = match[1]!.trim()
    const colon = rest.indexOf(':')
    const codes = (colon >= 0 ? rest.slice(0, colon) : rest).split(/[\s,]+/).filter((code) => code !== '')
    return [{ line: index + 1, codes, reason: colon >= 0 ? rest.slice(colon + 1).trim() : '' }]
  })
}

/**
 * The ignore comments that apply to a call on `line`: those on the call's own line and in the
 * block of comment lines right above it.
 */
export function ignoresAbove(source: readonly string[], ignores: readonly IgnoreComment[], line: number): IgnoreComment[] {
  let top = line
  while (top > 1 && source[top - 2]!.trim().startsWith('//')) top--
  return ignores.filter((ignore) => ignore.line >= top && ignore.line <= line)
}
