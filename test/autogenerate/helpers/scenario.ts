import { expect } from 'vitest'
import { renderLiteral } from '../../../src/operations/literals.js'
import type { Dialect } from '../../../src/operations/types.js'
import type { AutogenerateResult } from '../../../src/autogenerate/index.js'
import { createHarness, type Harness } from './harness.js'

export type Rows = Record<string, Record<string, unknown>[]>

/**
 * One model change, run the way a user lives it: migrate to the `before` models, fill in some
 * rows, change the models, autogenerate, upgrade, autogenerate again (must find nothing: one
 * pass), downgrade, and find the `before` schema and rows again.
 */
export interface Scenario {
  /** File-name slug of the snapshot. */
  readonly name: string
  readonly before: () => unknown[]
  readonly after: () => unknown[]
  /** Rows inserted once the `before` schema is in place, by table (inserted in this order). */
  readonly seed?: Rows
  /** The messages autogenerate logs, per dialect (SQLite has no comments, no lengths...). */
  readonly messages: (dialect: Dialect) => string[]
  /** Checks on the upgraded database. */
  readonly afterUpgrade?: (harness: Harness) => Promise<void>
  /** The rows expected after the downgrade, when the upgrade lost some (default: the seed as read back). */
  readonly afterDowngrade?: (dialect: Dialect, before: Rows) => Rows
  /** Checks on the rendered revision. */
  readonly rendered?: (result: AutogenerateResult, dialect: Dialect) => void
}

/**
 * The revision body as the snapshot files show it: a module with the revision's `upgrade` and
 * `downgrade`, which `tsc` type-checks against the real operations API.
 */
export function renderedFile(result: AutogenerateResult): string {
  const body = (lines: string[]) => lines.map((line) => (line ? `  ${line}` : '')).join('\n')
  return [
    "import type { MigrationContext } from '../../../src/index.js'",
    '',
    'export async function upgrade({ op }: MigrationContext): Promise<void> {',
    body(result.upgrades),
    '}',
    '',
    'export async function downgrade({ op }: MigrationContext): Promise<void> {',
    body(result.downgrades),
    '}',
    '',
  ].join('\n')
}

export async function runScenario(scenario: Scenario, dialect: Dialect): Promise<void> {
  const harness = await createHarness(dialect)
  try {
    harness.models(scenario.before())
    if ((await harness.migrate('before')).changes.length > 0) await harness.upgrade()
    expect((await harness.generate()).changes, 'the before models converge').toEqual([])
    for (const [table, rows] of Object.entries(scenario.seed ?? {})) await insert(harness, table, rows)
    const seeded = await dump(harness, Object.keys(scenario.seed ?? {}))

    harness.models(scenario.after())
    const result = await harness.migrate('after')
    expect(result.changes.map((change) => change.message)).toEqual(scenario.messages(dialect))
    if (result.changes.length === 0) return
    await expect(renderedFile(result)).toMatchFileSnapshot(`__snapshots__/${scenario.name}.${dialect}.ts`)
    scenario.rendered?.(result, dialect)

    await harness.upgrade()
    expect((await harness.generate()).changes, 'one upgrade makes the database match the models').toEqual([])
    await scenario.afterUpgrade?.(harness)

    await harness.downgrade()
    harness.models(scenario.before())
    expect((await harness.generate()).changes, 'the downgrade restores the before schema').toEqual([])
    const expected = scenario.afterDowngrade?.(dialect, seeded) ?? seeded
    expect(await dump(harness, Object.keys(expected))).toEqual(expected)
  } finally {
    await harness.close()
  }
}

/** Inserts rows with literal SQL (the same literals the operations write). */
export async function insert(harness: Harness, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row).map((column) => `"${column}"`).join(', ')
    const values = Object.values(row).map((value) => renderLiteral(harness.dialect, value)).join(', ')
    await harness.query(`insert into "${table}" (${columns}) values (${values})`)
  }
}

/** Every row of the tables, by table, ordered by `id`. */
export async function dump(harness: Harness, tables: readonly string[]): Promise<Rows> {
  const rows: Rows = {}
  for (const table of tables) rows[table] = await harness.query(`select * from "${table}" order by "id"`)
  return rows
}
