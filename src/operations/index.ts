/**
 * The operations API: the `op` object revision files call, and the pieces autogenerate and the
 * runtime build on (operations as data, SQL per dialect, literals, statement splitting).
 */
export { createOperations, runOperation, type Operations } from './operations.js'
export { operationSql, type Operation } from './operation.js'
export { raw, renderLiteral, RawSql } from './literals.js'
export { quoteIdentifier } from './quote.js'
export { defaultName, type ConstraintKind } from './names.js'
export { columnTypeSql } from './column-sql.js'
export { splitStatements } from './split.js'
export type {
  ColumnReference,
  ColumnSpec,
  ColumnType,
  CreateIndexOptions,
  CreateTableOptions,
  Dialect,
  Executor,
  ForeignKeySpec,
  IndexSpec,
  NeutralType,
  ReferentialAction,
  Row,
  UniqueSpec,
} from './types.js'
