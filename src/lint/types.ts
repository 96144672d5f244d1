/**
 * What `mig lint` works on: a revision's operations as its `upgrade` recorded them (with the
 * line of each call), the database they are meant for, and what the linter says about them.
 */
import type { Operation } from '../operations/operation.js'
import type { Dialect } from '../operations/types.js'

/** One `op.x(...)` (or `batch.x(...)`) call a revision's `upgrade` made, recorded, not run. */
export interface RecordedCall {
  /** The method called: an operation kind, or one the linter knows by name (`validateConstraint`). */
  readonly method: string
  /** The method as the file writes it (`addForeignKey` for `createForeignKey`). */
  readonly written: string
  readonly args: readonly unknown[]
  /** The operation the call builds, with its table (a batch's changes carry the batch's table); undefined for a method that is no operation kind. */
  readonly operation: Operation | undefined
  /** The table the call works on, when it has one. */
  readonly table: string | undefined
  /** The call's options object as written (online options such as `concurrently` are read from it). */
  readonly options: Readonly<Record<string, unknown>>
  /** Inside `op.batchAlterTable(table, ...)`: that batch's position among the calls. */
  readonly batch?: number | undefined
  /** 1-based line of the call in the revision file (0 when it could not be found). */
  line: number
}

/** A revision's `upgrade`, recorded. */
export interface RecordedRevision {
  readonly calls: RecordedCall[]
  /** `export const transactional = false`, when the revision says so. */
  readonly transactional: boolean | undefined
  /** `export const lockTimeout = ...` of the revision. */
  readonly lockTimeout: unknown
  /** `export const statementTimeout = ...` of the revision. */
  readonly statementTimeout: unknown
}

/** The server a revision is linted for. */
export interface LintTarget {
  readonly dialect: Dialect
  /** `postgresql`, `mysql` or `mariadb` (what `mysql` URLs reach), `sqlite`. */
  readonly flavor: 'postgresql' | 'mysql' | 'mariadb' | 'sqlite'
  /** The server version as `major.minor` numbers, when known (`SELECT version()`, `--target-version`). */
  readonly version: readonly number[] | undefined
  /** Rows of the tables the revisions touch, when connected (a table missing from the map: unknown or not there yet). */
  readonly rows: ReadonlyMap<string, number> | undefined
}

export type Severity = 'error' | 'warning'

/** One finding of `mig lint`. */
export interface LintFinding {
  /** Stable code: `MIG104`. */
  readonly code: string
  /** Stable name: `index-without-concurrently`. */
  readonly rule: string
  readonly severity: Severity
  readonly revision: string
  /** The revision file, relative to the project root. */
  readonly file: string
  readonly line: number
  /** The call, shortened: `op.createIndex('post_title_index', 'post', ...)`. */
  readonly operation: string
  readonly table?: string | undefined
  /** Rows of the table when connected. */
  readonly rows?: number | undefined
  /** Why it is dangerous on this dialect and version. */
  readonly why: string
  /** What to write instead. */
  readonly recipe: string
}

/** The lint settings of `mig.config.ts` (`lint: { ... }`). */
export interface LintConfig {
  /** Codes never reported (`['MIG301']`). */
  readonly ignore?: readonly string[]
  /** The server version to lint for offline (`'14'`, `'10.11'`); a connected lint reads it. */
  readonly targetVersion?: string
}
