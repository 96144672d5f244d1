import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** A MikroORM config file found by MikroORM's own rules, and the project folder it was found from. */
export interface FoundMikroOrmConfig {
  readonly file: string
  /** The folder of the nearest `package.json`: where MikroORM's CLI looks, and the config's root. */
  readonly root: string
}

/**
 * MikroORM's own config lookup, for a project with no `mig.config.*`: `MIKRO_ORM_CLI_CONFIG`,
 * then `package.json` `"mikro-orm": { "configPaths": [...] }`, then `src/mikro-orm.config.ts`,
 * `mikro-orm.config.ts`, `{dist|build|src}/mikro-orm.config.js`, `mikro-orm.config.js`, all
 * relative to the nearest `package.json` above `start`.
 *
 * @example
 * findMikroOrmConfigFile('/app/src/modules') // { file: '/app/src/mikro-orm.config.ts', root: '/app' }
 */
export function findMikroOrmConfigFile(start: string): FoundMikroOrmConfig | undefined {
  const root = packageFolder(start)
  if (!root) return undefined
  const settings = readSettings(join(root, 'package.json'))
  const buildFolder = ['dist', 'build'].find((name) => existsSync(join(root, name))) ?? 'src'
  const candidates = [
    ...(process.env.MIKRO_ORM_CLI_CONFIG ? [process.env.MIKRO_ORM_CLI_CONFIG] : []),
    ...settings.configPaths,
    ...(settings.useTsNode === false ? [] : ['./src/mikro-orm.config.ts', './mikro-orm.config.ts']),
    `./${buildFolder}/mikro-orm.config.js`,
    './mikro-orm.config.js',
  ]
  const file = candidates.map((candidate) => resolve(root, candidate)).find((path) => existsSync(path))
  return file ? { file, root } : undefined
}

/** The folder of the nearest `package.json` at or above `start`: the project's folder. */
export function packageFolder(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return undefined
  }
}

function readSettings(manifest: string): { configPaths: string[]; useTsNode?: boolean } {
  try {
    const settings = (JSON.parse(readFileSync(manifest, 'utf8')) as { 'mikro-orm'?: { configPaths?: unknown; useTsNode?: unknown } })['mikro-orm'] ?? {}
    const configPaths = Array.isArray(settings.configPaths) ? settings.configPaths.filter((path): path is string => typeof path === 'string') : []
    return { configPaths, ...(typeof settings.useTsNode === 'boolean' ? { useTsNode: settings.useTsNode } : {}) }
  } catch {
    return { configPaths: [] }
  }
}
