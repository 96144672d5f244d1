/** What the script directory knows about one revision file, read without executing it. */
export interface RevisionHeader {
  /** The revision id (`1ded3ec2110c`). */
  readonly id: string
  /** Parent ids: empty for a base, one for a plain step, several for a merge. */
  readonly downRevisions: readonly string[]
  /** Labels declared in this file (not the inherited ones). */
  readonly branchLabels: readonly string[]
  /** `dependsOn` entries as written: full ids, unique prefixes or branch labels. */
  readonly dependsOn: readonly string[]
  /** First line(s) of the doc comment, before `Revision ID:`. */
  readonly message: string
  /** The whole doc comment, without comment markers (what `show` prints, indented). */
  readonly doc: string
  /** Absolute path of the file; used in messages so the user can find it. */
  readonly path: string
}

/** One row change of the version table, applied in order after a step's migration ran. */
export type VersionRowChange =
  | { readonly kind: 'insert'; readonly id: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly id: string }

/** One migration to run (or, for stamp, only the version-table change). */
export interface Step {
  readonly direction: 'up' | 'down'
  /** The revision whose `upgrade`/`downgrade` runs. */
  readonly revision: RevisionHeader
  /** For the log line `Running upgrade <from> -> <to>`: parents when going up, this id when going down. */
  readonly fromIds: readonly string[]
  /** This id when going up, the parents when going down. */
  readonly toIds: readonly string[]
  /** What happens to the version table when this step commits. */
  readonly versionChanges: readonly VersionRowChange[]
}

/** One `stamp` move: only the version table changes, no migration runs. */
export interface StampStep {
  /** For the log line `Running stamp_revision <from> -> <to>`: the rows replaced (none for a new line). */
  readonly fromIds: readonly string[]
  /** The target (none when stamping down to base). */
  readonly toIds: readonly string[]
  readonly versionChanges: readonly VersionRowChange[]
}

/** A `[start]:[end]` range as written; either side may be missing. */
export interface RevisionRange {
  readonly start: string | undefined
  readonly end: string | undefined
}
