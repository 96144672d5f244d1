import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const FRAME = /(?:\(|\bat |^)((?:file:\/\/)?\/[^():\s]+):(\d+)(?::\d+)?\)?$/
/** Frames in the decorator helpers a compiler adds to the file: their lines are not the user's. */
const COMPILER_HELPER = /\bat (?:_ts_\w+|__migDesignType|_decorate\w*|__decorate\w*|memberDec|applyMemberDecs?|_apply_decs\w*) /

/**
 * Where in the user's own files an error was raised: the first stack frame (or, for an ES module
 * link error, the location V8 puts first) outside `node_modules` and Node's internals, as
 * `/app/src/book.entity.ts:12`. Source maps are on when models load, so it names the .ts line.
 *
 * @example
 * projectLocation(error) // '/app/src/entities/book.entity.ts:14'
 */
export function projectLocation(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown } | undefined)?.stack
  if (typeof stack !== 'string') return undefined
  for (const line of stack.split('\n')) {
    if (COMPILER_HELPER.test(line)) continue
    const match = FRAME.exec(line.trim())
    if (!match) continue
    const file = match[1]!.startsWith('file:') ? fileURLToPath(match[1]!) : match[1]!
    if (file.includes('/node_modules/') || isMigFile(file)) continue
    // Past the end of the file: compiled code no source map covers, not a line the user wrote.
    if (Number(match[2]) > lineCount(file)) continue
    return `${file}:${match[2]}`
  }
  return undefined
}

function lineCount(file: string): number {
  try {
    return readFileSync(file, 'utf8').split('\n').length
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

const MIG_DIST = fileURLToPath(new URL('..', import.meta.url))

function isMigFile(file: string): boolean {
  return file.startsWith(MIG_DIST)
}

/**
 * An error from loading the user's code, in one line: the first line of its message (MikroORM's
 * may go on with a require stack) and where in the user's files it was raised.
 *
 * @example
 * oneLineLoadError(error) // 'no licence key (at /app/src/thing.entity.ts:6)'
 */
export function oneLineLoadError(error: unknown): string {
  const message = String((error as Error | undefined)?.message ?? error).split('\n')[0]!
  const at = projectLocation(error)
  return at && !message.includes(at) ? `${message} (at ${at})` : message
}
