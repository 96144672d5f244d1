/**
 * The corrections mig applies to MikroORM 6.6's schema comparison, in the order they run.
 * See each file for the defect it fixes; NOTES-mikro-orm.md has the measurements.
 */
import { columnRenames } from './column-renames.js'
import { enumChecks } from './enum-checks.js'
import { foreignKeyDrops } from './foreign-key-drops.js'
import { mariadbIntrospection } from './mariadb.js'
import { sqliteChecks } from './sqlite-checks.js'
import { sqliteComments } from './sqlite-comments.js'
import { sqliteForeignKeys } from './sqlite-foreign-keys.js'
import { tableRenames } from './table-renames.js'
import type { Correction } from './types.js'

export const CORRECTIONS: readonly Correction[] = [
  sqliteForeignKeys,
  sqliteChecks,
  mariadbIntrospection,
  enumChecks,
  sqliteComments,
  columnRenames,
  tableRenames,
  foreignKeyDrops,
]

export type { Correction, CorrectionContext, RenameHint } from './types.js'
