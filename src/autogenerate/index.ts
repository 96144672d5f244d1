/**
 * Autogenerate: compare the models with the live database (MikroORM's comparator, its defects
 * corrected), turn the difference into dialect-neutral operations, and render them as the
 * `upgrade`/`downgrade` bodies of a revision — as Alembic's compare → operations → render.
 */
import type { DatabaseTarget, MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import type { IncludeObject } from './filter.js'
import { sourceTableName } from '../runtime/revision-sources.js'
import type { WarmOrm } from './orm.js'
import type { DetectedChange } from './messages.js'
import type { Dialect } from '../operations/types.js'
import type { Plan } from './to-operations.js'

export type { DetectedChange } from './messages.js'
export { WarmOrm } from './orm.js'
export type { IncludeObject, SchemaObject } from './filter.js'

export interface AutogenerateResult {
  /** What differs, in the order the revision handles it (empty: nothing to do). */
  changes: DetectedChange[]
  /** Body lines of the revision's `upgrade` (empty when there are no changes). */
  upgrades: string[]
  /** Body lines of its `downgrade`: the reverse operations, in reverse order. */
  downgrades: string[]
  /** Extra import lines for the revision file. */
  imports: string[]
  /** How many `mig lint` findings were written as `// mig-lint` comments above the operations. */
  lint: { errors: number; warnings: number }
}

export interface AutogenerateOptions {
  /** The version table, left out of the comparison with its source table. Default `config.versionTable`. */
  versionTable?: string
  /** Corrections to leave out, by name: only for tests that show what each one fixes. */
  skipCorrections?: readonly string[]
  /** Keep MikroORM running between calls (the dev server); dispose it when done. */
  warm?: WarmOrm
  /**
   * Compare the models with an empty database of the target's dialect instead of what the
   * target holds: the result creates the whole schema (a baseline for a database that already
   * has it). The target is still connected to, for MikroORM. Default false.
   */
  fromEmpty?: boolean
  /**
   * Run `mig lint`'s rules on the operations and write each finding as a `// mig-lint` comment
   * above its operation (what `migrate` does). Default false.
   */
  lint?: boolean
}

/**
 * Compares the models in `config.orm` with the database at `target` and returns the detected
 * changes and the revision body that applies them. Honours `compareType`, `renderAsBatch` and
 * an `includeObject(object)` filter among the config's options. MikroORM is imported here, on
 * first use.
 *
 * @example
 * const result = await autogenerate(config, target)
 * result.changes.map((change) => change.message) // ["Detected added column 'user.email'"]
 * if (result.changes.length) await revision(config, { message: 'add email', ...result })
 */
export async function autogenerate(config: MigConfig, target: DatabaseTarget, options: AutogenerateOptions = {}): Promise<AutogenerateResult> {
  const [{ openOrmSession }, { compareSchemas }, { planOperations }, { renderPlan }, { propertyLookup }] = await Promise.all([
    import('./orm.js'),
    import('./compare.js'),
    import('./to-operations.js'),
    import('./render.js'),
    import('./properties.js'),
  ])
  const includeObject = config.options.includeObject
  if (includeObject !== undefined && typeof includeObject !== 'function') {
    throw new MigError('BAD_CONFIG', "'includeObject' in mig.config.ts must be a function ({ type, name, table }) => boolean")
  }
  const versionTable = options.versionTable ?? config.versionTable
  // mig's own tables are no model's.
  const session = await openOrmSession(config, target, [versionTable, sourceTableName(versionTable)], options.warm, { empty: options.fromEmpty })
  try {
    const comparison = await compareSchemas(session, {
      compareType: config.compareType,
      includeObject: includeObject as IncludeObject | undefined,
      skipCorrections: options.skipCorrections,
    })
    const readings = {
      live: { dialect: session.dialect, enumCheckNames: comparison.context.enumCheckNames },
      target: { dialect: session.dialect, properties: propertyLookup(session.orm) },
    }
    const plan = planOperations(comparison, readings, { batch: config.renderAsBatch })
    if (plan.changes.length === 0) return { changes: [], upgrades: [], downgrades: [], imports: [], lint: { errors: 0, warnings: 0 } }
    const linted = options.lint ? await lintPlanFor(config, session.dialect, plan) : { plan, findings: { errors: 0, warnings: 0 } }
    const rendered = renderPlan(linted.plan, { batch: config.renderAsBatch })
    return { changes: [...plan.changes], upgrades: rendered.upgrades, downgrades: rendered.downgrades, imports: [], lint: { ...linted.findings } }
  } finally {
    await session.close()
  }
}

/** Runs `mig lint`'s rules on the plan for the configured `lint` settings (the server version from `lint.targetVersion`). */
async function lintPlanFor(config: MigConfig, dialect: Dialect, plan: Plan) {
  const [{ lintPlan }, { lintConfig, lintTarget }] = await Promise.all([import('./lint-plan.js'), import('../lint/index.js')])
  const settings = lintConfig(config.options)
  return lintPlan(plan, lintTarget(dialect, settings.targetVersion), settings, config.renderAsBatch)
}
