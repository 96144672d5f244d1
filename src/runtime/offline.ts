import type { Dialect, Executor } from '../operations/types.js'
import { MigError } from '../errors.js'

/**
 * The `--sql` executor: statements become a script instead of touching a database. Each
 * statement ends with `;` and a blank line, as Alembic's offline output does.
 */
export class OfflineScript implements Executor {
  readonly offline = true
  #parts: string[] = []

  constructor(readonly dialect: Dialect) {}

  async execute(sql: string): Promise<void> {
    this.#parts.push(`${sql.trim().replace(/;$/, '')};\n\n`)
  }

  async query<T>(): Promise<T[]> {
    throw new MigError('OFFLINE_UNSUPPORTED', 'This revision reads from the database, which is not possible with --sql')
  }

  /**
   * `op.autocommitBlock` in the script: on PostgreSQL the block is written between a COMMIT of
   * the step's transaction and a BEGIN of the next, as Alembic's offline mode does. MySQL/MariaDB
   * scripts have no transactions, and SQLite runs the block in the step's (as online).
   */
  async autocommit<T>(work: () => Promise<T>): Promise<T> {
    if (this.dialect !== 'postgresql') return work()
    await this.execute('COMMIT')
    const result = await work()
    await this.execute('BEGIN')
    return result
  }

  comment(text: string): void {
    this.#parts.push(`-- ${text}\n\n`)
  }

  toString(): string {
    return this.#parts.join('')
  }
}
