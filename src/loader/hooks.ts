/**
 * Node module hooks (registered with `module.register`) that load the user's TypeScript as their
 * build would: resolution as in `project-files.ts`, ES modules compiled here, and CommonJS files
 * handed back to Node's CommonJS loader, where the require hook compiles them with the real
 * `__dirname` and `require`.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { compileModel } from './compile-model.js'
import { moduleFormatOf } from './module-format.js'
import { resolveProjectFile, TYPESCRIPT_FILE } from './project-files.js'

interface ResolveContext { parentURL?: string | undefined; conditions?: string[] }
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<{ url: string; format?: string | null }>
type NextLoad = (url: string, context?: unknown) => Promise<{ format: string; source?: unknown }>

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  const parent = context.parentURL
  // A file URL names a project file whoever imports it (mig's own `importModel` does).
  const fromProject = specifier.startsWith('file:') ? !specifier.includes('/node_modules/') : parent?.startsWith('file:') && !parent.includes('/node_modules/')
  if (fromProject) {
    const found = resolveProjectFile(specifier, parent?.startsWith('file:') ? fileURLToPath(parent) : process.cwd())
    if (found) return { url: pathToFileURL(found).href, shortCircuit: true }
  }
  return next(specifier, context)
}

export async function load(url: string, context: unknown, next: NextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT_FILE.test(new URL(url).pathname)) return next(url, context)
  const file = fileURLToPath(url)
  if (moduleFormatOf(file) === 'commonjs') return { format: 'commonjs', shortCircuit: true }
  return { format: 'module', source: compileModel(file, await readFile(file, 'utf8'), 'module'), shortCircuit: true }
}
