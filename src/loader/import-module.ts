import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { RELATIVE_IMPORT } from './local-imports.js'
import { transformTypeScript } from './transform.js'

const CACHE_VERSION = '1'
/** First line of a cached module whose imports point at the user's own (possibly .ts) files. */
const NEEDS_HOOKS = '//mig:needs-typescript-hooks\n'
let hooksRegistered = false

/**
 * Imports a TypeScript or JavaScript module from the user's project.
 *
 * Fast path: the stripped source is cached under the nearest `node_modules/.cache/mig/` (so bare
 * imports resolve as from the original file) and imported directly. Relative imports inside it
 * are pointed back at the original files, and then the TypeScript hooks are registered so those
 * files load too. Without a `node_modules` above the file, the hooks do all the work.
 *
 * @example
 * const config = await importModule('/app/mig.config.ts')
 */
export async function importModule<T = Record<string, unknown>>(path: string): Promise<T> {
  const absolute = resolve(path)
  if (!/\.(c|m)?tsx?$/.test(absolute)) return import(/* @vite-ignore */ pathToFileURL(absolute).href) as Promise<T>
  const cacheDir = findCacheDir(dirname(absolute))
  if (!cacheDir) {
    ensureTypeScriptHooks()
    return import(/* @vite-ignore */ pathToFileURL(absolute).href) as Promise<T>
  }
  // Keyed by the file's identity and nanosecond mtime, so a cache hit costs one stat, not a read.
  const stat = statSync(absolute, { bigint: true })
  const identity = `${CACHE_VERSION}\0${absolute}\0${stat.size}\0${stat.mtimeNs}\0${stat.ino}`
  const key = createHash('sha1').update(identity).digest('hex').slice(0, 16)
  const cached = join(cacheDir, `${basename(absolute).replace(/\W/g, '_')}-${key}.mjs`)
  if (!existsSync(cached)) {
    const source = readFileSync(absolute, 'utf8')
    const code = pointRelativeImportsAt(await transformTypeScript(absolute, source), absolute)
    mkdirSync(cacheDir, { recursive: true })
    // Written under a temporary name and renamed, so concurrent processes never import half a file.
    const temporary = `${cached}.${process.pid}.tmp`
    writeFileSync(temporary, code)
    renameSync(temporary, cached)
  }
  if (readFileSync(cached, 'utf8').startsWith(NEEDS_HOOKS)) ensureTypeScriptHooks()
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(cached).href)) as T
  } catch (error) {
    // A package the file can reach only from where it lives (a self-reference from inside the
    // package, a nested node_modules): load it in place instead.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error
    ensureTypeScriptHooks()
    return import(/* @vite-ignore */ pathToFileURL(absolute).href) as Promise<T>
  }
}

/** Registers the `.ts` loader hooks once per process. */
export function ensureTypeScriptHooks(): void {
  if (hooksRegistered) return
  hooksRegistered = true
  register(new URL('./hooks.js', import.meta.url))
}

function pointRelativeImportsAt(code: string, originalPath: string): string {
  const base = pathToFileURL(originalPath)
  let rewritten = false
  const pointed = code.replace(RELATIVE_IMPORT, (match, quote: string, specifier: string) => {
    rewritten = true
    return match.replace(`${quote}${specifier}${quote}`, `${quote}${new URL(specifier, base).href}${quote}`)
  })
  return rewritten ? NEEDS_HOOKS + pointed : pointed
}

function findCacheDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'mig')
    if (dirname(dir) === dir) return undefined
  }
}
