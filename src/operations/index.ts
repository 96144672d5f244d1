/**
 * The operations API: the `op` object revision files call, and the pieces autogenerate and the
 * runtime build on (operations as data, SQL per dialect, literals, statement splitting, the
 * SQLite move-and-copy).
 */
export { createOperations, runOperation, type Operations } from './operations.js'
export type { Operation, TableChange, TableOperation } from './operation.js'
export { operationSql } from './operation-sql.js'
export { batchSql } from './batch-sql.js'
export { recordChanges, runBatch, type BatchOperations } from './batch.js'
export { reflectSqliteTable } from './reflect-sqlite.js'
export type { CurrentTable, RawIndex } from './table-model.js'
export { TEMP_PREFIX } from './sqlite-rebuild.js'
export { raw, renderLiteral, RawSql } from './literals.js'
export { quoteIdentifier } from './quote.js'
export { defaultName, type ConstraintKind } from './names.js'
export { columnTypeSql } from './column-sql.js'
export { applyColumnChanges } from './column-changes.js'
export { splitStatements } from './split.js'
export type {
  BatchOptions,
  CheckSpec,
  ColumnChanges,
  ColumnReference,
  ColumnSpec,
  ColumnType,
  CreateIndexOptions,
  CreateTableOptions,
  Dialect,
  DropIndexOptions,
  Executor,
  ForeignKeyOptions,
  ForeignKeySpec,
  IndexAlgorithm,
  IndexLock,
  IndexSpec,
  IndexType,
  NeutralType,
  NotValidOptions,
  OnlineIndexOptions,
  ReferentialAction,
  Row,
  TableCommentOptions,
  TableDefinition,
  UniqueSpec,
} from './types.js'
