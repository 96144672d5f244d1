import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { RELATIVE_IMPORT, resolveLocal } from './local-imports.js'
import { transformTypeScript } from './transform.js'

const CACHE_VERSION = '2'
const TYPESCRIPT = /\.(c|m)?tsx?$/
/** `import(someVariable)`: a target only known at run time, which only the hooks can load. */
const COMPUTED_IMPORT = /\bimport\s*\(\s*[^'"\s)]/
let hooksRegistered = false

/**
 * Imports a TypeScript or JavaScript module from the user's project.
 *
 * Fast path: the file and every local TypeScript module it imports are stripped of their types
 * into the nearest `node_modules/.cache/mig/` (so bare imports resolve as from the originals),
 * with local imports pointed at each other's stripped copies, and imported as plain ESM. No
 * loader hooks run, which matters: with hooks registered, Node sends every CommonJS module
 * (all of MikroORM) through its slower ESM translator. The hooks are the fallback for what the
 * fast path cannot see: no `node_modules` above the file, computed `import(x)`, a package only
 * reachable from the file's own folder.
 *
 * @example
 * const config = await importModule('/app/mig.config.ts')
 */
export async function importModule<T = Record<string, unknown>>(path: string): Promise<T> {
  const absolute = resolve(path)
  if (!TYPESCRIPT.test(absolute)) return import(/* @vite-ignore */ pathToFileURL(absolute).href) as Promise<T>
  const cacheDir = findCacheDir(dirname(absolute))
  if (!cacheDir) return importWithHooks(absolute)
  const compiled = await new Compiler(cacheDir).compile(absolute)
  if (compiled.needsHooks) ensureTypeScriptHooks()
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(compiled.file).href)) as T
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error
    return importWithHooks(absolute)
  }
}

/** Registers the `.ts` loader hooks once per process. */
export function ensureTypeScriptHooks(): void {
  if (hooksRegistered) return
  hooksRegistered = true
  register(new URL('./hooks.js', import.meta.url))
}

function importWithHooks<T>(absolute: string): Promise<T> {
  ensureTypeScriptHooks()
  return import(/* @vite-ignore */ pathToFileURL(absolute).href) as Promise<T>
}

interface Source {
  text: string
  /** Local imports: the specifier as written and the file it names (undefined when not found). */
  imports: Array<{ specifier: string; file: string | undefined }>
  stat: string
}

/** Strips one module graph of local TypeScript files into the cache, each file at most once. */
class Compiler {
  readonly #sources = new Map<string, Source>()
  readonly #keys = new Map<string, string>()
  #needsHooks = false

  constructor(readonly cacheDir: string) {}

  async compile(entry: string): Promise<{ file: string; needsHooks: boolean }> {
    const done = new Set<string>()
    const pending = [entry]
    while (pending.length > 0) {
      const file = pending.pop()!
      if (done.has(file)) continue
      done.add(file)
      const source = this.#source(file)
      if (COMPUTED_IMPORT.test(source.text)) this.#needsHooks = true
      const cached = this.#cachedPath(file)
      if (!existsSync(cached)) await this.#write(file, source, cached)
      for (const { file: target } of source.imports) if (target && TYPESCRIPT.test(target)) pending.push(target)
    }
    return { file: this.#cachedPath(entry), needsHooks: this.#needsHooks }
  }

  #source(file: string): Source {
    let source = this.#sources.get(file)
    if (!source) {
      const stat = statSync(file, { bigint: true })
      const text = readFileSync(file, 'utf8')
      const imports = [...text.matchAll(RELATIVE_IMPORT)].map((match) => ({ specifier: match[2]!, file: resolveLocal(dirname(file), match[2]!) }))
      source = { text, imports, stat: `${file}\0${stat.size}\0${stat.mtimeNs}\0${stat.ino}` }
      this.#sources.set(file, source)
    }
    return source
  }

  /**
   * The cache file of a module: keyed by the identity (path, size, nanosecond mtime) of every
   * local TypeScript file it reaches, so editing an imported model gives its importers new
   * copies too, while a hit costs a few stats and no transform.
   */
  #cachedPath(file: string): string {
    let key = this.#keys.get(file)
    if (!key) {
      const reached = new Set<string>()
      const stack = [file]
      while (stack.length > 0) {
        const next = stack.pop()!
        if (reached.has(next)) continue
        reached.add(next)
        for (const { file: target } of this.#source(next).imports) if (target && TYPESCRIPT.test(target)) stack.push(target)
      }
      const identities = [...reached].map((reachedFile) => this.#source(reachedFile).stat).sort()
      key = createHash('sha1').update(CACHE_VERSION).update(file).update(identities.join('\n')).digest('hex').slice(0, 16)
      this.#keys.set(file, key)
    }
    return join(this.cacheDir, `${basename(file).replace(/\W/g, '_')}-${key}.mjs`)
  }

  async #write(file: string, source: Source, cached: string): Promise<void> {
    const targets = new Map(source.imports.map(({ specifier, file: target }) => [specifier, target]))
    const code = (await transformTypeScript(file, source.text)).replace(RELATIVE_IMPORT, (match, quote: string, specifier: string) => {
      const target = targets.get(specifier) ?? resolveLocal(dirname(file), specifier)
      if (!target) return match
      const url = pathToFileURL(TYPESCRIPT.test(target) ? this.#cachedPath(target) : target).href
      return match.replace(`${quote}${specifier}${quote}`, `${quote}${url}${quote}`)
    })
    mkdirSync(this.cacheDir, { recursive: true })
    // Written under a temporary name and renamed, so concurrent processes never import half a file.
    const temporary = `${cached}.${process.pid}.tmp`
    writeFileSync(temporary, code)
    renameSync(temporary, cached)
  }
}

function findCacheDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'mig')
    if (dirname(dir) === dir) return undefined
  }
}
