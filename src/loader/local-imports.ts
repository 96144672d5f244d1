import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** `from './x'`, `import './x'`, `import('./x')`: the specifier is group 2. */
export const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\1/g
const EXTENSIONS = ['', '.ts', '.mts', '.tsx', '.js', '.mjs', '/index.ts', '/index.js']

/**
 * A file and every local module it imports, transitively (static and literal dynamic imports
 * with `./` or `../` specifiers): the files whose change can change what a config loads.
 *
 * @example
 * localImportGraph('/app/mig.config.ts') // ['/app/mig.config.ts', '/app/src/models.ts', ...]
 */
export function localImportGraph(entry: string): string[] {
  const seen = new Set<string>()
  const queue = [resolve(entry)]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    let source: string
    try {
      source = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      const found = resolveLocal(dirname(file), match[2]!)
      if (found && !seen.has(found)) queue.push(found)
    }
  }
  return [...seen]
}

/** The file a relative specifier names, trying TypeScript's extension rules; undefined when none exists. */
export function resolveLocal(dir: string, specifier: string): string | undefined {
  const base = resolve(dir, specifier)
  const stems = /\.(c|m)?js$/.test(base) ? [base.replace(/\.(c|m)?js$/, ''), base] : [base]
  for (const stem of stems) {
    for (const extension of EXTENSIONS) {
      const candidate = stem + extension
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
    }
  }
  return undefined
}
