/**
 * The checks behind `migrationTests()`, as plain functions that throw an Error with a message
 * a developer can act on. Each gets the project's config and, where it migrates, a database URL
 * of its own.
 */
import { relative } from 'node:path'
import { openScriptDirectory } from '../commands/common.js'
import { downgrade } from '../commands/downgrade.js'
import { heads } from '../commands/heads.js'
import { upgrade } from '../commands/upgrade.js'
import type { MigConfig } from '../config/types.js'
import { planUpgrade } from '../revision/index.js'
import { MigError } from '../errors.js'

/** Several heads mean someone must merge before the migrations can be applied with `upgrade head`. */
export async function checkSingleHead(config: MigConfig): Promise<void> {
  const { revisions } = await heads(config, { resolveDependencies: true })
  if (revisions.length <= 1) return
  const list = revisions.map((revision) => `  - ${revision.id} ${revision.message} (${relative(config.root, revision.path)})`)
  throw new MigError(
    'MULTIPLE_HEADS',
    [`Expected a single head revision, found ${revisions.length}:`, ...list, 'Merge them: npx mig merge heads -m "merge heads"'].join('\n'),
  )
}

/** An empty database upgraded from base to the heads, as a fresh deploy does it. */
export async function checkUpgrade(config: MigConfig, url: string): Promise<void> {
  try {
    await upgrade({ ...config, database: url, keepRevisionSources: false }, { revision: 'heads' })
  } catch (error) {
    throw new MigError('MIGRATION_FAILED', `Upgrading an empty database from base to the heads failed: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * The stairway: in upgrade order, each revision goes up, down and up again, so every
 * `downgrade` runs against the schema its `upgrade` left and the upgrade is repeatable.
 */
export async function checkStairway(config: MigConfig, url: string): Promise<void> {
  const { graph } = await openScriptDirectory(config)
  const target = { ...config, database: url, keepRevisionSources: false }
  for (const { revision } of planUpgrade(graph, [], 'heads')) {
    const moves: Array<[string, () => Promise<unknown>]> = [
      ['upgrade', () => upgrade(target, { revision: revision.id })],
      // `<rev>@<parent>` takes back just this revision, on its own branch: a base goes to base,
      // a merge back to its parents (a relative `-1` would be ambiguous there), and sibling
      // branches stay applied.
      ['downgrade', () => downgrade(target, { revision: `${revision.id}@${graph.parentsOf(revision.id)[0] ?? 'base'}` })],
      ['second upgrade', () => upgrade(target, { revision: revision.id })],
    ]
    for (const [move, run] of moves) {
      try {
        await run()
      } catch (error) {
        const file = relative(config.root, revision.path)
        throw new MigError('MIGRATION_FAILED', `Stairway at revision ${revision.id} (${revision.message}, ${file}): the ${move} failed: ${(error as Error).message}`, {
          cause: error,
          revision: revision.id,
          file,
          direction: move === 'downgrade' ? 'down' : 'up',
        })
      }
    }
  }
}

/** The models compared with a database at the heads: no change may be left without a revision. */
export async function checkModels(config: MigConfig, url: string): Promise<void> {
  const { check } = await import('../commands/autogenerate.js')
  const { changes } = await check({ ...config, database: url })
  if (changes.length === 0) return
  const list = changes.map((change) => `  - ${change.column ? `${change.table}.${change.column}` : change.table}: ${change.message}`)
  throw new MigError(
    'MODELS_CHANGED',
    [
      `The models have ${changes.length} change(s) that no revision covers:`,
      ...list,
      'Write a revision for them: npx mig migrate -m "describe the change"',
    ].join('\n'),
  )
}
