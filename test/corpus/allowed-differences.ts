import type { Dialect } from './databases.js'

/**
 * Where the schema mig creates for a corpus set may differ from the one MikroORM's own
 * `getCreateSchemaSQL()` creates: each difference on purpose, explained, and listed in the README.
 * Each entry rewrites a line of mig's schema dump into what MikroORM's would say (or drops it,
 * with `replacement: null`); any difference left after the rewrites fails the corpus test.
 */
export interface AllowedDifference {
  readonly dialects: readonly Dialect[]
  /** A line of mig's schema dump. */
  readonly pattern: RegExp
  readonly replacement: string | null
  readonly reason: string
}

export const ALLOWED_DIFFERENCES: readonly AllowedDifference[] = [
  {
    dialects: ['sqlite'],
    pattern: /^(column \S+) varchar\(\d+\)/,
    replacement: '$1 text',
    reason:
      'SQLite keeps the declared type of a string column, `varchar(255)`, where MikroORM writes `text`. ' +
      'Both have TEXT affinity and SQLite enforces no length, but only the declared type lets a revision ' +
      'generated on a SQLite dev database see a length change that PostgreSQL and MariaDB need (issue 10).',
  },
  {
    dialects: ['sqlite'],
    pattern: /^index \S+ origin=c \([^)]*\) where 0$/,
    replacement: null,
    reason:
      'A fulltext index on SQLite, which has none: MikroORM writes nothing; mig keeps an empty partial ' +
      "index (`where 0`) in its place, so the model's index is seen as present and `check` stays clean.",
  },
]

/** mig's dump with every allowed difference rewritten into MikroORM's spelling. */
export function explainDifferences(dialect: Dialect, lines: readonly string[]): string[] {
  const rules = ALLOWED_DIFFERENCES.filter((allowed) => allowed.dialects.includes(dialect))
  return lines.flatMap((line) => {
    let result: string | null = line
    for (const rule of rules) if (result !== null && rule.pattern.test(result)) result = rule.replacement === null ? null : result.replace(rule.pattern, rule.replacement)
    return result === null ? [] : [result]
  })
}
