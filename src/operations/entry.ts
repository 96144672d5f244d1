/**
 * What every kind of operation knows about itself, as Alembic's operation classes do: its
 * arguments, how a revision file writes it, its reverse, its SQL and (for a change to one
 * table) what it does to the table. `entries.ts` and `change-entries.ts` hold one entry per
 * kind, checked complete by the compiler.
 */
import type { Operation, OperationKind, OperationOf, TableChange } from './operation.js'
import type { TableModel } from './table-model.js'
import type { ColumnSpec, Dialect } from './types.js'

/** One argument of `op.x(...)`: the key it fills, or an options object whose keys are copied. */
export type Param =
  | string
  | {
      readonly options: readonly string[]
      /** Refuse an options argument that is not an object (instead of ignoring it). */
      readonly strict?: boolean
    }

/** What every kind of operation knows. */
export interface OperationEntry<K extends OperationKind> {
  /** The arguments of `op.x(...)`, in order; inside a batch `table` is left out. */
  readonly params: readonly Param[]
  /** Adjusts the operation built from the arguments (say, one column given as a string). */
  readonly normalize?: (op: OperationOf<K>) => OperationOf<K>
  /** The operation with its argument values as a revision file writes them. */
  readonly shown?: (op: OperationOf<K>) => OperationOf<K>
  /** The call's lines, for an operation that is not written on one line. */
  readonly render?: (op: OperationOf<K>) => string[]
  /** The operation that undoes this one. */
  readonly reverse: (op: OperationOf<K>) => Operation
}

/** An operation that is not a change inside one table: it knows its statements itself. */
export interface TableOperationEntry<K extends OperationKind> extends OperationEntry<K> {
  /** Checks the arguments before any SQL runs (revision files may be plain JavaScript). */
  readonly validate?: (op: OperationOf<K>) => void
  /** The statements on a dialect, one per entry. */
  readonly sql: (dialect: Dialect, op: OperationOf<K>) => string[]
}

/** A table change without its table: what a batch records. */
export type ChangeOf<K extends TableChange['kind']> = Extract<TableChange, { kind: K }>

/** The helpers a change uses to alter a `TableModel`, failing with the call named. */
export interface ModelEdit {
  /** The call, as `describeChange` writes it. */
  readonly where: string
  /**
   * False for autogenerate's paperwork, which follows operations made from what the database
   * holds: then problems are not raised and the change applies what it can.
   */
  readonly checked: boolean
  /** Raises a problem with the change (only when `checked`). */
  fail(problem: string): void
  requireColumn(name: string): void
  /** Fails unless no index or constraint of the table has this name. */
  requireFreeName(name: string): void
  /** Removes the entry of that name; false when there was none. */
  remove<T extends { readonly name: string }>(list: T[], name: string): boolean
  /** `'a', 'b'` (or `none`), for messages. */
  names(list: readonly { readonly name: string }[]): string
}

/** A change to one table, which also runs inside `batchAlterTable`. */
export interface TableChangeEntry<K extends TableChange['kind']> extends OperationEntry<K> {
  /**
   * The statements outside SQLite's move-and-copy. `existing` looks up a column's current
   * definition (from `copyFrom`) for MySQL's `modify`.
   */
  readonly sql: (dialect: Dialect, table: string, change: ChangeOf<K>, existing?: (column: string) => ColumnSpec | undefined) => string[]
  /** Checks the arguments before any SQL runs (revision files may be plain JavaScript). */
  readonly validate?: (where: string, change: ChangeOf<K>) => void
  /** Whether SQLite can only make this change by copying the table, whatever the table holds. */
  readonly copiesOnSqlite?: (change: ChangeOf<K>) => boolean
  /** Applies the change to the table model (SQLite's copy, and autogenerate's paperwork). */
  readonly apply: (model: TableModel, change: ChangeOf<K>, edit: ModelEdit) => void
}

/**
 * `true` when two unions of names are the same, else the names one has and the other lacks: the
 * hand-written method lists of `op` and `batch` are checked against the kinds with it
 * (`true satisfies SameNames<...>` fails to compile on a missing or extra method, naming it).
 */
export type SameNames<A extends PropertyKey, B extends PropertyKey> = [Exclude<A, B> | Exclude<B, A>] extends [never]
  ? true
  : { readonly missingOrExtra: Exclude<A, B> | Exclude<B, A> }
