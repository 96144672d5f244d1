import { MigError } from '../errors.js'
import { changeEntry } from './change-entries.js'
import type { ModelEdit } from './entry.js'
import type { TableChange } from './operation.js'
import { describeChange, validateChange } from './table-change-sql.js'
import { cloneModel, type TableModel } from './table-model.js'

/**
 * The table after the batch's changes, in order, and where each column's rows come from.
 * A change that names something the table does not have fails here, before any SQL runs
 * (unless `checked` is false: see `ModelEdit.checked`).
 *
 * @example
 * applyChanges(model, [{ kind: 'alterColumn', column: 'qty', changes: { type: 'integer' } }]).sources.get('qty')
 * // => { from: 'qty', cast: 'integer' }
 */
export function applyChanges(model: TableModel, changes: readonly TableChange[], checked = true): TableModel {
  const next = cloneModel(model)
  for (const change of changes) {
    if (checked && change.kind !== 'dropIndex') validateChange(model.table, change)
    changeEntry(change.kind).apply(next, change, modelEdit(next, describeChange(model.table, change), checked))
  }
  return next
}

/** The checks and list edits every change needs, failing with the call named. */
function modelEdit(model: TableModel, where: string, checked: boolean): ModelEdit {
  const fail = (problem: string): void => {
    if (checked) throw new MigError('BAD_OPERATION', `${where}: ${problem}`)
  }
  return {
    where,
    checked,
    fail,
    requireColumn: (name) => {
      if (!model.columns.some((column) => column.name === name)) {
        fail(`table '${model.table}' has no column '${name}' (it has ${model.columns.map((column) => column.name).join(', ')})`)
      }
    },
    requireFreeName: (name) => {
      const taken = [...model.indexes, ...model.uniques, ...model.rawIndexes, ...model.foreignKeys, ...model.checks].some((entry) => entry.name === name)
      if (taken) fail(`table '${model.table}' already has an index or constraint named '${name}'`)
    },
    remove: (list, name) => {
      const at = list.findIndex((entry) => entry.name === name)
      if (at >= 0) list.splice(at, 1)
      return at >= 0
    },
    names: (list) => list.map((entry) => `'${entry.name}'`).join(', ') || 'none',
  }
}
