import Database from 'better-sqlite3'
import { join } from 'node:path'
import { autogenerate, type AutogenerateOptions, type AutogenerateResult } from '../../../src/autogenerate/index.js'
import { parseDatabaseUrl } from '../../../src/config/database-url.js'
import { resolveConfig } from '../../../src/config/load.js'
import type { DatabaseTarget, MigConfig, MigUserConfig } from '../../../src/config/types.js'
import { downgrade } from '../../../src/commands/downgrade.js'
import { init } from '../../../src/commands/init.js'
import { revision } from '../../../src/commands/revision.js'
import { upgrade } from '../../../src/commands/upgrade.js'
import type { Dialect } from '../../../src/operations/types.js'
import { MYSQL_URL, POSTGRES_URL, scratchMysql, scratchPostgres, type ScratchDatabase } from '../../helpers/databases.js'
import { createProject, type TempProject } from '../../helpers/project.js'

/** The dialects the round-trip tests run on: SQLite always, the servers when their URL is set. */
export const DIALECTS: readonly { dialect: Dialect; name: string; enabled: boolean }[] = [
  { dialect: 'sqlite', name: 'SQLite', enabled: true },
  { dialect: 'postgresql', name: POSTGRES_URL ? 'PostgreSQL' : 'PostgreSQL (skipped: set MIG_TEST_POSTGRES_URL)', enabled: Boolean(POSTGRES_URL) },
  { dialect: 'mysql', name: MYSQL_URL ? 'MariaDB' : 'MariaDB (skipped: set MIG_TEST_MYSQL_URL)', enabled: Boolean(MYSQL_URL) },
]

/**
 * A throwaway project with a migration repository and an empty database, driven through mig's
 * programmatic API: swap the models, autogenerate, write the revision, upgrade, downgrade.
 */
export interface Harness {
  readonly dialect: Dialect
  readonly project: TempProject
  readonly config: MigConfig
  readonly target: DatabaseTarget
  /** Replaces the models `orm` returns. */
  models(entities: readonly unknown[]): void
  generate(options?: AutogenerateOptions): Promise<AutogenerateResult>
  /** Autogenerates and writes the revision (nothing when there are no changes). */
  migrate(message: string, options?: AutogenerateOptions): Promise<AutogenerateResult>
  upgrade(): Promise<void>
  downgrade(to?: string): Promise<void>
  /** Runs SQL and returns its rows; identifiers written `"quoted"` are converted for MariaDB. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>
  /** The revision file written last. */
  lastRevision(): string
  close(): Promise<void>
}

export async function createHarness(dialect: Dialect, extra: MigUserConfig = {}): Promise<Harness> {
  let server: ScratchDatabase | undefined
  if (dialect === 'postgresql') server = await scratchPostgres()
  if (dialect === 'mysql') server = await scratchMysql()
  const project = createProject()
  const database = server ? server.url : 'sqlite:app.db'
  let entities: readonly unknown[] = []
  const config = await resolveConfig({ database, orm: () => ({ entities: [...entities], discovery: { warnWhenNoEntities: entities.length > 0 } }), ...extra }, { root: project.dir })
  await init(config)
  const target = parseDatabaseUrl(database, project.dir)
  let last = ''
  const harness: Harness = {
    dialect,
    project,
    config,
    target,
    models(next) {
      entities = next
    },
    generate: (options) => autogenerate(config, target, options),
    async migrate(message, options) {
      const result = await autogenerate(config, target, options)
      if (result.changes.length > 0) {
        last = (await revision(config, { message, upgrades: result.upgrades, downgrades: result.downgrades, imports: result.imports })).path
      }
      return result
    },
    async upgrade() {
      await upgrade(config)
    },
    async downgrade(to = '-1') {
      await downgrade(config, { revision: to })
    },
    async query<T>(sql: string) {
      if (server) return server.query<T>(dialect === 'mysql' ? sql.replaceAll('"', '`') : sql)
      const db = new Database(join(project.dir, 'app.db'))
      try {
        const statement = db.prepare(sql)
        if (!statement.reader) {
          statement.run()
          return []
        }
        return statement.all() as T[]
      } finally {
        db.close()
      }
    },
    lastRevision: () => project.read(last.slice(project.dir.length + 1)),
    async close() {
      project.remove()
      await server?.drop()
    },
  }
  return harness
}
