import { createOperations, type Operations } from '../../../src/operations/index.js'
import type { Dialect, Executor } from '../../../src/operations/types.js'

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgresql', 'mysql']

/** An offline executor that keeps each statement it is given, like `--sql` mode does. */
export function recordingExecutor(dialect: Dialect): Executor & { statements: string[] } {
  const statements: string[] = []
  return {
    dialect,
    offline: true,
    statements,
    async execute(sql) {
      statements.push(sql)
    },
    async query() {
      throw new Error('query() called in offline mode')
    },
  }
}

/** The statements one revision body produces on each dialect, offline. */
export async function sqlFor(body: (op: Operations) => Promise<void>): Promise<Record<Dialect, string[]>> {
  const result = {} as Record<Dialect, string[]>
  for (const dialect of DIALECTS) {
    const executor = recordingExecutor(dialect)
    await body(createOperations(executor))
    result[dialect] = executor.statements
  }
  return result
}
