/** Durations as the config and revision files write them: milliseconds, or a string with a unit. */

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000, m: 60_000, h: 3_600_000 }

/** A timeout as written: milliseconds (`1500`), or a number with a unit (`'500ms'`, `'5s'`, `'2min'`, `'1h'`). */
export type Duration = number | string

/**
 * The milliseconds a duration stands for, or undefined when it is not one (the caller names
 * the option in its error). Fractions are rounded up to the next millisecond.
 *
 * @example
 * parseDuration('5s')   // => 5000
 * parseDuration(1500)   // => 1500
 * parseDuration('soon') // => undefined
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?\s*$/.exec(value)
  if (!match) return undefined
  const ms = Math.ceil(Number(match[1]) * UNITS[match[2] ?? 'ms']!)
  return ms > 0 ? ms : undefined
}

/** What `parseDuration` accepts, for error messages. */
export const DURATION_HINT = "milliseconds (1500) or a string such as '500ms', '5s', '2min'"
