import { readFileSync } from 'node:fs'
import Module from 'node:module'
import { compileModel } from './compile-model.js'
import { resolveProjectFile } from './project-files.js'

interface CommonJsModule { filename: string | null; _compile(code: string, filename: string): unknown }
interface ModuleInternals {
  _extensions: Record<string, (module: CommonJsModule, filename: string) => void>
  _resolveFilename(request: string, parent: CommonJsModule | undefined, ...rest: unknown[]): string
}

let installed = false

/**
 * Lets `require` load the project's TypeScript as CommonJS (how ts-node and swc-node do it), with
 * tsconfig `paths` and `./x.js` → `./x.ts`. MikroORM sees `require.extensions['.ts']` and then
 * discovers `entitiesTs` folders, as under its own CLI.
 */
export function installRequireHook(): void {
  if (installed) return
  installed = true
  const internals = Module as unknown as ModuleInternals
  for (const extension of ['.ts', '.tsx', '.cts', '.mts']) {
    internals._extensions[extension] = (module, filename) => {
      module._compile(compileModel(filename, readFileSync(filename, 'utf8'), 'commonjs'), filename)
    }
  }
  const resolveFilename = internals._resolveFilename
  internals._resolveFilename = function (request, parent, ...rest) {
    const from = parent?.filename
    if (from && !from.includes('/node_modules/')) {
      const found = resolveProjectFile(request, from)
      if (found) return found
    }
    return resolveFilename.call(this, request, parent, ...rest)
  }
}
