import { statSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compilerSettingsFor } from './tsconfig.js'

export const TYPESCRIPT_FILE = /\.(c|m)?tsx?$/
const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts']

/**
 * The TypeScript file a specifier in one of the project's files means, where Node alone would
 * not find it: `./x.js` written for `./x.ts` (TypeScript's ESM style), `./x` and `./dir` without
 * extension, and tsconfig `paths`/`baseUrl` aliases. Undefined when Node's own resolution
 * applies (the file exists as written, a package, a compiled `.js` beside the source).
 *
 * @example
 * resolveProjectFile('@common/base.entity', '/app/src/book.entity.ts') // '/app/src/common/base.entity.ts'
 */
export function resolveProjectFile(specifier: string, fromFile: string): string | undefined {
  if (specifier.startsWith('node:') || specifier.startsWith('data:')) return undefined
  if (specifier.startsWith('file:')) return typeScriptFileFor(fileURLToPath(specifier))
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..' || isAbsolute(specifier)) {
    return typeScriptFileFor(resolve(dirname(fromFile), specifier))
  }
  const candidates = compilerSettingsFor(fromFile).paths?.(specifier) ?? []
  for (const candidate of candidates) {
    const found = isFile(candidate) ? candidate : typeScriptFileFor(candidate)
    if (found) return found
  }
  return undefined
}

function typeScriptFileFor(path: string): string | undefined {
  if (isFile(path)) return undefined
  const stem = path.replace(/\.(c|m)?jsx?$/, '')
  if (stem !== path) {
    const sameKind = TS_EXTENSIONS.map((extension) => stem + extension.replace('ts', path.match(/\.(c|m)?jsx?$/)![0].slice(1, -2) + 'ts'))
    return [...new Set([...sameKind, ...TS_EXTENSIONS.map((extension) => stem + extension)])].find(isFile)
  }
  // Extensionless: what a bundler or tsc's `moduleResolution: bundler/node` would pick.
  return [...TS_EXTENSIONS.map((extension) => path + extension), path + '.js', ...TS_EXTENSIONS.map((extension) => `${path}/index${extension}`), `${path}/index.js`].find(isFile)
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
