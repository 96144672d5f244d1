import { register } from 'node:module'
import { pathToFileURL } from 'node:url'
import { installRequireHook } from './require-hook.js'

let registered = false

/**
 * Makes plain Node load the project's models as the project's build runs them: decorators with
 * metadata, ES modules and CommonJS by the project's rules, tsconfig paths, real file paths in
 * `import.meta.url`, `__dirname` and stack traces (which MikroORM reads to find an entity's
 * source file). Registered once, only when models are loaded: the hooks thread costs ~40 ms.
 */
export function registerModelLoader(): void {
  if (registered) return
  registered = true
  // Stack traces then name the .ts file and line, in mig's errors and for MikroORM.
  process.setSourceMapsEnabled(true)
  installRequireHook()
  register(new URL('./hooks.js', import.meta.url))
}

/** Whether the project's TypeScript is being loaded (MikroORM should then prefer `entitiesTs`). */
export function modelLoaderRegistered(): boolean {
  return registered
}

/**
 * Imports a module of the project with the model loader.
 *
 * @example
 * const { default: options } = await importModel('/app/src/mikro-orm.config.ts')
 */
export async function importModel<T = Record<string, unknown>>(fileOrUrl: string): Promise<T> {
  registerModelLoader()
  const url = fileOrUrl.startsWith('file:') ? fileOrUrl : pathToFileURL(fileOrUrl).href
  return (await import(/* @vite-ignore */ url)) as T
}
