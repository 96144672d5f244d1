import { DURATION_HINT, parseDuration } from '../config/duration.js'
import type { RevisionModule } from '../config/types.js'
import { MigError } from '../errors.js'
import type { Executor } from '../operations/types.js'

/** The timeouts a step runs with, in milliseconds (undefined: left as the session has them). */
export interface StepTimeouts {
  readonly lockTimeout?: number | undefined
  readonly statementTimeout?: number | undefined
}

/** How a revision asks to be run: its `transactional`, `lockTimeout` and `statementTimeout` exports over the config's. */
export interface StepSettings {
  /** False: the step runs outside a transaction (`export const transactional = false`). */
  readonly transactional: boolean
  readonly timeouts: StepTimeouts
}

/**
 * Reads a revision's run settings from its exports; a value of the wrong kind names the file.
 *
 * @example
 * stepSettings({ transactional: false, lockTimeout: '2s' }, { statementTimeout: 60_000 }, 'versions/ae10_index.ts')
 * // => { transactional: false, timeouts: { lockTimeout: 2000, statementTimeout: 60000 } }
 */
export function stepSettings(module: RevisionModule, defaults: StepTimeouts | undefined, file: string): StepSettings {
  if (module.transactional !== undefined && typeof module.transactional !== 'boolean') {
    throw new MigError('BAD_REVISION_FILE', `Revision file '${file}': export const transactional is true or false`, { file })
  }
  const timeout = (name: 'lockTimeout' | 'statementTimeout'): number | undefined => {
    if (module[name] === undefined) return defaults?.[name]
    const ms = parseDuration(module[name])
    if (ms === undefined) throw new MigError('BAD_REVISION_FILE', `Revision file '${file}': ${name} ${JSON.stringify(module[name])} is not a duration; give ${DURATION_HINT}`, { file })
    return ms
  }
  return { transactional: module.transactional !== false, timeouts: { lockTimeout: timeout('lockTimeout'), statementTimeout: timeout('statementTimeout') } }
}

/**
 * Sets the step's timeouts on the session, runs `work`, and puts them back. `local`
 * (PostgreSQL in a transaction) uses `set local`, which ends with the transaction by itself;
 * otherwise the settings are session-wide and reset afterwards, whatever `work` did.
 *
 * @example await withTimeouts(connection, { lockTimeout: 1000 }, true, () => migrate(context))
 */
export async function withTimeouts<T>(executor: Executor, timeouts: StepTimeouts, local: boolean, work: () => Promise<T>): Promise<T> {
  const { set, reset } = await timeoutSql(executor, timeouts, local)
  for (const statement of set) await executor.execute(statement)
  let result: T
  try {
    result = await work()
  } catch (error) {
    // A failed statement may have aborted the transaction; the reset must not hide the failure.
    for (const statement of reset) await executor.execute(statement).catch(() => {})
    throw error
  }
  for (const statement of reset) await executor.execute(statement)
  return result
}

/** The statements that set and reset the timeouts on the executor's dialect (and, online, its server). */
async function timeoutSql(executor: Executor, { lockTimeout, statementTimeout }: StepTimeouts, local: boolean): Promise<{ set: string[]; reset: string[] }> {
  const set: string[] = []
  const reset: string[] = []
  if (lockTimeout === undefined && statementTimeout === undefined) return { set, reset }
  switch (executor.dialect) {
    case 'postgresql':
      for (const [name, ms] of [['lock_timeout', lockTimeout], ['statement_timeout', statementTimeout]] as const) {
        if (ms === undefined) continue
        set.push(`set ${local ? 'local ' : ''}${name} = '${ms}ms'`)
        if (!local) reset.push(`reset ${name}`)
      }
      break
    case 'mysql': {
      // MariaDB/MySQL have no transaction-local variables: session ones, reset to the server's after the step.
      const variables: Array<[string, string]> = []
      if (lockTimeout !== undefined) {
        const seconds = String(Math.ceil(lockTimeout / 1000))
        variables.push(['lock_wait_timeout', seconds], ['innodb_lock_wait_timeout', seconds])
      }
      if (statementTimeout !== undefined) {
        // MariaDB counts seconds for every statement; MySQL milliseconds, for SELECTs only.
        variables.push((await isMysqlServer(executor)) ? ['max_execution_time', String(statementTimeout)] : ['max_statement_time', String(statementTimeout / 1000)])
      }
      for (const [name, value] of variables) {
        set.push(`set session ${name} = ${value}`)
        reset.push(`set session ${name} = default`)
      }
      break
    }
    case 'sqlite':
      // SQLite has no statement timeout; a lock wait is its busy timeout.
      if (lockTimeout === undefined) break
      if (!executor.offline) {
        const [row] = await executor.query<{ timeout: number }>('pragma busy_timeout')
        reset.push(`pragma busy_timeout = ${row?.timeout ?? 0}`)
      }
      set.push(`pragma busy_timeout = ${lockTimeout}`)
      break
  }
  return { set, reset }
}

const servers = new WeakMap<Executor, Promise<boolean>>()

/** True for MySQL, false for MariaDB (and offline, where mig writes MariaDB's settings). */
function isMysqlServer(executor: Executor): Promise<boolean> {
  if (executor.offline) return Promise.resolve(false)
  let found = servers.get(executor)
  if (!found) {
    found = executor.query<{ version: string }>('select version() as version').then(([row]) => !/mariadb/i.test(row?.version ?? ''))
    servers.set(executor, found)
  }
  return found
}
