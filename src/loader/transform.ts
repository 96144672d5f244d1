import { MigError } from '../errors.js'

type OxcTransform = typeof import('oxc-transform')
let oxc: OxcTransform | undefined

/**
 * Strips TypeScript from one module's source. oxc is native and loads in a few milliseconds,
 * which keeps `mig current` near the bare `node` start-up cost.
 */
export async function transformTypeScript(path: string, source: string): Promise<string> {
  oxc ??= await import('oxc-transform')
  const result = oxc.transformSync(path, source, { sourcemap: false })
  if (result.errors.length > 0) {
    const first = result.errors[0]!
    const at = first.labels?.[0]?.start
    const where = at === undefined ? '' : `:${lineOf(source, at)}`
    throw new MigError('BAD_REVISION_FILE', `${path}${where}: ${first.message}`)
  }
  return result.code
}

function lineOf(source: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++
  return line
}
