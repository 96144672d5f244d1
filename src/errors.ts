/**
 * Every expected failure in mig is a `MigError`: a stable `code` for programs, and a one-line
 * `message` for people that names the file, revision or option and says what to do next.
 * The CLI prints `Error: <message>` and exits 1 (2 for usage errors); nothing else is shown
 * unless `MIG_DEBUG=1`.
 */
export type MigErrorCode =
  // revision graph
  | 'UNKNOWN_REVISION'
  | 'AMBIGUOUS_REVISION'
  | 'MULTIPLE_HEADS'
  | 'DUPLICATE_REVISION'
  | 'DUPLICATE_LABEL'
  | 'MISSING_PARENT'
  | 'CYCLE'
  | 'NOT_A_HEAD'
  | 'NOT_ON_BRANCH'
  | 'BAD_RELATIVE'
  | 'AMBIGUOUS_WALK'
  | 'BAD_DOWNGRADE_TARGET'
  | 'BAD_RANGE'
  // repository and files
  | 'NO_CONFIG'
  | 'BAD_CONFIG'
  | 'NO_REPOSITORY'
  | 'REPOSITORY_EXISTS'
  | 'BAD_REVISION_FILE'
  | 'BAD_MODULE'
  | 'BAD_TEMPLATE'
  | 'EDITOR_FAILED'
  // database
  | 'CONNECTION'
  | 'MIGRATION_FAILED'
  | 'VERSION_TABLE'
  | 'NOT_UP_TO_DATE'
  | 'OFFLINE_UNSUPPORTED'
  | 'UNSUPPORTED'
  // operations: a revision called `op.xxx(...)` with arguments that cannot become SQL
  | 'BAD_OPERATION'
  // input
  | 'USAGE'

export class MigError extends Error {
  override readonly name = 'MigError'
  constructor(
    readonly code: MigErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export function isMigError(error: unknown): error is MigError {
  return error instanceof Error && error.name === 'MigError' && 'code' in error
}
