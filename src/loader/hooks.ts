/**
 * Node module hooks (registered with `module.register`) that let plain Node import the user's
 * TypeScript: `.ts`/`.mts` files are stripped with oxc, and `./x.js` or `./x` specifiers find
 * `./x.ts` as TypeScript projects write them. Only registered when a module needs it, because
 * the hooks thread costs ~40 ms of start-up.
 */
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { transformTypeScript } from './transform.js'

interface ResolveContext { parentURL?: string; conditions?: string[] }
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<{ url: string; format?: string | null }>
type NextLoad = (url: string, context?: unknown) => Promise<{ format: string; source?: unknown }>

const TS_EXTENSIONS = ['.ts', '.mts', '.tsx']

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  const isPath = specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('file:') || specifier.startsWith('/')
  if (isPath && context.parentURL?.startsWith('file:')) {
    const found = findTypeScriptFile(new URL(specifier, context.parentURL))
    if (found) return { url: found, format: 'module', shortCircuit: true }
  }
  return next(specifier, context)
}

export async function load(url: string, context: unknown, next: NextLoad) {
  if (url.startsWith('file:') && TS_EXTENSIONS.some((ext) => url.endsWith(ext))) {
    const path = fileURLToPath(url)
    const source = await transformTypeScript(path, await readFile(path, 'utf8'))
    return { format: 'module', source, shortCircuit: true }
  }
  return next(url, context)
}

/** `x.js` → `x.ts`, `x` → `x.ts` or `x/index.ts`; undefined when Node's own rules apply. */
function findTypeScriptFile(url: URL): string | undefined {
  const path = fileURLToPath(url)
  if (TS_EXTENSIONS.some((ext) => path.endsWith(ext))) return undefined
  if (isFile(path)) return undefined
  const stem = path.replace(/\.(c|m)?js$/, '')
  const candidates = [...TS_EXTENSIONS.map((ext) => stem + ext), ...TS_EXTENSIONS.map((ext) => `${path}/index${ext}`)]
  const hit = candidates.find(isFile)
  return hit ? pathToFileURL(hit).href : undefined
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile()
}
