import type { LintResult } from '../../commands/lint.js'
import { print, text, xArgs, type CommandContext, type Options } from '../options.js'

/** Runs `mig lint`; exit code 1 when a finding is an error. */
export async function run(context: CommandContext, range: string | undefined, options: Options): Promise<number> {
  const { lint } = await import('../../commands/lint.js')
  const result = await lint(await context.config(options), {
    range,
    dialect: text(options, 'dialect'),
    targetVersion: text(options, 'targetVersion'),
    xArgs: xArgs(options),
  })
  print(context.output, Boolean(options.json), result, () => formatLint(result))
  if (!options.json) context.output.err(summary(result))
  return result.errors > 0 ? 1 : 0
}

/**
 * One block per finding: where, what, why, and what to write instead.
 *
 * @example
 * // migrations/versions/ae10_add_index.ts:12 MIG104 error index-without-concurrently
 * //   op.createIndex('post_title_index', 'post', ...)
 * //   why: CREATE INDEX 'post_title_index' holds a SHARE lock ...
 * //   fix: op.createIndex(..., { concurrently: true }) ...
 */
function formatLint(result: LintResult): string {
  return result.findings
    .map((finding) =>
      [
        `${finding.file}:${finding.line} ${finding.code} ${finding.severity} ${finding.rule}${finding.bind ? ` (database ${finding.bind})` : ''}`,
        `  ${finding.operation}`,
        `  why: ${finding.why}`,
        `  fix: ${finding.recipe}`,
        `  (revision ${finding.revision}; to accept it: // mig-lint-ignore ${finding.code}: <reason> above the call)`,
      ].join('\n'),
    )
    .join('\n\n')
}

function summary(result: LintResult): string {
  const count = result.databases.reduce((sum, database) => sum + database.revisions.length, 0)
  const where = result.databases.map((database) => `${database.dialect}${database.version ? ` ${database.version}` : ''}${database.connected ? '' : ', offline'}`).join('; ')
  if (count === 0) return `No revisions to lint (${where}).`
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  return `Linted ${plural(count, 'revision')} (${where}): ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}.`
}
