import type { Dialect } from './databases.js'

/**
 * The entity sets under test/fixtures/corpus/, each a small project written in the shape of real
 * public MikroORM 6 projects (module system, tsconfig, metadata provider, import style, mappings,
 * config style), and what the corpus test needs to know to drive it.
 */
export interface CorpusSet {
  readonly name: string
  /** The real projects it is shaped like, and what it exercises. */
  readonly shape: string
  /** The project's SQLite database when no `DATABASE_URL` is set, relative to the project. */
  readonly sqliteFile: string
  /** What points the project at a server database (its config reads these). */
  serverEnv(dialect: Exclude<Dialect, 'sqlite'>, url: string): Record<string, string>
  /** A folder inside the project that `check` and `migrate` must also work from. */
  readonly subdirectory: string
  /** With no mig.config.*, `mig init` names the MikroORM config it found. */
  readonly foundConfig?: string
  /**
   * How the project's production build runs, for MikroORM's own DDL: `tsc` arguments (run in a
   * copy of the project), the compiled MikroORM config, and Node's arguments and environment.
   */
  readonly reference: {
    readonly tsc: readonly string[]
    readonly config: string
    readonly node?: readonly string[]
    readonly env?: Readonly<Record<string, string>>
    /** The output is CommonJS inside a `"type": "module"` package (a bundler project compiled for Node). */
    readonly commonjsOutput?: boolean
  }
}

const databaseUrl = (_dialect: string, url: string) => ({ DATABASE_URL: url })

export const CORPUS: readonly CorpusSet[] = [
  {
    name: 'esm-reflect',
    shape: "ES module app like the MikroORM guide (v6 decorator version): NodeNext, `.js` suffixes, reflect-metadata + emitDecoratorMetadata, `Rel`/`Ref`/`Opt`, `import type`, an abstract base class, an embeddable, M:N, a string enum, JSON; mig.config reuses src/mikro-orm.config.ts, which uses import.meta.url",
    sqliteFile: 'kitchen.db',
    serverEnv: databaseUrl,
    subdirectory: 'src/entities',
    reference: { tsc: ['-p', '.'], config: 'dist/mikro-orm.config.js' },
  },
  {
    name: 'nest-tsmorph',
    shape: 'CommonJS NestJS API like nestjs-realworld-example-app: TsMorphMetadataProvider, folder discovery (`dist/**/*.entity.js` + `entitiesTs`), tsconfig `extends` + `baseUrl` + `paths` (`@common/*`), extensionless imports, uuid keys, named pivot tables with join columns (one self-referencing), a numeric enum, a fulltext index; mig.config reuses src/mikro-orm.config.ts, which uses __dirname',
    sqliteFile: 'helpdesk.db',
    serverEnv: databaseUrl,
    subdirectory: 'src/tickets',
    // Production runs `node -r tsconfig-paths/register` with the base URL moved to the output.
    reference: { tsc: ['-p', 'tsconfig.build.json', '--rootDir', '.'], config: 'dist/src/mikro-orm.config.js', node: ['-r', 'tsconfig-paths/register'], env: { TS_NODE_BASEURL: './dist' } },
  },
  {
    name: 'nest-no-config',
    shape: "CommonJS service with NO mig.config: package.json `mikro-orm.configPaths`, reflect-metadata under CommonJS, folder discovery with `baseDir` from __dirname, the driver picked from the environment, single table inheritance, an embeddable stored as JSON (`object: true`), a numeric enum, a string primary key, bigint keys, decimals",
    sqliteFile: 'var/fleet.sqlite3',
    serverEnv: (dialect, url) => ({ DB_DIALECT: dialect, DATABASE_URL: url }),
    subdirectory: 'src/fleet',
    foundConfig: 'src/database/orm.config.ts',
    reference: { tsc: ['-p', '.'], config: 'dist/database/orm.config.js' },
  },
  {
    name: 'explicit-types',
    shape: "CommonJS decorators with explicit `type` options only, no metadata at all (MikroORM's tests/entities-sql style): `t.*` types, PascalCase files, a composite primary key of two relations, a foreign key to it (two columns, `updateRule: 'no action'`), a numeric enum from `items`, a string enum from a literal list, table and column comments, raw defaults; mig.config imports ./mikro-orm.config without an extension",
    sqliteFile: 'conference.db',
    serverEnv: databaseUrl,
    subdirectory: 'src/entities',
    reference: { tsc: ['-p', '.'], config: 'dist/mikro-orm.config.js' },
  },
  {
    name: 'entity-schema',
    shape: "EntitySchema with interfaces (MikroORM's tests/entities-schema style) in a Vite-style ES module project (`moduleResolution: bundler`, extensionless imports): an abstract base schema, single table inheritance, an embeddable class with a prefix, a composite key of a relation and a string, a boolean default, JSON",
    sqliteFile: 'catalogue.db',
    serverEnv: databaseUrl,
    subdirectory: 'src/schema',
    reference: { tsc: ['-p', '.', '--noEmit', 'false', '--module', 'commonjs', '--moduleResolution', 'node', '--outDir', 'dist'], config: 'dist/mikro-orm.config.js', commonjsOutput: true },
  },
  {
    name: 'define-entity',
    shape: 'defineEntity + `p` builders in an ES module project with `verbatimModuleSyntax`: shared property spreads, an embeddable, a named pivot table, a numeric enum with a default, a string enum, JSON, a fulltext index, a composite key of a relation and a date; mig.config returns only the models from an async function',
    sqliteFile: 'podcasts.db',
    serverEnv: databaseUrl,
    subdirectory: 'src/models',
    reference: { tsc: ['-p', '.'], config: 'dist/mikro-orm.config.js' },
  },
]
