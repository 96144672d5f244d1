/**
 * What autogenerate reports for each change, in Alembic's words ("Detected added column
 * 'user.email'") so the log reads like Flask-Migrate's.
 */

/** One change autogenerate found between the models and the database. */
export interface DetectedChange {
  kind:
    | 'add_table' | 'remove_table' | 'add_column' | 'remove_column' | 'modify_type' | 'modify_nullable' | 'modify_default'
    | 'modify_comment' | 'add_index' | 'remove_index' | 'add_unique' | 'remove_unique' | 'add_check' | 'remove_check'
    | 'add_fk' | 'remove_fk' | 'rename_table' | 'rename_column' | 'add_table_comment' | 'modify_table_comment'
    | 'remove_table_comment' | (string & {})
  table: string
  column?: string
  /** Alembic style: `Detected added table 'user'`, `Detected type change from varchar(128) to varchar(256) on 'user.name'`. */
  message: string
  /** Drops a table or column, or narrows a type: data can be lost. */
  destructive: boolean
}

const list = (names: readonly string[]) => `[${names.map((name) => `'${name}'`).join(', ')}]`

/** Builders for every message, so wording lives in one place. */
export const message = {
  addTable: (table: string) => `Detected added table '${table}'`,
  removeTable: (table: string) => `Detected removed table '${table}'`,
  addColumn: (table: string, column: string) => `Detected added column '${table}.${column}'`,
  removeColumn: (table: string, column: string) => `Detected removed column '${table}.${column}'`,
  type: (table: string, column: string, from: string, to: string) => `Detected type change from ${from} to ${to} on '${table}.${column}'`,
  nullable: (table: string, column: string, nullable: boolean) =>
    `Detected ${nullable ? 'NULL' : 'NOT NULL'} on column '${table}.${column}'`,
  default: (table: string, column: string, removed: boolean) =>
    `Detected ${removed ? 'removed ' : ''}server default on column '${table}.${column}'`,
  comment: (table: string, column: string, removed: boolean) => `Detected ${removed ? 'removed ' : ''}column comment '${table}.${column}'`,
  enum: (table: string, column: string, from: readonly string[], to: readonly string[]) =>
    `Detected enum change from ${list(from)} to ${list(to)} on '${table}.${column}'`,
  unsupported: (table: string, column: string, what: string) =>
    `Detected ${what} change on '${table}.${column}' (not generated: write it by hand)`,
  tableComment: (table: string, change: 'added' | 'changed' | 'removed') =>
    change === 'changed' ? `Detected table comment change on '${table}'` : `Detected ${change} table comment on '${table}'`,
  addIndex: (name: string, table: string, columns: readonly string[], unique: boolean) =>
    `Detected added ${unique ? 'unique ' : ''}index '${name}' on '${table}' ${list(columns)}`,
  removeIndex: (name: string, table: string) => `Detected removed index '${name}' on '${table}'`,
  addUnique: (name: string, table: string, columns: readonly string[]) =>
    `Detected added unique constraint '${name}' on '${table}' ${list(columns)}`,
  removeUnique: (name: string, table: string) => `Detected removed unique constraint '${name}' on '${table}'`,
  addCheck: (name: string, table: string) => `Detected added check constraint '${name}' on '${table}'`,
  removeCheck: (name: string, table: string) => `Detected removed check constraint '${name}' on '${table}'`,
  addForeignKey: (table: string, columns: readonly string[], target: string, targetColumns: readonly string[]) =>
    `Detected added foreign key (${columns.join(', ')})(${targetColumns.join(', ')}) on table '${table}' referencing '${target}'`,
  removeForeignKey: (table: string, columns: readonly string[], target: string, targetColumns: readonly string[]) =>
    `Detected removed foreign key (${columns.join(', ')})(${targetColumns.join(', ')}) on table '${table}' referencing '${target}'`,
}
