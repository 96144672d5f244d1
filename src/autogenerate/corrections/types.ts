import type { AbstractSqlPlatform, DatabaseSchema, SchemaDifference } from '@mikro-orm/knex'
import type { Dialect } from '../../operations/types.js'
import type { PropertyLookup } from '../properties.js'

/** A rename autogenerate will not perform by itself, offered as a note in the revision. */
export interface RenameHint {
  readonly table: string
  readonly from: string
  readonly to: string
}

/** What corrections see, and the facts they leave for the later stages. */
export interface CorrectionContext {
  readonly dialect: Dialect
  readonly platform: AbstractSqlPlatform
  /** The live schema as MikroORM read it; `prepare` corrections fix it in place. */
  readonly live: DatabaseSchema
  readonly target: DatabaseSchema
  /** The model property behind a target column (what tells `string(128)` from `text` on SQLite). */
  readonly properties: PropertyLookup
  /** A read-only query on MikroORM's connection. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /** Real names of the checks that stand for enum columns, by `table.column`. */
  readonly enumCheckNames: Map<string, string>
  /** Columns dropped and added with the same definition (MikroORM would have renamed them). */
  readonly columnRenames: RenameHint[]
  /** Tables dropped and created with the same columns (`table` is the new name). */
  readonly tableRenames: RenameHint[]
}

/**
 * One fix for a known MikroORM 6.6 defect. `prepare` repairs the live schema before the
 * comparison (what MikroORM's introspection misses); `amend` repairs the comparator's result.
 * Each has a test that fails without it (test/autogenerate/corrections.test.ts).
 */
export interface Correction {
  readonly name: string
  /** The dialects it applies to. */
  readonly dialects: readonly Dialect[]
  prepare?(context: CorrectionContext): Promise<void> | void
  amend?(diff: SchemaDifference, context: CorrectionContext): void
}
