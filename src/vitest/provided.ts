/**
 * What the global setup (main Vitest process) hands to the test workers through Vitest's
 * `provide`/`inject`. Provided values cross a process boundary, so this is plain data.
 */

/** The dialects mig/vitest can make throwaway databases for. */
export type TestDialect = 'sqlite' | 'postgresql'

/**
 * One test run's databases, as `inject('mig')` returns it in a test file.
 *
 * @example
 * import { inject } from 'vitest'
 * const { dialect, templateUrl } = inject('mig')
 */
export interface MigTestRun {
  readonly dialect: TestDialect
  /** Unique per `vitest` process; every file and database of the run carries it in its name. */
  readonly runId: string
  /** Bumped when watch mode re-migrates the template (a new or changed revision). */
  readonly generation: number
  /**
   * SQLite: the run's temporary folder. PostgreSQL: the URL of the maintenance database
   * (`postgres` on the server of `config.database`) through which databases are created and dropped.
   */
  readonly home: string
  /** The project's config file (imported again in each worker, through Vitest), and its folder. */
  readonly configFile: string | undefined
  /** With no mig config: the MikroORM config the models come from (MikroORM's own lookup). */
  readonly ormConfigFile?: string | undefined
  readonly root: string
  /** URL of the template database: migrated to the heads, never written to by tests. */
  readonly templateUrl: string
  /** URL of each worker's copy; `{pool}` stands for the worker's `VITEST_POOL_ID`. */
  readonly workerUrlPattern: string
  /** The revisions the template was upgraded to. */
  readonly heads: readonly string[]
  /** Milliseconds the template upgrade took (for `npm run bench`). */
  readonly templateMs: number
  /** Set when a watch-mode rerun could not migrate the template: every test file fails with it. */
  readonly error?: string
  /** A multidb project's binds: each has its own template and worker copies (its dialect may differ). */
  readonly binds?: Readonly<Record<string, BindTestRun>>
}

/** One bind's throwaway databases, in its own store. */
export type BindTestRun = Pick<MigTestRun, 'dialect' | 'runId' | 'home' | 'root' | 'templateUrl' | 'workerUrlPattern'>

/** Options of the plugin that the global setup needs (passed through `test.provide`). */
export interface MigSetupOptions {
  /** The mig config file; default `mig.config.*` found from Vitest's root upward, or `MIG_CONFIG`. */
  readonly config?: string | undefined
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway databases of this run (mig/vitest). */
    mig: MigTestRun
    /** @internal the plugin's options for mig's global setup */
    migSetup: MigSetupOptions
  }
}
