import { MigError } from '../errors.js'
import { entryOf } from './entries.js'
import type { Operation, OperationKind } from './operation.js'
import { renderValue } from './render-value.js'

type Fields = Record<string, unknown>

/**
 * The operation a call asks for: `op.<kind>(...args)`, or inside a batch `batch.<kind>(...args)`,
 * which leaves the table out. The arguments fill the keys the kind's entry lists, in order.
 *
 * @example
 * operationFromCall('createIndex', ['post_title_index', 'post', 'title', { unique: true }], false)
 * // => { kind: 'createIndex', name: 'post_title_index', table: 'post', columns: ['title'], unique: true, type: undefined }
 */
export function operationFromCall(kind: OperationKind, args: readonly unknown[], inBatch: boolean): Operation {
  const entry = entryOf(kind)
  const op: Fields = { kind }
  const params = entry.params.filter((param) => !(inBatch && param === 'table'))
  params.forEach((param, at) => {
    const value = args[at]
    if (typeof param === 'string') {
      op[param] = value
      return
    }
    if (param.strict && value !== undefined && (value === null || typeof value !== 'object')) {
      const where = inBatch ? `batch.${kind}()` : `op.${kind}('${String(op.table)}')`
      const shape = param.options.map((key) => `${key}: '...'`).join(', ')
      throw new MigError('BAD_OPERATION', `${where}: the options are an object, { ${shape} }`)
    }
    for (const key of param.options) op[key] = (value as Fields | undefined)?.[key]
  })
  const built = op as unknown as Operation
  return entry.normalize ? entry.normalize(built) : built
}

/**
 * The call that makes `op` in a revision file, `await op.<kind>(...)` or inside a batch
 * `await batch.<kind>(...)`, possibly over several lines: the arguments in the order the
 * kind's entry lists them, an options object only when it holds something.
 *
 * @example
 * renderCall({ kind: 'dropIndex', name: 'post_title_index', table: 'post' }, false) // => ["await op.dropIndex('post_title_index', 'post')"]
 */
export function renderCall(op: Operation, inBatch: boolean): string[] {
  const entry = entryOf(op.kind)
  if (entry.render) return entry.render(op)
  const values = (entry.shown ? entry.shown(op) : op) as unknown as Fields
  const args = entry.params
    .filter((param) => !(inBatch && param === 'table'))
    .map((param) => (typeof param === 'string' ? { value: values[param], options: false } : { value: pickDefined(values, param.options), options: true }))
  // Trailing arguments the call would not need: nothing given, or an empty options object.
  const needless = (arg: { value: unknown; options: boolean }) => arg.value === undefined || (arg.options && Object.keys(arg.value as Fields).length === 0)
  while (args.length > 0 && needless(args.at(-1)!)) args.pop()
  const rendered = args.map((arg) => renderValue(arg.value, '')).join(', ')
  return `await ${inBatch ? 'batch' : 'op'}.${op.kind}(${rendered})`.split('\n')
}

function pickDefined(values: Fields, keys: readonly string[]): Fields {
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]))
}
