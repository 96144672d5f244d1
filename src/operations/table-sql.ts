import { MigError } from '../errors.js'
import { columnDefinitionSql, validateColumn } from './column-sql.js'
import { checkSql, validateCheck } from './constraint-change-sql.js'
import { addUniqueSql, columnCommentSql, columnForeignKey, createIndexSql, foreignKeySql, uniqueSql } from './constraint-sql.js'
import { defaultName } from './names.js'
import { quoteIdentifier, quoteList } from './quote.js'
import { validateIndexType } from './fulltext-index-sql.js'
import { mysqlTableCommentOption, tableCommentSql } from './table-comment-sql.js'
import type { ColumnSpec, CreateTableOptions, Dialect, ForeignKeySpec, UniqueSpec } from './types.js'
import { requireColumns, requireName } from './validate.js'

/**
 * The statements that create a table: `create table` with its columns, primary key, foreign
 * keys, checks and (except on SQLite) unique constraints, then SQLite's unique indexes, the indexes,
 * and PostgreSQL's comments — one statement per array entry.
 *
 * Foreign keys always go inside `create table`, because SQLite cannot add them afterwards.
 *
 * @example
 * createTableSql('sqlite', 'user', [
 *   { name: 'id', type: 'integer', autoincrement: true },
 *   { name: 'email', type: 'string', nullable: false, unique: true },
 * ])
 * // => ['create table "user" ("id" integer not null primary key autoincrement, "email" text not null)',
 * //     'create unique index "user_email_unique" on "user" ("email")']
 */
export function createTableSql(
  dialect: Dialect,
  table: string,
  columns: readonly ColumnSpec[],
  options: CreateTableOptions = {},
  render: { readonly verbatimTypes?: ReadonlySet<string> } = {},
): string[] {
  const where = `createTable('${table}')`
  requireName('createTable()', 'table name', table)
  const primaryKey = validateTable(where, columns, options)
  const autoincrement = columns.find((column) => column.autoincrement)
  const foreignKeys = [
    ...columns.map(columnForeignKey).filter((fk): fk is ForeignKeySpec => fk !== undefined),
    ...(options.foreignKeys ?? []),
  ]
  const foreignKeyColumns = new Set(foreignKeys.flatMap((foreignKey) => foreignKey.columns))

  const definitions = columns.map((column) =>
    columnDefinitionSql(dialect, column, {
      table,
      where,
      primary: primaryKey.includes(column.name),
      foreignKey: foreignKeyColumns.has(column.name),
      inlinePrimary: false,
      inlineReference: false,
      // A type read back from an SQLite table is restated as declared (see reflect-sqlite.ts).
      verbatimType: render.verbatimTypes?.has(column.name) === true,
    }),
  )
  // An autoincrement column carries `primary key` itself (SQLite and MySQL require that).
  if (primaryKey.length > 0 && !autoincrement) definitions.push(`primary key (${quoteList(dialect, primaryKey)})`)

  const uniques: UniqueSpec[] = [
    ...columns.filter((column) => column.unique).map((column) => ({ columns: [column.name] })),
    ...(options.uniques ?? []),
  ]
  if (dialect !== 'sqlite') definitions.push(...uniques.map((unique) => uniqueSql(dialect, table, unique)))

  definitions.push(...foreignKeys.map((foreignKey) => foreignKeySql(dialect, table, foreignKey)))
  definitions.push(...(options.checks ?? []).map((check) => checkSql(dialect, check)))

  let create = `create table ${quoteIdentifier(dialect, table)} (${definitions.join(', ')})`
  if (dialect === 'mysql') {
    // As MikroORM: never inherit a server default such as latin1 or MyISAM.
    create += ' default character set utf8mb4 engine = InnoDB'
    if (options.comment !== undefined) create += ` ${mysqlTableCommentOption(options.comment)}`
  }

  const statements = [create]
  if (dialect === 'sqlite') statements.push(...uniques.map((unique) => addUniqueSql(dialect, table, unique)))
  for (const index of options.indexes ?? []) {
    const unique = index.unique === true
    const name = index.name ?? defaultName(dialect, table, index.columns, unique ? 'unique' : 'index')
    statements.push(createIndexSql(dialect, name, table, index.columns, unique, index.type))
  }
  if (dialect === 'postgresql') {
    if (options.comment !== undefined) statements.push(tableCommentSql(table, options.comment))
    for (const column of columns) {
      if (column.comment !== undefined) statements.push(columnCommentSql(table, column.name, column.comment))
    }
  }
  return statements
}

/** Checks the whole table description and returns the primary-key columns in key order. */
function validateTable(where: string, columns: readonly ColumnSpec[], options: CreateTableOptions): string[] {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new MigError('BAD_OPERATION', `${where}: a table needs at least one column`)
  }
  const seen = new Set<string>()
  for (const column of columns) {
    if (!column || typeof column !== 'object') throw new MigError('BAD_OPERATION', `${where}: every column must be a ColumnSpec object`)
    if (seen.has(column.name)) throw new MigError('BAD_OPERATION', `${where}: column '${column.name}' is declared twice`)
    seen.add(column.name)
  }
  if (options.primaryKey) requireColumns(where, 'primary key', options.primaryKey, columns)
  const primaryKey = [...new Set([
    ...(options.primaryKey ?? []),
    ...columns.filter((column) => column.primary || column.autoincrement).map((column) => column.name),
  ])]
  for (const column of columns) validateColumn(where, column, primaryKey.includes(column.name))

  const autoincrement = columns.filter((column) => column.autoincrement)
  if (autoincrement.length > 0 && primaryKey.length > 1) {
    throw new MigError(
      'BAD_OPERATION',
      `${where}: autoincrement column '${autoincrement[0]!.name}' must be the whole primary key (found ${primaryKey.join(', ')})`,
    )
  }
  for (const index of options.indexes ?? []) {
    requireColumns(where, `index ${index.name ?? ''}`.trim(), index.columns, columns)
    validateIndexType(where, index.type, index.unique)
  }
  for (const unique of options.uniques ?? []) requireColumns(where, `unique ${unique.name ?? ''}`.trim(), unique.columns, columns)
  for (const check of options.checks ?? []) validateCheck(where, check)
  for (const foreignKey of options.foreignKeys ?? []) {
    requireColumns(where, `foreign key ${foreignKey.name ?? ''}`.trim(), foreignKey.columns, columns)
    if (foreignKey.references?.columns?.length !== foreignKey.columns.length) {
      throw new MigError('BAD_OPERATION', `${where}: a foreign key needs as many referenced columns as columns`)
    }
  }
  return primaryKey
}

/**
 * `drop table`.
 *
 * @example
 * dropTableSql('postgresql', 'user') // => ['drop table "user"']
 */
export function dropTableSql(dialect: Dialect, table: string): string[] {
  requireName('dropTable()', 'table name', table)
  return [`drop table ${quoteIdentifier(dialect, table)}`]
}

/**
 * Renames a table in place, keeping its rows (MikroORM's diff would drop and re-create it).
 *
 * @example
 * renameTableSql('mysql', 'user', 'account') // => ['rename table `user` to `account`']
 */
export function renameTableSql(dialect: Dialect, from: string, to: string): string[] {
  requireName('renameTable()', 'current table name', from)
  requireName('renameTable()', 'new table name', to)
  if (dialect === 'mysql') return [`rename table ${quoteIdentifier(dialect, from)} to ${quoteIdentifier(dialect, to)}`]
  return [`alter table ${quoteIdentifier(dialect, from)} rename to ${quoteIdentifier(dialect, to)}`]
}
