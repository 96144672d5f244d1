/**
 * cac parses with mri, which turns every value that reads as a number into one (`--rev-id 0001`
 * → 1, `-m 1e3` → 1000, `-m ""` → 0) and reads `-1` as an option. mig's values are revision ids,
 * messages and paths, so every word must stay the text the user typed: words mri would convert
 * get a marker that makes them non-numeric (and, for `-1`, not an option), and the marker comes
 * off again once cac has parsed.
 *
 * @example
 * cli.parse(['node', 'mig', ...protectWords(['downgrade', '-1'])], { run: false })
 * cli.args = restoreWords(cli.args) // ['-1']
 */
export function protectWords(argv: readonly string[]): string[] {
  const end = argv.indexOf('--')
  return argv.map((word, index) => {
    if (end !== -1 && index > end) return word // cac hands these over untouched
    if (mriReadsAsNumber(word)) return MARK + word // `0001`, `1e3`, and `-1` as a word rather than an option
    if (!word.startsWith('-')) return word
    const equals = word.indexOf('=')
    if (equals === -1) return word
    const value = word.slice(equals + 1)
    return mriReadsAsNumber(value) ? `${word.slice(0, equals + 1)}${MARK}${value}` : word
  })
}

/** Takes the markers off everything cac parsed (arguments, option values, lists of them). */
export function restoreWords<T>(parsed: T): T {
  if (typeof parsed === 'string') return (parsed.startsWith(MARK) ? parsed.slice(MARK.length) : parsed) as T
  if (Array.isArray(parsed)) return parsed.map(restoreWords) as T
  if (parsed !== null && typeof parsed === 'object') {
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, restoreWords(value)])) as T
  }
  return parsed
}

/** A Unicode private-use character: no one types it, and `+` makes it NaN. */
const MARK = '\uE000'

/** mri's own test (`x = +val, x * 0 === 0`): true for `0001`, `1e3`, `0x10`, `-1`, `''`, not `1_000`. */
function mriReadsAsNumber(word: string): boolean {
  const value = +word
  return value * 0 === 0
}
