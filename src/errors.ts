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
  // applied revisions whose files are gone (see `mig sync`)
  | 'PHANTOM_REVISIONS'
  | 'PHANTOM_WITHOUT_SOURCE'
  | 'SNAPSHOT'
  // models with changes no revision covers (mig/vitest's ready-made check)
  | 'MODELS_CHANGED'
  | 'OFFLINE_UNSUPPORTED'
  | 'UNSUPPORTED'
  // operations: a revision called `op.xxx(...)` with arguments that cannot become SQL
  | 'BAD_OPERATION'
  // input
  | 'USAGE'

/** Where a failure happened, when it is known: programs read these instead of parsing the message. */
export interface MigErrorDetails {
  /** The revision being run, stamped or resolved. */
  readonly revision?: string | undefined
  /** The file at fault (a revision file, the config, `env.ts`). */
  readonly file?: string | undefined
  /** The database (bind name; `default` is the main one) the failure happened on. */
  readonly bind?: string | undefined
  /** Whether a revision was being applied or reverted. */
  readonly direction?: 'up' | 'down' | undefined
}

export class MigError extends Error implements MigErrorDetails {
  override readonly name = 'MigError'
  // `declare`: no own property unless the detail is known (see the constructor).
  declare readonly revision?: string
  declare readonly file?: string
  declare readonly bind?: string
  declare readonly direction?: 'up' | 'down'
  /**
   * @example
   * throw new MigError('MIGRATION_FAILED', 'upgrade of revision ae10 failed: ...', { revision: 'ae10', direction: 'up', cause })
   */
  constructor(
    readonly code: MigErrorCode,
    message: string,
    options: MigErrorDetails & { cause?: unknown } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined)
    // Only the details that are known, so a JSON dump of the error shows no empty fields.
    for (const key of ['revision', 'file', 'bind', 'direction'] as const) {
      if (options[key] !== undefined) Object.assign(this, { [key]: options[key] })
    }
  }
}

export function isMigError(error: unknown): error is MigError {
  return error instanceof Error && error.name === 'MigError' && 'code' in error
}
