import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { RELATIVE_IMPORT, resolveLocal } from './local-imports.js'
import { moduleFormatOf } from './module-format.js'
import { transformTypeScript } from './transform.js'

const CACHE_VERSION = '4'
const TYPESCRIPT = /\.(c|m)?tsx?$/
// The model loader (swc, get-tsconfig, hooks) is imported only when a model needs it: `mig current` never does.
const importModel = async <T>(fileOrUrl: string): Promise<T> => (await import('./model-loader.js')).importModel<T>(fileOrUrl)

/** `import(someVariable)`: a target only known at run time, which only the model loader can load. */
const COMPUTED_IMPORT = /\bimport\s*\(\s*[^'"\s)]/
/** A decorator at the start of a line (`@Entity()`): swc compiles such a file, as the model loader does. */
const DECORATOR = /^\s*@[A-Za-z_$]/m
/**
 * MikroORM's TsMorph provider finds an entity's source file from its decorator's call site, which
 * must then be the real file: such projects load through the model loader.
 */
const TS_MORPH = /@mikro-orm\/reflection|TsMorphMetadataProvider/
/** CommonJS that needs its real `__dirname`/`require`, which a stripped ESM copy would not have. */
const COMMONJS_GLOBALS = /\b(__dirname|__filename|require\s*\(|module\.exports|exports\.)/
/** `import.meta.url` and friends: in a stripped copy they must still name the original file. */
const IMPORT_META = /\bimport\.meta\.(url|filename|dirname)\b/g

/**
 * Imports a TypeScript or JavaScript module from the user's project (configs, env.ts, revisions).
 *
 * Fast path, for the small plain modules these usually are: the file and every local TypeScript
 * module it imports are stripped of their types into the nearest `node_modules/.cache/mig/` (so
 * bare imports resolve as from the originals), with static local imports pointed at each
 * other's stripped copies, and imported as plain ESM. No loader hooks run, which keeps
 * `mig current` near Node's start-up time. Dynamic local imports (`orm: () => import('./src/models.js')`)
 * go to the real files through the model loader, so models load as the project's build runs
 * them. What the fast path cannot do goes to the model loader whole: decorators, CommonJS that
 * uses its globals, no `node_modules` above the file, a package only the original folder reaches.
 *
 * @example
 * const config = await importModule('/app/mig.config.ts')
 */
export async function importModule<T = Record<string, unknown>>(path: string): Promise<T> {
  const absolute = resolve(path)
  if (!TYPESCRIPT.test(absolute)) return import(/* @vite-ignore */ pathToFileURL(absolute).href) as Promise<T>
  const cacheDir = findCacheDir(dirname(absolute))
  if (!cacheDir) return importModel(absolute)
  const compiled = await new Compiler(cacheDir).compile(absolute)
  if (compiled.needsModelLoader) return importModel(absolute)
  // Stack traces then name the .ts files, in mig's errors and MikroORM's.
  if (compiled.decorators) process.setSourceMapsEnabled(true)
  if (compiled.computedImports) (await import('./model-loader.js')).registerModelLoader()
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(compiled.file).href)) as T
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error
    return importModel(absolute)
  }
}

/**
 * What a stripped copy's `import('./x.js')` calls: the module `x.ts` (or `x.js`, `x/index.ts`)
 * by the fast path when it can take it, else by the model loader. CommonJS models always go to
 * the model loader: only real CommonJS gives their imports tsc's interop.
 */
export async function importProjectModule<T = Record<string, unknown>>(url: string): Promise<T> {
  const path = fileURLToPath(url)
  const file = resolveLocal(dirname(path), `./${basename(path)}`)
  return file && moduleFormatOf(file) === 'module' ? importModule<T>(file) : importModel<T>(url)
}

interface Source {
  text: string
  /** Local imports: the specifier as written, the file it names (undefined when not found), and whether it is an `import()`. */
  imports: Array<{ specifier: string; file: string | undefined; dynamic: boolean }>
  stat: string
}

/** Strips one module graph of local TypeScript files into the cache, each file at most once. */
class Compiler {
  readonly #sources = new Map<string, Source>()
  readonly #keys = new Map<string, string>()
  /** ES modules with decorators: compiled with swc and the tsconfig's settings, which key their copies too. */
  readonly #decorated = new Set<string>()
  #settingsOf: ((file: string) => object) | undefined
  #computedImports = false

  constructor(readonly cacheDir: string) {}

  async compile(entry: string): Promise<{ file: string; computedImports: boolean; needsModelLoader: boolean; decorators: boolean }> {
    const done = new Set<string>()
    const pending = [entry]
    while (pending.length > 0) {
      const file = pending.pop()!
      if (done.has(file)) continue
      done.add(file)
      const source = this.#source(file)
      if (COMPUTED_IMPORT.test(source.text)) this.#computedImports = true
      const decorated = DECORATOR.test(source.text)
      const commonJs = moduleFormatOf(file) === 'commonjs' && (decorated || COMMONJS_GLOBALS.test(source.text))
      if (commonJs || TS_MORPH.test(source.text)) {
        return { file, computedImports: this.#computedImports, needsModelLoader: true, decorators: false }
      }
      if (decorated) this.#decorated.add(file)
      for (const { file: target, dynamic } of source.imports) if (target && !dynamic && TYPESCRIPT.test(target)) pending.push(target)
    }
    if (this.#decorated.size > 0) this.#settingsOf = (await import('./tsconfig.js')).compilerSettingsFor
    for (const file of done) {
      const cached = this.#cachedPath(file)
      if (!existsSync(cached)) await this.#write(file, this.#source(file), cached)
    }
    return { file: this.#cachedPath(entry), computedImports: this.#computedImports, needsModelLoader: false, decorators: this.#decorated.size > 0 }
  }

  #source(file: string): Source {
    let source = this.#sources.get(file)
    if (!source) {
      const stat = statSync(file, { bigint: true })
      const text = readFileSync(file, 'utf8')
      const imports = [...text.matchAll(RELATIVE_IMPORT)].map((match) => ({
        specifier: match[2]!,
        file: resolveLocal(dirname(file), match[2]!),
        dynamic: /^import\s*\(/.test(match[0]),
      }))
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
        for (const { file: target, dynamic } of this.#source(next).imports) if (target && !dynamic && TYPESCRIPT.test(target)) stack.push(target)
      }
      const identities = [...reached].map((reached) => this.#source(reached).stat + (this.#decorated.has(reached) ? JSON.stringify(this.#settingsOf!(reached)) : '')).sort()
      key = createHash('sha1').update(CACHE_VERSION).update(file).update(identities.join('\n')).digest('hex').slice(0, 16)
      this.#keys.set(file, key)
    }
    return join(this.cacheDir, `${basename(file).replace(/\W/g, '_')}-${key}.mjs`)
  }

  async #write(file: string, source: Source, cached: string): Promise<void> {
    const targets = new Map(source.imports.map(({ specifier, file: target }) => [specifier, target]))
    let dynamicImports = false
    const compiled = this.#decorated.has(file) ? (await import('./compile-model.js')).compileModel(file, source.text, 'module') : await transformTypeScript(file, source.text)
    let code = compiled.replace(RELATIVE_IMPORT, (match, quote: string, specifier: string) => {
      // Resolved when it runs, by the model loader: the file may not exist yet when the copy is made.
      if (/^import\s*\(/.test(match)) {
        dynamicImports = true
        return `__migImportModel(${quote}${new URL(specifier, pathToFileURL(file)).href}${quote}`
      }
      const target = targets.get(specifier) ?? resolveLocal(dirname(file), specifier)
      if (!target) return match
      const url = pathToFileURL(TYPESCRIPT.test(target) ? this.#cachedPath(target) : target).href
      return match.replace(`${quote}${specifier}${quote}`, `${quote}${url}${quote}`)
    })
    // Appended, so no line moves; function declarations hold anywhere in a module.
    code = code.replace(IMPORT_META, (_, key: string) => JSON.stringify(key === 'url' ? pathToFileURL(file).href : key === 'filename' ? file : dirname(file)))
    if (dynamicImports) code += `\nfunction __migImportModel(url) { return import(${JSON.stringify(import.meta.url)}).then((loader) => loader.importProjectModule(url)) }\n`
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
