import { isAbsolute, resolve, sep } from 'node:path'

/** What the loop reads of a running MikroORM: its `baseDir`, `entities`, `entitiesTs` and `preferTs`. */
interface OrmSettings {
  get(key: 'baseDir' | 'entities' | 'entitiesTs' | 'preferTs'): unknown
}

/**
 * The absolute globs of MikroORM's folder discovery, as the running MikroORM reads them
 * (`entitiesTs: ['src/**\/*.entity.ts']` when it prefers TypeScript, else `entities`), relative
 * paths taken from `baseDir`: an entity file found this way is no import of the config, yet editing it changes the models.
 *
 * @example
 * discoveryGlobs(orm.config) // ['/app/src/**\/*.entity.ts']
 */
export function discoveryGlobs(settings: OrmSettings): string[] {
  const baseDir = String(settings.get('baseDir') ?? process.cwd())
  const ts = settings.get('entitiesTs')
  // MikroORM reads `entitiesTs` instead of `entities` when it prefers TypeScript (as under mig's loader).
  const list = settings.get('preferTs') && Array.isArray(ts) && ts.length > 0 ? ts : settings.get('entities')
  const paths = Array.isArray(list) ? list : []
  return paths
    .filter((path): path is string => typeof path === 'string' && !path.startsWith('!'))
    .map((path) => (isAbsolute(path) ? path : resolve(baseDir, path)))
}

/** The folder a glob starts in: what a watcher watches for it. */
export function globFolder(glob: string): string {
  const parts = glob.split(sep)
  const first = parts.findIndex((part) => /[*?{[]/.test(part))
  return first === -1 ? glob : parts.slice(0, first).join(sep) || sep
}

/**
 * Whether `file` matches `glob` (`*`, `?`, `**`, `{a,b}`, as MikroORM's globs use them); a glob
 * without a wildcard names a file or a folder.
 */
export function matchesGlob(file: string, glob: string): boolean {
  if (globFolder(glob) === glob) return file === glob || file.startsWith(glob + sep)
  return globPattern(glob).test(file)
}

function globPattern(glob: string): RegExp {
  let pattern = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` is any number of folders, none included.
      pattern += glob[i + 2] === '/' ? '(?:.*/)?' : '.*'
      i += glob[i + 2] === '/' ? 2 : 1
    } else if (char === '*') pattern += '[^/]*'
    else if (char === '?') pattern += '[^/]'
    else if (char === '{') pattern += '(?:'
    else if (char === '}') pattern += ')'
    else if (char === ',' && /\{[^}]*$/.test(glob.slice(0, i))) pattern += '|'
    else pattern += char.replace(/[.+^$()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${pattern}$`)
}
