import type { MikroORM } from '@mikro-orm/core'
import type { AbstractSqlPlatform, DatabaseSchema, SchemaComparator } from '@mikro-orm/knex'
import { importFromProject, projectOrm } from '../config/mikro-orm-import.js'
import type { DatabaseTarget, MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { oneLineLoadError } from '../loader/error-location.js'
import type { Dialect } from '../operations/types.js'

/** Everything the comparison needs from a running MikroORM, and how to let go of it. */
export interface OrmSession {
  readonly orm: MikroORM
  readonly dialect: Dialect
  readonly platform: AbstractSqlPlatform
  /** The constructor of MikroORM's schema comparator (from the project's own MikroORM copy). */
  readonly Comparator: new (platform: AbstractSqlPlatform) => SchemaComparator
  /** The live database, without the version table. */
  readonly live: DatabaseSchema
  /** The schema the models describe. */
  readonly target: DatabaseSchema
  /** Runs a read-only query on MikroORM's connection (for what its introspection misses). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  close(): Promise<void>
}

/**
 * Starts MikroORM with the project's models against `target`, reads the live schema and builds
 * the target schema. MikroORM is imported here and only here, from the user's project first
 * (their entities must meet the same copy of `@mikro-orm/core`), then from mig's own.
 *
 * With `empty`, the live schema is an empty database of the same dialect instead of what
 * `target` holds (`migrate --from-empty`: a baseline for a database that already has the schema).
 *
 * @example
 * const session = await openOrmSession(config, target, ['mig_version'])
 * try { session.live.getTables() } finally { await session.close() }
 */
export async function openOrmSession(
  config: MigConfig,
  target: DatabaseTarget,
  skipTables: readonly string[],
  warm?: WarmOrm,
  { empty = false }: { empty?: boolean } = {},
): Promise<OrmSession> {
  const { core, options, driverPackage } = await projectOrm(config.root, config.orm, target)
  const knex = await importFromProject<typeof import('@mikro-orm/knex')>(config.root, '@mikro-orm/knex', driverPackage)

  let orm: MikroORM
  if (warm?.orm && warm.key === target.display) {
    orm = warm.orm
    rediscover(orm, warm, options.entities)
  } else {
    await warm?.dispose()
    try {
      orm = await core.MikroORM.init(options as Parameters<typeof core.MikroORM.init>[0])
    } catch (error) {
      if (error instanceof MigError) throw error
      if (isConnectionError(error)) {
        throw new MigError('CONNECTION', `Cannot connect to ${target.display}: ${(error as Error).message}`, { cause: error })
      }
      throw new MigError('BAD_CONFIG', `MikroORM could not start with the 'orm' options: ${oneLineLoadError(error)}`, { cause: error })
    }
    if (warm) Object.assign(warm, { orm, key: target.display, entities: options.entities })
  }
  const release = () => (warm ? Promise.resolve() : orm.close(true))
  try {
    const platform = orm.em.getPlatform() as AbstractSqlPlatform
    const connection = orm.em.getConnection() as unknown as import('@mikro-orm/knex').AbstractSqlConnection
    // As MikroORM's own schema update: the configured schema (undefined = the default one).
    const schemaName = orm.config.get('schema') as string | undefined
    const generator = orm.getSchemaGenerator() as unknown as import('@mikro-orm/knex').SqlSchemaGenerator
    const targetSchema = generator.getTargetSchema(schemaName)
    const configured = (orm.config.get('schemaGenerator') as { skipTables?: (string | RegExp)[] }).skipTables ?? []
    const live = empty
      // Named as DatabaseSchema.create names the schema it reads; no tables, native enums or namespaces.
      ? new knex.DatabaseSchema(platform, (schemaName ?? platform.getDefaultSchemaName()) as string)
      : await knex.DatabaseSchema.create(
        connection, platform, orm.config, schemaName, targetSchema.getNamespaces(), undefined, [...configured, ...skipTables],
      ).catch((error: Error) => {
        throw new MigError('CONNECTION', `Cannot read the schema of ${target.display}: ${error.message}`, { cause: error })
      })
    const wildcardTables = Object.values(orm.getMetadata().getAll()).filter((meta) => meta.schema === '*').map((meta) => meta.tableName)
    live.prune(schemaName, wildcardTables)
    targetSchema.prune(schemaName, wildcardTables)
    return {
      orm,
      dialect: target.dialect,
      platform,
      Comparator: knex.SchemaComparator,
      live,
      target: targetSchema,
      query: async <T>(sql: string, params: unknown[] = []) => (await connection.execute(sql, params, 'all')) as T[],
      close: release,
    }
  } catch (error) {
    await (warm ? warm.dispose() : orm.close(true))
    throw error
  }
}

/**
 * A MikroORM kept running between comparisons (the dev server's checks): connected once, and
 * re-discovering the models only when the entity objects changed (an edited models module).
 *
 * @example
 * const warm = new WarmOrm()
 * await autogenerate(config, target, { warm }) // starts MikroORM
 * await autogenerate(config, target, { warm }) // reuses it
 * await warm.dispose()
 */
export class WarmOrm {
  orm: MikroORM | undefined
  key: string | undefined
  entities: unknown

  async dispose(): Promise<void> {
    const orm = this.orm
    this.orm = undefined
    this.key = undefined
    await orm?.close(true)
  }
}

function rediscover(orm: MikroORM, warm: WarmOrm, entities: unknown): void {
  const previous = Array.isArray(warm.entities) ? (warm.entities as unknown[]) : []
  const same = Array.isArray(entities) && entities.length === previous.length && entities.every((entity, i) => entity === previous[i])
  if (same) return
  const classNames = Object.values(orm.getMetadata().getAll()).map((meta) => meta.className)
  orm.discoverEntity(entities as Parameters<MikroORM['discoverEntity']>[0], classNames)
  warm.entities = entities
}

// MikroORM.init connects too; a refused or unauthorised connection is not a config mistake.
function isConnectionError(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown }
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|28P01|3D000|ER_ACCESS_DENIED_ERROR|ER_BAD_DB_ERROR)$/.test(code)) return true
  return /Connection/.test(String(name)) || /authentication failed|access denied|unknown database|database "?[^ ]+"? does not exist/i.test(String(message))
}
