import type { RevisionModule } from '../config/types.js'

/**
 * What the runtime needs of a planned step. The revision layer's steps have this shape; the
 * runtime names it itself so that it depends on neither the revision graph nor the script folder.
 */
export interface RunStep {
  readonly direction: 'up' | 'down'
  readonly revision: { readonly id: string; readonly path: string; readonly message: string }
  readonly fromIds: readonly string[]
  readonly toIds: readonly string[]
  readonly versionChanges: readonly VersionChange[]
}

/** One row change of the version table, applied in order after a step's migration ran. */
export type VersionChange =
  | { readonly kind: 'insert'; readonly id: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly id: string }

/**
 * Where a run goes, as the revision layer plans it. `start` is called once per database, inside
 * the lock and before any step, with the rows the database has then: relative targets (`+1`,
 * `-1`) are fixed there, so re-planning after each step does not move them.
 */
export interface RunPlan<S extends RunStep = RunStep> {
  /** Fixes the target for `database`; returns the planner of its remaining steps from its rows. */
  start(database: string, rows: readonly string[], stored: StoredState): ((rows: readonly string[]) => S[]) | Promise<(rows: readonly string[]) => S[]>
  /** The rows `step` leaves behind `rows`, to notice (and re-plan after) another process's work. */
  rowsAfter(rows: readonly string[], step: S): string[]
}

/** How steps get their revision's code: the script layer supplies it (files, or a bundle). */
export interface RevisionModules {
  load(path: string): Promise<RevisionModule>
  /** Starts loading the files a plan will run, so their reads overlap. */
  prefetch(paths: readonly string[]): void
  /** The text a revision was loaded from and its path in the migrations folder, to keep beside the version row (none for a bundled revision). */
  source(path: string): Promise<{ readonly text: string; readonly file: string } | undefined>
}

/** One applied revision as the source table (`runtime/revision-sources.ts`) records it. */
export interface StoredRevision {
  readonly revision: string
  /** SHA-256 of the source (line endings normalised, so a checkout with CRLF is not an edit). */
  readonly hash: string
  /** The file, relative to the migrations folder (`versions/ae10_add_email.ts`). */
  readonly path: string
  /** When it was applied (or stamped), ISO 8601 UTC. */
  readonly appliedAt: string
  readonly branch: string | null
  readonly commit: string | null
}

/** What a database's source table holds, read on demand (a plan needs it only when a row is not in the graph). */
export interface StoredState {
  /** Every applied revision it recorded, oldest first. */
  revisions(): Promise<StoredRevision[]>
  /** The stored source of each of `ids` that has one. */
  sources(ids: readonly string[]): Promise<Map<string, string>>
}
