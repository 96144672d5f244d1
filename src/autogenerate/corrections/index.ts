/**
 * The corrections mig applies to MikroORM 6.6's schema comparison, in the order they run.
 * See each file for the defect it fixes; NOTES-mikro-orm.md has the measurements.
 */
import { columnRenames } from './column-renames.js'
import { enumChecks } from './enum-checks.js'
import { foreignKeyDrops } from './foreign-key-drops.js'
import { foreignKeyIndexes } from './foreign-key-indexes.js'
import { fulltextIndexes } from './fulltext-indexes.js'
import { mariadbIntrospection } from './mariadb.js'
import { mysqlEnums } from './mysql-enums.js'
import { numericDefaults } from './numeric-defaults.js'
import { sqliteBooleanDefaults } from './sqlite-boolean-defaults.js'
import { sqliteChecks } from './sqlite-checks.js'
import { sqliteComments } from './sqlite-comments.js'
import { sqliteDeclaredTypes } from './sqlite-declared-types.js'
import { sqliteDefaultExpressions } from './sqlite-default-expressions.js'
import { sqliteForeignKeys } from './sqlite-foreign-keys.js'
import { sqliteRowidKeys } from './sqlite-rowid-keys.js'
import { tableRenames } from './table-renames.js'
import type { Correction } from './types.js'

export const CORRECTIONS: readonly Correction[] = [
  sqliteForeignKeys,
  sqliteChecks,
  mariadbIntrospection,
  mysqlEnums,
  enumChecks,
  sqliteComments,
  sqliteDeclaredTypes,
  sqliteRowidKeys,
  numericDefaults,
  sqliteBooleanDefaults,
  sqliteDefaultExpressions,
  columnRenames,
  tableRenames,
  foreignKeyDrops,
  foreignKeyIndexes,
  fulltextIndexes,
]

export type { Correction, CorrectionContext, RenameHint } from './types.js'
