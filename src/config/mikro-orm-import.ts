import { createRequire } from 'node:module'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MigError } from '../errors.js'
import { moduleFormatOf } from '../loader/module-format.js'
import { MIKRO_ORM_DRIVERS, needsDriverFor, pointOrmAt, readOrmOptions, withDiscoveryDefaults } from './orm-options.js'
import type { DatabaseTarget, OrmOptions, OrmOptionsInput } from './types.js'

// How mig reaches MikroORM (autogenerate, em() in revisions): the project's own copy first.

/**
 * The project's MikroORM and its `orm` options for `target`, ready for `MikroORM.init`. MikroORM
 * is required first, so the models' own `import ... from '@mikro-orm/core'` finds it loaded; the
 * driver is the target dialect's unless the options name one for it (a reused config may be
 * written for another); the connection settings become `target`'s (env.ts may have pointed the
 * run elsewhere, and MikroORM's own settings would win over the URL); MikroORM's query log is
 * off (it would end up in mig's output).
 *
 * @example
 * const { core, options } = await projectOrm(config.root, config.orm, target)
 * const orm = await core.MikroORM.init(options)
 */
export async function projectOrm(
  root: string,
  orm: OrmOptionsInput | undefined,
  target: DatabaseTarget,
): Promise<{ core: typeof import('@mikro-orm/core'); options: OrmOptions; driverPackage: string }> {
  enableCompileCache()
  const core = await importFromProject<typeof import('@mikro-orm/core')>(root, '@mikro-orm/core')
  const options = await withDiscoveryDefaults(await readOrmOptions(orm), root)
  const driverInfo = MIKRO_ORM_DRIVERS[target.dialect]
  if (needsDriverFor(options.driver, target.dialect)) {
    options.driver = (await importFromProject<Record<string, unknown>>(root, driverInfo.package))[driverInfo.export]
  }
  pointOrmAt(options, target)
  options.debug = false
  options.dynamicImportProvider ??= importDiscovered
  return { core, options, driverPackage: driverInfo.package }
}

/**
 * How MikroORM's folder discovery loads each file it found. Its own `import()` is in CommonJS
 * that v8-compile-cache compiles without a dynamic import callback, so an ES module project
 * would fail with "A dynamic import callback was not specified"; an `import()` here has one. A
 * file of a CommonJS package is required, as under ts-node: an `import()` of it would see only
 * what Node's export scanner finds in the TypeScript source, not the compiled exports.
 */
async function importDiscovered(id: string): Promise<unknown> {
  const file = id.startsWith('file:') ? fileURLToPath(id) : id
  if (isAbsolute(file) && moduleFormatOf(file) === 'commonjs') return createRequire(file)(file)
  return import(/* @vite-ignore */ id)
}

/**
 * Imports a package as the user's project sees it, falling back to mig's own dependencies
 * (`near` names a package whose dependency it is, for packages the project has only indirectly).
 */
export async function importFromProject<T>(root: string, name: string, near?: string): Promise<T> {
  const bases = [join(root, 'package.json'), import.meta.url]
  for (const base of bases) {
    const path = tryResolve(base, name) ?? (near ? tryResolveVia(base, near, name) : undefined)
    if (path) return loadPackage<T>(path)
  }
  throw new MigError('BAD_CONFIG', `mig needs the '${name}' package to start MikroORM: npm install --save-dev ${near ?? name}`)
}

/**
 * Keeps V8's compiled code of the CommonJS modules (MikroORM, knex) between runs: each
 * `mig migrate`/`check` then skips most of their ~250 ms of parsing and compiling.
 */
export function enableCompileCache(): void {
  try {
    createRequire(import.meta.url)('v8-compile-cache')
  } catch {
    // Only a speed-up: without it everything works the same.
  }
}

/**
 * MikroORM 6 is CommonJS: `require` loads it in about half the time of `import()`, which on
 * Node 20 runs every re-exported file through the CommonJS export scanner first.
 */
async function loadPackage<T>(path: string): Promise<T> {
  try {
    return createRequire(import.meta.url)(path) as T
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error
    return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as T
  }
}

function tryResolve(base: string, name: string): string | undefined {
  try {
    return createRequire(base).resolve(name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined
    throw error
  }
}

function tryResolveVia(base: string, via: string, name: string): string | undefined {
  const viaPath = tryResolve(base, via)
  return viaPath ? tryResolve(viaPath, name) : undefined
}
