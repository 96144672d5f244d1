import { createIndexSql } from './constraint-sql.js'
import { validateTableDefinition } from './kinds/create-table.js'
import { renderLiteral } from './literals.js'
import { quoteIdentifier, quoteList } from './quote.js'
import { createTableSql } from './table-sql.js'
import type { TableModel } from './table-model.js'

/** The prefix of the table a move-and-copy builds before it takes the old one's name. */
export const TEMP_PREFIX = '_mig_tmp_'

/**
 * SQLite's "move and copy" of a table into its new definition, one statement per entry:
 *
 * 1. `create table "_mig_tmp_<table>"` with the new columns, key, foreign keys and checks;
 * 2. `insert into` it `(explicit columns) select <expressions> from "<table>"` — a renamed
 *    column reads its old name, a changed affinity is cast (`cast("x" as integer)`), a column
 *    made NOT NULL takes its default for NULLs (`coalesce("x", 0)`), a new column is left to
 *    its default, a dropped one is not read;
 * 3. the `autoincrement` high-water mark is carried over, so deleted ids are not reused;
 * 4. `drop table "<table>"` and rename the copy to `<table>`;
 * 5. every index and unique index again (by name, so the output does not depend on where the
 *    definition came from), then the table's triggers, which `drop table` removed.
 *
 * Foreign-key enforcement must be off while this runs (mig's SQLite runtime turns it off
 * outside the step's transaction and checks every reference before the step commits): with
 * it on, `drop table` would delete or null the rows of tables that refer to this one.
 * A copy that cannot keep every row (a NOT NULL column without default over NULL rows)
 * fails, and the step's transaction undoes all of it.
 *
 * @example
 * rebuildSql(applyChanges(modelOf('item', current), [{ kind: 'alterColumn', column: 'qty', changes: { type: 'integer' } }]))
 * // => ['create table "_mig_tmp_item" ("id" integer not null primary key autoincrement, "qty" integer null)',
 * //     'insert into "_mig_tmp_item" ("id", "qty") select "id", cast("qty" as integer) from "item"',
 * //     'delete from sqlite_sequence where name = \'_mig_tmp_item\'', ..., 'drop table "item"', ...]
 */
export function rebuildSql(model: TableModel): string[] {
  const quote = (name: string) => quoteIdentifier('sqlite', name)
  const table = model.table
  const temp = `${TEMP_PREFIX}${table}`
  const definition = { primaryKey: model.primaryKey, foreignKeys: model.foreignKeys, checks: model.checks }
  // The changes were checked one by one; this checks the table they leave (say, an
  // autoincrement column added beside an existing key).
  validateTableDefinition(`createTable('${temp}')`, model.columns, definition)
  const [create] = createTableSql('sqlite', temp, model.columns, definition, { verbatimTypes: model.verbatimTypes })
  const statements = [create!]

  const copied = model.columns.filter((column) => model.sources.has(column.name))
  if (copied.length > 0) {
    const expressions = copied.map((column) => {
      const source = model.sources.get(column.name)!
      let expression = quote(source.from)
      if (source.cast) expression = `cast(${expression} as ${source.cast})`
      if (source.fill) expression = `coalesce(${expression}, ${source.fill})`
      return expression
    })
    statements.push(`insert into ${quote(temp)} (${quoteList('sqlite', copied.map((column) => column.name))}) select ${expressions.join(', ')} from ${quote(table)}`)
  }

  if (model.hadAutoincrement && model.columns.some((column) => column.autoincrement)) {
    // The copy's sequence only knows the highest id copied; the old one also remembers deleted ids.
    statements.push(
      `delete from sqlite_sequence where name = ${renderLiteral('sqlite', temp)}`,
      `insert into sqlite_sequence (name, seq) select ${renderLiteral('sqlite', temp)}, seq from sqlite_sequence where name = ${renderLiteral('sqlite', table)}`,
    )
  }

  statements.push(
    `drop table ${quote(table)}`,
    // Since SQLite 3.26 a rename re-checks every view and trigger, and one that reads the table
    // just dropped fails it ("error in view v: no such table"). The legacy rename does not look;
    // the views read the table by name and find the new one. (This pragma may change inside a
    // transaction, unlike foreign_keys.)
    'pragma legacy_alter_table = on',
    `alter table ${quote(temp)} rename to ${quote(table)}`,
    'pragma legacy_alter_table = off',
  )

  const indexes = [
    ...model.indexes.map((index) => ({ name: index.name, columns: index.columns, unique: index.unique === true, type: index.type })),
    ...model.uniques.map((unique) => ({ name: unique.name, columns: unique.columns, unique: true, type: undefined })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  statements.push(...indexes.map((index) => createIndexSql('sqlite', index.name, table, index.columns, index.unique, index.type)))
  statements.push(...model.rawIndexes.map((index) => index.sql))
  statements.push(...model.triggers)
  return statements
}
