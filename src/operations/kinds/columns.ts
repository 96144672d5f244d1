import { MigError } from '../../errors.js'
import { alterColumnSql } from '../alter-column-sql.js'
import { addColumnSql, dropColumnSql, renameColumnSql } from '../alter-sql.js'
import { applyColumnChanges, changesType, defaultSql, validateColumnChanges } from '../column-changes.js'
import { validateColumn } from '../column-sql.js'
import { columnValue } from '../file-values.js'
import type { TableChangeEntry } from '../entry.js'
import { defaultName } from '../names.js'
import type { Operation } from '../operation.js'
import { mentionsColumn } from '../sqlite-tokens.js'
import { namedColumnForeignKey, renameModelColumn, sqliteAffinity, sqliteTypeOf } from '../table-model.js'

// What an alterColumn may say that needs no copy on SQLite: a rename is done in place, and
// SQLite has no comments and no unsigned integers.
const SQLITE_NO_OP_CHANGES: ReadonlySet<string> = new Set(['newName', 'existing', 'comment', 'unsigned'])

// A default SQLite's `add column` accepts: a literal, not current_timestamp or an expression.
const CONSTANT_DEFAULT = /^\s*(?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'(?:[^']|'')*'|null|true|false|x'[0-9a-f]*')\s*$/i

/** A drop that does not carry what it drops cannot be undone (as in Alembic). */
export function notReversible(op: Operation, what: string): never {
  throw new MigError('BAD_OPERATION', `${op.kind}() cannot be reversed: it does not carry the ${what} it drops`)
}

export const addColumn: TableChangeEntry<'addColumn'> = {
  params: ['table', 'column'],
  shown: (op) => ({ ...op, column: columnValue(op.column) as never }),
  sql: (dialect, table, change) => addColumnSql(dialect, table, change.column),
  copiesOnSqlite: ({ column }) => {
    const hasDefault = column.default !== undefined && column.default !== null
    if (column.primary || column.autoincrement) return true
    if (column.defaultRaw !== undefined && !CONSTANT_DEFAULT.test(column.defaultRaw)) return true
    // SQLite refuses NOT NULL without a default even on an empty table, and a reference with a non-NULL default.
    if (column.nullable === false && !hasDefault && column.defaultRaw === undefined) return true
    return column.references !== undefined && (hasDefault || (column.defaultRaw !== undefined && !/^\s*null\s*$/i.test(column.defaultRaw)))
  },
  apply: (model, { column }, edit) => {
    if (edit.checked) validateColumn(edit.where, column)
    if (model.columns.some((existing) => existing.name === column.name)) edit.fail(`table '${model.table}' already has column '${column.name}'`)
    const { primary, unique, references: _, ...plain } = column
    model.columns.push(plain)
    if (primary || column.autoincrement) model.primaryKey.push(column.name)
    if (unique) model.uniques.push({ name: defaultName('sqlite', model.table, [column.name], 'unique'), columns: [column.name] })
    const foreignKey = namedColumnForeignKey(model.table, column)
    if (foreignKey) model.foreignKeys.push(foreignKey)
  },
  reverse: (op) => ({ kind: 'dropColumn', table: op.table, column: op.column.name, existing: op.column }),
}

export const dropColumn: TableChangeEntry<'dropColumn'> = {
  params: ['table', 'column'],
  sql: (dialect, table, change) => dropColumnSql(dialect, table, change.column),
  apply: (model, { column: name }, edit) => {
    edit.requireColumn(name)
    if (model.primaryKey.includes(name)) edit.fail(`column '${name}' is part of the primary key of '${model.table}'`)
    // As PostgreSQL does: what only made sense with the column goes with it.
    model.columns = model.columns.filter((column) => column.name !== name)
    model.indexes = model.indexes.filter((index) => !index.columns.includes(name))
    model.uniques = model.uniques.filter((unique) => !unique.columns.includes(name))
    model.foreignKeys = model.foreignKeys.filter((fk) => !fk.columns.includes(name))
    model.checks = model.checks.filter((check) => !mentionsColumn(check.expression, name))
    model.rawIndexes = model.rawIndexes.filter((index) => !mentionsColumn(index.sql.slice(index.sql.indexOf('(')), name))
    model.sources.delete(name)
    model.verbatimTypes.delete(name)
  },
  reverse: (op) => ({ kind: 'addColumn', table: op.table, column: op.existing ?? notReversible(op, 'column') }),
}

export const alterColumn: TableChangeEntry<'alterColumn'> = {
  params: ['table', 'column', 'changes'],
  shown: (op) => {
    const { existing, ...changes } = op.changes
    return { ...op, changes: { ...changes, existing: existing && (columnValue(existing) as never) } }
  },
  sql: (dialect, table, change, existing) => {
    const known = change.changes.existing ?? existing?.(change.column)
    return alterColumnSql(dialect, table, change.column, { ...change.changes, existing: known })
  },
  copiesOnSqlite: (change) => Object.entries(change.changes).some(([key, value]) => !SQLITE_NO_OP_CHANGES.has(key) && value !== undefined),
  apply: (model, change, edit) => {
    const name = change.column
    const where = edit.where
    edit.requireColumn(name)
    if (edit.checked) validateColumnChanges(where, name, change.changes)
    const { newName, existing: _existing, ...changes } = change.changes
    const at = model.columns.findIndex((column) => column.name === name)
    if (at < 0) return
    const before = model.columns[at]!
    const after = applyColumnChanges(before, changes)
    if (edit.checked) validateColumn(where, after, model.primaryKey.includes(name))
    const source = model.sources.get(name)
    const wasNullable = before.nullable ?? !model.primaryKey.includes(name)
    if (changesType(changes)) model.verbatimTypes.delete(name)
    model.columns[at] = after
    if (source) {
      const affinity = sqliteAffinity(sqliteTypeOf(model, after))
      // Only a real change of affinity casts; `numeric` is left to the column's own affinity,
      // since cast(... as numeric) would turn '2024-01-01' into 2024.
      const cast = affinity !== source.affinity && affinity !== 'numeric' ? affinity : undefined
      // NULLs of a column turned NOT NULL take its default (the copy would fail on them otherwise).
      const fill = after.nullable === false && (wasNullable || source.fill) ? defaultSql('sqlite', after) : undefined
      model.sources.set(name, { from: source.from, affinity: source.affinity, ...(cast ? { cast } : {}), ...(fill ? { fill } : {}) })
    }
    if (newName !== undefined && newName !== name) renameModelColumn(model, name, newName, edit.fail)
  },
  reverse: (op) => {
    const { existing, ...changes } = op.changes
    const before = existing ?? notReversible(op, 'existing column')
    return {
      kind: 'alterColumn',
      table: op.table,
      column: op.column,
      changes: { ...(op.previous ?? notReversible(op, 'previous values')), existing: applyColumnChanges(before, changes) },
      previous: changes,
    }
  },
}

export const renameColumn: TableChangeEntry<'renameColumn'> = {
  params: ['table', 'from', 'to'],
  sql: (dialect, table, change) => renameColumnSql(dialect, table, change.from, change.to),
  apply: (model, change, edit) => {
    edit.requireColumn(change.from)
    renameModelColumn(model, change.from, change.to, edit.fail)
  },
  reverse: (op) => ({ kind: 'renameColumn', table: op.table, from: op.to, to: op.from }),
}
