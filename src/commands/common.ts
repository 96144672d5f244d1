import type { MigConfig } from '../config/types.js'
import { buildGraph, type RevisionGraph } from '../revision/index.js'
import { connect, type Connection } from '../runtime/connection.js'
import { runInEnvironment, type Environment } from '../runtime/environment.js'
import { environmentOf, openRepository, readRevisionHeaders, type Repository } from '../script/repository.js'
import type { DatabaseTarget } from '../config/types.js'

/** Options every command that talks to the database accepts. */
export interface DatabaseCommandOptions {
  /** `-x KEY=VALUE` arguments for `env.ts`. */
  xArgs?: readonly string[]
  /** `--tag`, passed to `env.ts`. */
  tag?: string
}

export interface Script {
  repo: Repository
  graph: RevisionGraph
}

/** Opens the repository and builds the graph from file headers (no revision is executed). */
export async function loadScript(config: MigConfig): Promise<Script> {
  const repo = openRepository(config)
  return { repo, graph: buildGraph(await readRevisionHeaders(repo)) }
}

/**
 * Runs `work` on a live connection opened through the repository's `env.ts`; the connection is
 * always closed.
 */
export async function withDatabase<T>(
  config: MigConfig,
  script: Script,
  command: string,
  options: DatabaseCommandOptions,
  work: (connection: Connection, environment: Environment) => Promise<T>,
): Promise<T> {
  return runInEnvironment(config, environmentOf(script.repo), { command, xArgs: options.xArgs, tag: options.tag }, async (target, environment) => {
    const connection = await connect(target, config.root)
    try {
      return await work(connection, environment)
    } finally {
      await connection.close()
    }
  })
}

/** Like `withDatabase`, but for `--sql`: only the dialect of the target is needed. */
export async function withOfflineTarget<T>(
  config: MigConfig,
  script: Script,
  command: string,
  options: DatabaseCommandOptions,
  work: (target: DatabaseTarget, environment: Environment) => Promise<T>,
): Promise<T> {
  return runInEnvironment(config, environmentOf(script.repo), { command, xArgs: options.xArgs, tag: options.tag, offline: true }, work)
}
