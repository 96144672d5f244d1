import { MigError } from '../errors.js'
import type { GraphData } from './data.js'
import { ancestorsOf } from './reach.js'
import type { VersionRowChange } from './types.js'

/**
 * Applies version-table changes to a list of rows, as the database would: an insert adds a
 * row, an update rewrites one row, a delete removes one. An update or delete that does not
 * hit exactly one row — or an insert of a row already there — is an error, because it means
 * the table changed behind our back.
 *
 * @example
 * applyVersionChanges(['a'], [{ kind: 'update', from: 'a', to: 'b' }]) // ['b']
 */
export function applyVersionChanges(rows: readonly string[], changes: readonly VersionRowChange[]): string[] {
  const out = [...rows]
  for (const change of changes) {
    if (change.kind === 'insert') {
      if (out.includes(change.id)) throw rowError(`inserting '${change.id}', which is already present`)
      out.push(change.id)
      continue
    }
    const id = change.kind === 'update' ? change.from : change.id
    const at = out.indexOf(id)
    if (at < 0) throw rowError(`${change.kind === 'update' ? `updating '${id}'` : `deleting '${id}'`}, which is not present`)
    if (change.kind === 'update') out[at] = change.to
    else out.splice(at, 1)
  }
  return out
}

function rowError(what: string): MigError {
  return new MigError('VERSION_TABLE', `Version table changed unexpectedly: ${what}`)
}

/**
 * Follows the version table through a plan, producing each step's row changes the way
 * Alembic's head maintenance does. A step's down revisions are its parents and normalized
 * dependencies; one "implied" by the other rows is an ancestor (or self) of a row other than
 * the ones the step works on.
 */
export class RowTracker {
  readonly #data: GraphData
  readonly #rows: number[]
  readonly #isRow: Uint8Array

  constructor(data: GraphData, rows: readonly number[]) {
    this.#data = data
    this.#rows = [...rows]
    this.#isRow = new Uint8Array(data.ids.length)
    for (const r of rows) this.#isRow[r] = 1
  }

  get rows(): readonly number[] {
    return this.#rows
  }

  /**
   * Upgrading `r`: no down revision in the rows → insert; several (a merge) → delete all but
   * the last of those no other row implies, and update that one; else update the one held.
   */
  up(r: number): VersionRowChange[] {
    const ids = this.#data.ids
    const downs = this.#data.down[r]!
    const held = downs.filter((d) => this.#isRow[d])
    let changes: VersionRowChange[]
    if (held.length === 0) {
      changes = [{ kind: 'insert', id: ids[r]! }]
    } else if (held.length === 1) {
      changes = [{ kind: 'update', from: ids[held[0]!]!, to: ids[r]! }]
    } else {
      const implied = ancestorsOf(this.#data, this.#rows.filter((n) => !downs.includes(n)))
      const free = held.filter((d) => !implied[d])
      const merged = free.length > 0 ? free : held
      changes = [
        ...merged.slice(0, -1).map((d): VersionRowChange => ({ kind: 'delete', id: ids[d]! })),
        { kind: 'update', from: ids[merged.at(-1)!]!, to: ids[r]! },
      ]
    }
    this.#apply(changes)
    return changes
  }

  /**
   * Downgrading `r`: its row goes back to its down revisions that no other row implies.
   * None → delete; one → update; several (a merge, or a dependency) → insert all but the
   * last, then update to the last.
   */
  down(r: number): VersionRowChange[] {
    const ids = this.#data.ids
    if (!this.#isRow[r]) {
      throw new MigError(
        'VERSION_TABLE',
        `Cannot downgrade ${ids[r]}: it is not a row of the version table (rows: ${this.#rows.map((n) => ids[n]).join(', ') || 'none'})`,
      )
    }
    const implied = ancestorsOf(this.#data, this.#rows.filter((n) => n !== r))
    const back = this.#data.down[r]!.filter((d) => !implied[d])
    const changes: VersionRowChange[] =
      back.length === 0
        ? [{ kind: 'delete', id: ids[r]! }]
        : [
            ...back.slice(0, -1).map((d): VersionRowChange => ({ kind: 'insert', id: ids[d]! })),
            { kind: 'update', from: ids[r]!, to: ids[back.at(-1)!]! },
          ]
    this.#apply(changes)
    return changes
  }

  #apply(changes: readonly VersionRowChange[]): void {
    const index = this.#data.index
    for (const change of changes) {
      if (change.kind === 'insert') {
        const n = index.get(change.id)!
        this.#rows.push(n)
        this.#isRow[n] = 1
      } else if (change.kind === 'delete') {
        const n = index.get(change.id)!
        this.#rows.splice(this.#rows.indexOf(n), 1)
        this.#isRow[n] = 0
      } else {
        const from = index.get(change.from)!
        const to = index.get(change.to)!
        this.#rows[this.#rows.indexOf(from)] = to
        this.#isRow[from] = 0
        this.#isRow[to] = 1
      }
    }
  }
}
