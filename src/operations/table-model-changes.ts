import { MigError } from '../errors.js'
import { applyColumnChanges, changesType, defaultSql, validateColumnChanges } from './column-changes.js'
import { validateColumn } from './column-sql.js'
import { defaultName } from './names.js'
import type { TableChange } from './operation.js'
import { mentionsColumn, renameColumnIn } from './sqlite-tokens.js'
import { foreignKeyOf } from './foreign-keys.js'
import { describeChange, validateChange } from './table-change-sql.js'
import { cloneModel, sqliteAffinity, sqliteTypeOf, type TableModel } from './table-model.js'

/**
 * The table after the batch's changes, in order, and where each column's rows come from.
 * A change that names something the table does not have fails here, before any SQL runs.
 *
 * @example
 * applyChanges(model, [{ kind: 'alterColumn', column: 'qty', changes: { type: 'integer' } }]).sources.get('qty')
 * // => { from: 'qty', cast: 'integer' }
 */
export function applyChanges(model: TableModel, changes: readonly TableChange[]): TableModel {
  const next = cloneModel(model)
  for (const change of changes) applyChange(next, change)
  return next
}

function applyChange(model: TableModel, change: TableChange): void {
  const where = describeChange(model.table, change)
  const fail = (problem: string): never => {
    throw new MigError('BAD_OPERATION', `${where}: ${problem}`)
  }
  const requireColumn = (name: string) => {
    if (!model.columns.some((column) => column.name === name)) {
      fail(`table '${model.table}' has no column '${name}' (it has ${model.columns.map((column) => column.name).join(', ')})`)
    }
  }
  const requireFreeName = (name: string) => {
    const taken = [...model.indexes, ...model.uniques, ...model.rawIndexes, ...model.foreignKeys, ...model.checks].some((entry) => entry.name === name)
    if (taken) fail(`table '${model.table}' already has an index or constraint named '${name}'`)
  }
  const remove = <T extends { readonly name: string }>(list: T[], name: string): boolean => {
    const at = list.findIndex((entry) => entry.name === name)
    if (at >= 0) list.splice(at, 1)
    return at >= 0
  }
  const names = (list: readonly { readonly name: string }[]) => list.map((entry) => `'${entry.name}'`).join(', ') || 'none'
  if (change.kind !== 'dropIndex') validateChange(model.table, change)

  switch (change.kind) {
    case 'addColumn': {
      const column = change.column
      validateColumn(where, column)
      if (model.columns.some((existing) => existing.name === column.name)) fail(`table '${model.table}' already has column '${column.name}'`)
      const { primary, unique, references: _, ...plain } = column
      model.columns.push(plain)
      if (primary || column.autoincrement) model.primaryKey.push(column.name)
      if (unique) model.uniques.push({ name: defaultName('sqlite', model.table, [column.name], 'unique'), columns: [column.name] })
      const reference = column.references
      if (reference) {
        model.foreignKeys.push({
          name: reference.name ?? defaultName('sqlite', model.table, [column.name], 'foreign'),
          columns: [column.name],
          references: { table: reference.table, columns: [reference.column] },
          onDelete: reference.onDelete,
          onUpdate: reference.onUpdate,
        })
      }
      return
    }
    case 'dropColumn': {
      const name = change.column
      requireColumn(name)
      if (model.primaryKey.includes(name)) fail(`column '${name}' is part of the primary key of '${model.table}'`)
      // As PostgreSQL does: what only made sense with the column goes with it.
      model.columns = model.columns.filter((column) => column.name !== name)
      model.indexes = model.indexes.filter((index) => !index.columns.includes(name))
      model.uniques = model.uniques.filter((unique) => !unique.columns.includes(name))
      model.foreignKeys = model.foreignKeys.filter((fk) => !fk.columns.includes(name))
      model.checks = model.checks.filter((check) => !mentionsColumn(check.expression, name))
      model.rawIndexes = model.rawIndexes.filter((index) => !mentionsColumn(index.sql.slice(index.sql.indexOf('(')), name))
      model.sources.delete(name)
      model.verbatimTypes.delete(name)
      return
    }
    case 'renameColumn':
      requireColumn(change.from)
      return renameColumn(model, change.from, change.to, fail)
    case 'alterColumn': {
      const name = change.column
      requireColumn(name)
      validateColumnChanges(where, name, change.changes)
      const { newName, existing: _existing, ...changes } = change.changes
      const at = model.columns.findIndex((column) => column.name === name)
      const before = model.columns[at]!
      const after = applyColumnChanges(before, changes)
      validateColumn(where, after, model.primaryKey.includes(name))
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
      if (newName !== undefined && newName !== name) renameColumn(model, name, newName, fail)
      return
    }
    case 'createIndex':
      requireFreeName(change.name)
      change.columns.forEach(requireColumn)
      model.indexes.push({ name: change.name, columns: [...change.columns], unique: change.unique === true, ...(change.type ? { type: change.type } : {}) })
      return
    case 'createUnique':
      requireFreeName(change.name)
      change.columns.forEach(requireColumn)
      model.uniques.push({ name: change.name, columns: [...change.columns] })
      return
    case 'dropIndex':
    case 'dropUnique':
      // On SQLite a unique constraint is a unique index, so either call drops either.
      if (!remove(model.indexes, change.name) && !remove(model.uniques, change.name) && !remove(model.rawIndexes, change.name)) {
        fail(`table '${model.table}' has no index named '${change.name}' (it has ${names([...model.indexes, ...model.uniques, ...model.rawIndexes])})`)
      }
      return
    case 'createCheck':
      requireFreeName(change.name)
      model.checks.push({ name: change.name, expression: change.expression })
      return
    case 'dropCheck':
      if (!remove(model.checks, change.name)) fail(`table '${model.table}' has no check named '${change.name}' (it has ${names(model.checks)})`)
      return
    case 'createForeignKey':
      requireFreeName(change.name)
      change.columns.forEach(requireColumn)
      model.foreignKeys.push({ ...foreignKeyOf(change), name: change.name })
      return
    case 'dropForeignKey':
      if (!remove(model.foreignKeys, change.name)) {
        fail(`table '${model.table}' has no foreign key named '${change.name}' (it has ${names(model.foreignKeys)})`)
      }
      return
    case 'createTableComment':
    case 'dropTableComment':
      // SQLite keeps no comments: the copied table is the same either way.
      return
  }
}

function renameColumn(model: TableModel, from: string, to: string, fail: (problem: string) => never): void {
  if (typeof to !== 'string' || to === '') fail('the new column name must be a non-empty string')
  if (model.columns.some((column) => column.name === to)) fail(`table '${model.table}' already has column '${to}'`)
  const swap = (name: string) => (name === from ? to : name)
  model.columns = model.columns.map((column) => (column.name === from ? { ...column, name: to } : column))
  model.primaryKey = model.primaryKey.map(swap)
  model.indexes = model.indexes.map((index) => ({ ...index, columns: index.columns.map(swap) }))
  model.uniques = model.uniques.map((unique) => ({ ...unique, columns: unique.columns.map(swap) }))
  model.foreignKeys = model.foreignKeys.map((fk) => ({
    ...fk,
    columns: fk.columns.map(swap),
    // A key that points at its own table follows the rename on the other side too.
    references: fk.references.table === model.table ? { ...fk.references, columns: fk.references.columns.map(swap) } : fk.references,
  }))
  model.checks = model.checks.map((check) => ({ ...check, expression: renameColumnIn(check.expression, from, to) }))
  model.rawIndexes = model.rawIndexes.map((index) => ({ ...index, sql: renameColumnIn(index.sql, from, to, index.sql.indexOf('(')) }))
  if (model.verbatimTypes.delete(from)) model.verbatimTypes.add(to)
  const source = model.sources.get(from)
  model.sources.delete(from)
  if (source) model.sources.set(to, source)
}
