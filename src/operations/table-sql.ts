import { columnDefinitionSql } from './column-sql.js'
import { checkSql } from './constraint-change-sql.js'
import { addUniqueSql, columnCommentSql, columnForeignKey, createIndexSql, foreignKeySql, uniqueSql } from './constraint-sql.js'
import { defaultName } from './names.js'
import { quoteIdentifier, quoteList } from './quote.js'
import { mysqlTableCommentOption, tableCommentSql } from './table-comment-sql.js'
import type { ColumnSpec, CreateTableOptions, Dialect, ForeignKeySpec, UniqueSpec } from './types.js'

/**
 * The statements that create a table: `create table` with its columns, primary key, foreign
 * keys, checks and (except on SQLite) unique constraints, then SQLite's unique indexes, the indexes,
 * and PostgreSQL's comments — one statement per array entry.
 *
 * Foreign keys always go inside `create table`, because SQLite cannot add them afterwards.
 * The arguments are checked before (see `validateTableDefinition` in `kinds/create-table.ts`);
 * this only renders them.
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
  const primaryKey = primaryKeyOf(columns, options)
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

/**
 * The primary-key columns in key order: `options.primaryKey`, then the columns marked
 * `primary` or `autoincrement`.
 *
 * @example
 * primaryKeyOf([{ name: 'id', type: 'integer', autoincrement: true }], {}) // => ['id']
 */
export function primaryKeyOf(columns: readonly ColumnSpec[], options: CreateTableOptions): string[] {
  return [...new Set([
    ...(options.primaryKey ?? []),
    ...columns.filter((column) => column.primary || column.autoincrement).map((column) => column.name),
  ])]
}

/**
 * `drop table`.
 *
 * @example
 * dropTableSql('postgresql', 'user') // => ['drop table "user"']
 */
export function dropTableSql(dialect: Dialect, table: string): string[] {
  return [`drop table ${quoteIdentifier(dialect, table)}`]
}

/**
 * Renames a table in place, keeping its rows (MikroORM's diff would drop and re-create it).
 *
 * @example
 * renameTableSql('mysql', 'user', 'account') // => ['rename table `user` to `account`']
 */
export function renameTableSql(dialect: Dialect, from: string, to: string): string[] {
  if (dialect === 'mysql') return [`rename table ${quoteIdentifier(dialect, from)} to ${quoteIdentifier(dialect, to)}`]
  return [`alter table ${quoteIdentifier(dialect, from)} rename to ${quoteIdentifier(dialect, to)}`]
}
