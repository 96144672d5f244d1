import type { EntityManager, MikroORM } from '@mikro-orm/core'
import { projectOrm } from '../config/mikro-orm-import.js'
import type { OrmOptionsInput } from '../config/types.js'
import { MigError } from '../errors.js'
import type { Connection } from './connection.js'

/** What `em()` in a revision takes. */
export interface EntityManagerOptions {
  /**
   * Entities to use instead of the project's models: definitions frozen in the revision file
   * keep a data migration working after the models move on.
   */
  readonly entities?: readonly unknown[]
}

/**
 * The MikroORM instances of one migration run, each running every statement on the run's own
 * connection: an entity manager in a revision sees the DDL its step has just run, and what it
 * flushes commits or rolls back with the step. (A second connection would not see the step's
 * uncommitted tables, and on SQLite would wait forever for the run's write lock.)
 *
 * MikroORM is only imported when a revision asks for `em()`.
 *
 * @example
 * const orms = new RevisionOrms(config.root, () => config.orm)
 * try { const em = await orms.entityManager(connection, 'default') } finally { await orms.close() }
 */
export class RevisionOrms {
  readonly #root: string
  readonly #ormOptions: (bind: string) => OrmOptionsInput | undefined
  readonly #opened: Array<{ connection: Connection; entities: readonly unknown[] | undefined; orm: Promise<MikroORM> }> = []

  /** `ormOptions` gives the `orm` option of each bind (`default` for the main database). */
  constructor(root: string, ormOptions: (bind: string) => OrmOptionsInput | undefined) {
    this.#root = root
    this.#ormOptions = ormOptions
  }

  /** A fresh entity manager (empty identity map) on `connection`, inside its current transaction. */
  async entityManager(connection: Connection, bind: string, options: EntityManagerOptions = {}): Promise<EntityManager> {
    let open = this.#opened.find((entry) => entry.connection === connection && sameEntities(entry.entities, options.entities))
    if (!open) {
      open = { connection, entities: options.entities, orm: this.#start(connection, bind, options.entities) }
      this.#opened.push(open)
    }
    return (await open.orm).em.fork()
  }

  async close(): Promise<void> {
    const opened = this.#opened.splice(0)
    await Promise.all(opened.map(async (entry) => (await entry.orm.catch(() => undefined))?.close(true)))
  }

  async #start(connection: Connection, bind: string, entities: readonly unknown[] | undefined): Promise<MikroORM> {
    const { core, options } = await projectOrm(this.#root, this.#ormOptions(bind), connection.target)
    if (entities) {
      options.entities = [...entities]
      delete options.entitiesTs
    } else if (options.entities === undefined && options.entitiesTs === undefined) {
      throw new MigError('BAD_CONFIG', "em() needs the models: set 'orm' (with 'entities') in mig.config.ts, or pass em({ entities: [...] })")
    }
    options.driver = onConnection(options.driver as DriverClass, connection)
    // The run's connection exists already: nothing to create or check.
    Object.assign(options, { ensureDatabase: false, ensureIndexes: false, allowGlobalContext: true })
    try {
      return await core.MikroORM.init(options as Parameters<typeof core.MikroORM.init>[0])
    } catch (error) {
      if (error instanceof MigError) throw error
      throw new MigError('BAD_CONFIG', `MikroORM could not start for em() with the 'orm' options: ${(error as Error).message}`, { cause: error })
    }
  }
}

/** The same definitions, whether or not the revision built a new array for each call. */
function sameEntities(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.length === b.length && a.every((entity, i) => entity === b[i])
}

type DriverClass = new (config: unknown) => { connection: unknown; replicas: unknown[] }

/** The savepoint or transaction an entity manager opened (MikroORM passes it back as `ctx`). */
interface OpenedTransaction {
  readonly name: string
  /** MariaDB/MySQL: DDL ended the run's transaction, so this one is a real transaction. */
  readonly own: boolean
  /** Not nested in another transaction of the entity manager. */
  readonly outermost: boolean
}

/** Subclasses the project's MikroORM driver so that its connection is `runtime`. */
function onConnection(Driver: DriverClass, runtime: Connection): DriverClass {
  return class extends Driver {
    constructor(config: unknown) {
      super(config)
      const Base = (this.connection as object).constructor as new (...args: unknown[]) => SqlConnectionInternals
      this.connection = new (sharedConnectionClass(Base, runtime))(config)
      this.replicas = []
    }
  }
}

/** The parts of MikroORM's AbstractSqlConnection that are replaced or used here. */
interface SqlConnectionInternals {
  readonly config: { get(key: string): unknown }
  readonly platform: { formatQuery(sql: string, params: readonly unknown[]): string }
  client?: { destroy(): Promise<void> }
  createKnex(): void
  getKnexOptions(type: unknown): Record<string, unknown>
  getConnectionOptions(): Record<string, unknown>
  transformRawResult(result: unknown, method: string): unknown
  executeQuery<T>(sql: string, run: () => Promise<T>, context?: Record<string, unknown>): Promise<T>
}

/**
 * MikroORM's SQL connection for the dialect, keeping its query building, result shaping and
 * error conversion, with the statements sent to the migration's connection. Knex is given no
 * connection settings, so it never opens one of its own. Transactions become savepoints inside
 * the step's transaction.
 */
function sharedConnectionClass(Base: new (...args: unknown[]) => SqlConnectionInternals, runtime: Connection) {
  let opened = 0
  return class extends Base {
    #settings: Record<string, unknown> | undefined

    connect(): void {
      this.createKnex()
    }

    getKnexOptions(type: unknown): Record<string, unknown> {
      const { connection: _unused, ...options } = super.getKnexOptions(type)
      return options
    }

    async isConnected(): Promise<boolean> {
      return true
    }

    async checkConnection(): Promise<{ ok: true }> {
      return { ok: true }
    }

    async close(): Promise<void> {
      await this.client?.destroy()
    }

    async execute(query: string | { toSQL(): { sql: string; bindings?: unknown[] } }, params: unknown[] = [], method = 'all', _ctx?: unknown, loggerContext?: Record<string, unknown>): Promise<unknown> {
      if (typeof query === 'object') {
        const compiled = query.toSQL()
        query = compiled.sql
        params = compiled.bindings ?? []
      }
      const onQuery = this.config.get('onQuery') as (sql: string, params: unknown[]) => string
      query = onQuery(query, params)
      const formatted = this.platform.formatQuery(query, params)
      // SQLite has no connection options (and MikroORM's reader of them expects a URL).
      this.#settings ??= runtime.dialect === 'sqlite' ? {} : this.getConnectionOptions()
      const settings = this.#settings
      return this.executeQuery(formatted, async () => this.transformRawResult(await runtime.nativeQuery(formatted, settings), method), {
        query,
        params,
        ...loggerContext,
      })
    }

    // MikroORM's transaction events fire as usual for the outermost one (subscribers such as
    // audit logs rely on them); nested ones are savepoints inside it.
    async begin(options: { ctx?: OpenedTransaction; eventBroadcaster?: Broadcaster } = {}): Promise<OpenedTransaction> {
      const outermost = !options.ctx
      if (outermost) await options.eventBroadcaster?.dispatchEvent('beforeTransactionStart')
      const own = runtime.dialect === 'mysql' && !(await inMysqlTransaction(runtime))
      const transaction = { name: `mig_em_${++opened}`, own, outermost }
      await runtime.execute(own ? 'START TRANSACTION' : `SAVEPOINT ${transaction.name}`)
      if (outermost) await options.eventBroadcaster?.dispatchEvent('afterTransactionStart', transaction)
      return transaction
    }

    async commit(transaction: OpenedTransaction, eventBroadcaster?: Broadcaster): Promise<void> {
      const events = transaction.outermost ? eventBroadcaster : undefined
      await events?.dispatchEvent('beforeTransactionCommit', transaction)
      await runtime.execute(transaction.own ? 'COMMIT' : `RELEASE SAVEPOINT ${transaction.name}`)
      await events?.dispatchEvent('afterTransactionCommit', transaction)
    }

    async rollback(transaction: OpenedTransaction, eventBroadcaster?: Broadcaster): Promise<void> {
      const events = transaction.outermost ? eventBroadcaster : undefined
      await events?.dispatchEvent('beforeTransactionRollback', transaction)
      if (transaction.own) {
        await runtime.execute('ROLLBACK')
      } else {
        await runtime.execute(`ROLLBACK TO SAVEPOINT ${transaction.name}`)
        await runtime.execute(`RELEASE SAVEPOINT ${transaction.name}`)
      }
      await events?.dispatchEvent('afterTransactionRollback', transaction)
    }
  }
}

/** MikroORM's event broadcaster, as its connection receives it. */
interface Broadcaster {
  dispatchEvent(event: string, transaction?: unknown): Promise<unknown>
}

async function inMysqlTransaction(runtime: Connection): Promise<boolean> {
  const [row] = await runtime.query<{ open: number | string }>('SELECT @@in_transaction AS open')
  return Number(row?.open) === 1
}
