import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export type ModuleFormat = 'module' | 'commonjs'

const typeByDirectory = new Map<string, ModuleFormat>()

/**
 * How Node runs a file: `.mts`/`.mjs` are ES modules, `.cts`/`.cjs` CommonJS, and `.ts`/`.js`
 * follow the `type` of the nearest `package.json` (CommonJS when it has none).
 *
 * @example
 * moduleFormatOf('/nest-app/src/app.module.ts') // 'commonjs'
 */
export function moduleFormatOf(file: string): ModuleFormat {
  if (/\.m[jt]s$/.test(file)) return 'module'
  if (/\.c[jt]s$/.test(file)) return 'commonjs'
  return packageTypeOf(dirname(file))
}

function packageTypeOf(directory: string): ModuleFormat {
  const cached = typeByDirectory.get(directory)
  if (cached) return cached
  let format: ModuleFormat
  const manifest = readManifest(join(directory, 'package.json'))
  if (manifest) format = manifest.type === 'module' ? 'module' : 'commonjs'
  else format = dirname(directory) === directory ? 'commonjs' : packageTypeOf(dirname(directory))
  typeByDirectory.set(directory, format)
  return format
}

function readManifest(path: string): { type?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { type?: unknown }
  } catch {
    return undefined
  }
}
