import { statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createFilesMatcher, createPathsMatcher, getTsconfig, parseTsconfig, type TsConfigResult } from 'get-tsconfig'

/** What mig needs from the `tsconfig.json` that governs a file. */
export interface CompilerSettings {
  /** The tsconfig file, or undefined when none was found. */
  readonly file: string | undefined
  /** `experimentalDecorators` (MikroORM 6's decorators); otherwise TC39 decorators. */
  readonly legacyDecorators: boolean
  readonly emitDecoratorMetadata: boolean
  readonly useDefineForClassFields: boolean
  /** `module: node16/nodenext`: a CommonJS file's `import()` stays a real dynamic import, as tsc emits it. */
  readonly keepDynamicImport: boolean
  /** The candidate files of a bare specifier under `paths`/`baseUrl`, or undefined when none apply. */
  readonly paths: ((specifier: string) => string[]) | undefined
}

// No tsconfig: the settings MikroORM 6's decorators need, as its docs configure them.
const WITHOUT_TSCONFIG: CompilerSettings = {
  file: undefined,
  legacyDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: true,
  keepDynamicImport: false,
  paths: undefined,
}

const byDirectory = new Map<string, CompilerSettings>()
const byTsconfig = new Map<string, CompilerSettings>()

/**
 * The settings of the nearest `tsconfig.json` above `file`, with `extends` followed (the way
 * tsc, tsx and MikroORM's own CLI pick it). Cached per directory and per tsconfig.
 *
 * @example
 * compilerSettingsFor('/app/src/entities/book.entity.ts').emitDecoratorMetadata // true
 */
export function compilerSettingsFor(file: string): CompilerSettings {
  const directory = dirname(file)
  let settings = byDirectory.get(directory)
  if (!settings) {
    const found = getTsconfig(directory)
    settings = found ? settingsOf(governingTsconfig(found, file)) : WITHOUT_TSCONFIG
    byDirectory.set(directory, settings)
  }
  return settings
}

/**
 * A solution-style `tsconfig.json` (create-vite's: `"files": []` and `references` to
 * `tsconfig.app.json`, `tsconfig.node.json`) holds no settings itself: the referenced config whose
 * files include `file` governs it, as in the editor and under Vite.
 */
function governingTsconfig(found: TsConfigResult, file: string): TsConfigResult {
  const references = found.config.references ?? []
  if (references.length === 0 || createFilesMatcher(found)(file)) return found
  for (const reference of references) {
    let path = resolve(dirname(found.path), reference.path)
    if (isDirectory(path)) path = join(path, 'tsconfig.json')
    let referenced: TsConfigResult
    try {
      referenced = { path, config: parseTsconfig(path) }
    } catch {
      continue
    }
    if (createFilesMatcher(referenced)(file)) return referenced
  }
  return found
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function settingsOf(found: TsConfigResult): CompilerSettings {
  let settings = byTsconfig.get(found.path)
  if (settings) return settings
  const options = found.config.compilerOptions ?? {}
  const target = String(options.target ?? 'es5').toLowerCase()
  const modernTarget = target === 'esnext' || (/^es\d{4}$/.test(target) && Number(target.slice(2)) >= 2022)
  const module = String(options.module ?? '').toLowerCase()
  const matcher = createPathsMatcher(found)
  settings = {
    file: found.path,
    legacyDecorators: options.experimentalDecorators === true,
    emitDecoratorMetadata: options.emitDecoratorMetadata === true,
    // tsc's default: define semantics from ES2022 on.
    useDefineForClassFields: options.useDefineForClassFields ?? modernTarget,
    keepDynamicImport: module === 'node16' || module === 'nodenext' || module === 'node18' || module === 'node20',
    paths: matcher ?? undefined,
  }
  byTsconfig.set(found.path, settings)
  return settings
}
