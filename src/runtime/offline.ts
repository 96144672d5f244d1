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

  comment(text: string): void {
    this.#parts.push(`-- ${text}\n\n`)
  }

  toString(): string {
    return this.#parts.join('')
  }
}
