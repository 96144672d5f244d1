import type { Dialect } from '../operations/types.js'
import type { Duration } from './duration.js'

/** What autogenerate's `includeObject` filter is asked about. */
export interface SchemaObject {
  readonly type: 'table' | 'column' | 'index' | 'foreignKey' | 'check'
  readonly name: string
  /** The table, for everything but tables. */
  readonly table?: string
}

/** MikroORM options as mig passes them to `MikroORM.init` (kept loose so importing mig stays light). */
export type OrmOptions = Record<string, unknown>
export type OrmOptionsInput = OrmOptions | (() => OrmOptions | Promise<OrmOptions>)

/** Where a database lives, as a URL: `sqlite:app.db`, `postgresql://user@host/db`, `mysql://root@host/db`. */
export type DatabaseUrl = string

/** An extra database (multidb): its own MikroORM options and, optionally, its own URL. */
export interface BindConfig {
  database?: DatabaseUrl
  orm?: OrmOptionsInput
}

/** What a user writes in `mig.config.ts`. Every field is optional. */
export interface MigUserConfig {
  /**
   * The database to migrate. When given, commands that need no models (`current`, `upgrade`,
   * `downgrade`, `stamp`) never import MikroORM, which keeps them fast. Relative SQLite paths
   * are relative to the config file. Defaults to the connection in `orm`.
   * @example database: process.env.DATABASE_URL ?? 'sqlite:app.db'
   */
  database?: DatabaseUrl
  /**
   * MikroORM options, or a (sync or async) function returning them. Prefer the function with
   * dynamic `import()`s: commands that do not need the models never call it.
   */
  orm?: OrmOptionsInput
  /** The migration repository, relative to the config file. Default `'migrations'`. */
  directory?: string
  /** Name of the version table. Default `'mig_version'`. */
  versionTable?: string
  /** Detect column type and length changes in autogenerate. Default `true`. */
  compareType?: boolean
  /** Group changes to existing tables in batch blocks (SQLite move-and-copy). Default `true`. */
  renderAsBatch?: boolean
  /**
   * Keep the source of every revision applied to a database in a table beside the version table
   * (`<versionTable>_source`), so `mig sync` can downgrade it after its file is gone (a `git
   * switch`) and an edited revision is noticed. Default `true`.
   */
  keepRevisionSources?: boolean
  /**
   * Autogenerate's filter: return false to leave a table, column, index, foreign key or check out
   * of the comparison (a new table's columns always come with it).
   * @example includeObject: ({ type, name }) => !(type === 'table' && name.startsWith('tmp_'))
   */
  includeObject?: (object: SchemaObject) => boolean
  /**
   * How long a statement of a revision waits for a lock another session holds before it fails
   * (and the step is rolled back) instead of queueing, with every query behind it, for the
   * table: PostgreSQL `lock_timeout`, MariaDB/MySQL `lock_wait_timeout` and
   * `innodb_lock_wait_timeout` (whole seconds, rounded up), SQLite's busy timeout. Set at the
   * start of every step; a revision's own `export const lockTimeout = '2s'` wins. Default: the
   * server's (wait).
   * @example lockTimeout: '5s'
   */
  lockTimeout?: Duration
  /**
   * How long one statement of a revision may run: PostgreSQL `statement_timeout`, MariaDB
   * `max_statement_time`, MySQL `max_execution_time` (which MySQL applies to SELECTs only).
   * Nothing on SQLite. A revision's own `export const statementTimeout = '10min'` wins.
   * Default: none.
   * @example statementTimeout: '15min'
   */
  statementTimeout?: Duration
  /**
   * `mig lint` settings: codes never reported, and the server version an offline lint assumes.
   * @example lint: { ignore: ['MIG301'], targetVersion: '14' }
   */
  lint?: { readonly ignore?: readonly string[]; readonly targetVersion?: string }
  /** Extra databases, each with its own models and version table. */
  binds?: Record<string, BindConfig>
  /** Callbacks run in order after the config is read and before it is used. */
  configure?: ConfigureCallback | ConfigureCallback[]
  /**
   * Run from revisions bundled into the application instead of the `versions/` folder: the
   * module `mig init --package` maintains. Commands then need no migrations folder on disk.
   * Leave it out of `mig.config.ts` (the CLI writes revisions); pass it where the server starts.
   * @example
   * import * as migrations from './migrations/index.js'
   * await upgrade(await resolveConfig({ ...config, migrations }, { root: process.cwd() }))
   */
  migrations?: PackagedMigrations
  /** Further migration-context options, read by autogenerate and by custom `env.ts` files. */
  [option: string]: unknown
}

export type ConfigureCallback = (config: MigConfig) => MigConfig | void | Promise<MigConfig | void>

/** The config after defaults and `configure` callbacks: what commands receive. */
export interface MigConfig {
  /** Directory of the config file; relative paths in the config are resolved against it. */
  readonly root: string
  /** Absolute path of the config file, or undefined for a config built in code. */
  readonly configFile: string | undefined
  /** With no `mig.config.*`: the MikroORM config found by MikroORM's own lookup, which `orm` loads. */
  readonly ormConfigFile?: string | undefined
  /** Absolute path of the migration repository. */
  directory: string
  versionTable: string
  database: DatabaseUrl | undefined
  orm: OrmOptionsInput | undefined
  compareType: boolean
  renderAsBatch: boolean
  keepRevisionSources: boolean
  /** `lockTimeout` in milliseconds (see `MigUserConfig.lockTimeout`); undefined: the server's. */
  lockTimeout: number | undefined
  /** `statementTimeout` in milliseconds; undefined: none. */
  statementTimeout: number | undefined
  binds: Record<string, BindConfig>
  /** Bundled revisions to run instead of the files in `versions/` (see `MigUserConfig.migrations`). */
  migrations?: PackagedMigrations | undefined
  /** Everything else the user put in the config. */
  readonly options: Readonly<Record<string, unknown>>
}

/** A connection target after parsing the URL. */
export interface DatabaseTarget {
  readonly dialect: Dialect
  /** For SQLite: absolute file path, or `:memory:`. */
  readonly file?: string
  /** For PostgreSQL and MySQL: the connection URL. */
  readonly url?: string
  /** The URL with its password replaced by `***`, for every log line. */
  readonly display: string
}

/**
 * What a revision module exports (the stock template writes all of these). Headers come from
 * the exports when revisions are bundled, because a bundler drops the doc comment.
 */
export interface RevisionModule {
  revision?: unknown
  downRevision?: unknown
  branchLabels?: unknown
  dependsOn?: unknown
  /** The revision message (the doc comment's first paragraph when there is no export). */
  message?: unknown
  upgrade?: (context: never) => unknown
  downgrade?: (context: never) => unknown
  /** `false`: the step runs outside a transaction (statements such as `create index concurrently`). */
  transactional?: unknown
  /** This revision's lock timeout, over the config's (see `MigUserConfig.lockTimeout`). */
  lockTimeout?: unknown
  /** This revision's statement timeout, over the config's. */
  statementTimeout?: unknown
}

/** The module `mig init --package` writes as `migrations/index.ts`: every revision, imported. */
export interface PackagedMigrations {
  readonly revisions: readonly RevisionModule[]
  /**
   * The repository's `env.ts` default export, which the bundle runs as the CLI runs the file. It
   * receives an `Environment` (typed loosely here, as `upgrade` is above, so the config types do
   * not depend on the runtime).
   */
  readonly env?: ((context: never) => unknown) | undefined
}
