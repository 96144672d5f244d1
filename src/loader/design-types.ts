import type { ModuleFormat } from './module-format.js'

/** The guard a per-file compiler writes for a type it cannot see: `typeof X === "undefined" ? Object : X`. */
const GUARDED_TYPE = /typeof ([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*) === "undefined" \? Object : \1\b/g
/** An import declaration as swc prints it: `import D, { A, B as C } from "x";`. */
const IMPORT = /^import\s+(?:([A-Za-z_$][\w$]*)\s*(?:,\s*)?)?(?:\{([^}]*)\}\s*)?from\s*(["'])([^"']+)\3;?[ \t]*$/gm
const SOURCE_MAP_COMMENT = /\/\/# sourceMappingURL=\S*\s*$/

// tsc knows a decorated property's type; a per-file compiler does not and writes `typeof X`
// guards. This helper makes their results tsc's: an enum object becomes Number or String, a
// missing (type-only) binding Object.
const HELPER = `function __migDesignType(read, commonJs) {
  let type;
  try {
    type = read();
  } catch (error) {
    // CommonJS from tsc reads a class of a module still loading (a circular import) as undefined;
    // swc's export getters throw instead.
    if (commonJs && error instanceof ReferenceError) return undefined;
    throw error;
  }
  if (type === undefined) return Object;
  if (type === null || typeof type !== 'object') return type;
  const entries = Object.entries(type);
  const numeric = entries.some(([, value]) => typeof value === 'number') && entries.every(([key, value]) =>
    typeof value === 'number' ? type[value] === key : typeof type[value] === 'number' && String(type[value]) === key);
  if (numeric) return Number;
  if (entries.length > 0 && entries.every(([, value]) => typeof value === 'string')) return String;
  return Object;
}`

interface ImportedName {
  /** The export it names (`default` for a default import). */
  readonly exported: string
  readonly specifier: string
}

/**
 * Rewrites decorator metadata so it carries what tsc (which sees every file) writes, not what a
 * compiler that sees one file can: `design:type` of an imported enum is Number/String, and a
 * name imported from another module only for a type (`Ref`, `Rel`, an interface) no longer
 * reaches the ES module linker, which would fail with "does not provide an export named 'Ref'":
 * such names are read from a namespace import, where a missing export is just undefined.
 *
 * @example
 * designTypesAsTsc('import { Ref } from "@mikro-orm/core"; ... typeof Ref === "undefined" ? Object : Ref ...', 'module')
 */
export function designTypesAsTsc(code: string, format: ModuleFormat): string {
  if (!code.includes('=== "undefined" ? Object :')) return code
  const imports = format === 'module' ? importedNames(code) : new Map<string, ImportedName>()
  // Any other mention keeps the import: then it is a value, which the module must export anyway.
  const elsewhere = code.replace(SOURCE_MAP_COMMENT, '').replace(IMPORT, '').replace(GUARDED_TYPE, '')
  const typeOnly = new Set([...code.matchAll(GUARDED_TYPE)].map((match) => match[1]!).filter((name) => imports.has(name) && !mentions(elsewhere, name)))
  const namespaces = new Map<string, string>()
  let rewritten = code.replace(GUARDED_TYPE, (guard, name: string) => {
    if (!typeOnly.has(name)) return `__migDesignType(() => ${guard}, ${format === 'commonjs'})`
    const imported = imports.get(name)!
    let namespace = namespaces.get(imported.specifier)
    if (!namespace) namespaces.set(imported.specifier, (namespace = `__mig_types_${namespaces.size}`))
    return `__migDesignType(() => ${namespace}[${JSON.stringify(imported.exported)}], false)`
  })
  if (typeOnly.size > 0) rewritten = withoutImportedNames(rewritten, typeOnly)
  // Appended, so no line moves: imports and function declarations hold anywhere in a module.
  const appended = [HELPER, ...[...namespaces].map(([specifier, namespace]) => `import * as ${namespace} from ${JSON.stringify(specifier)};`)].join('\n')
  const map = SOURCE_MAP_COMMENT.exec(rewritten)
  return map ? `${rewritten.slice(0, map.index)}\n${appended}\n${map[0]}` : `${rewritten}\n${appended}\n`
}

function importedNames(code: string): Map<string, ImportedName> {
  const names = new Map<string, ImportedName>()
  for (const [, defaultName, named, , specifier] of code.matchAll(IMPORT)) {
    if (defaultName) names.set(defaultName, { exported: 'default', specifier: specifier! })
    for (const part of (named ?? '').split(',')) {
      const [exported, local = exported] = part.trim().split(/\s+as\s+/)
      if (exported) names.set(local!, { exported, specifier: specifier! })
    }
  }
  return names
}

function mentions(code: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code)
}

function withoutImportedNames(code: string, names: ReadonlySet<string>): string {
  return code.replace(IMPORT, (declaration, defaultName: string | undefined, named: string | undefined, quote: string, specifier: string) => {
    const keptDefault = defaultName && !names.has(defaultName) ? defaultName : undefined
    const keptNamed = (named ?? '').split(',').map((part) => part.trim()).filter((part) => part && !names.has(part.split(/\s+as\s+/).pop()!))
    if (keptDefault === defaultName && keptNamed.length === (named ?? '').split(',').filter((part) => part.trim()).length) return declaration
    const clauses = [...(keptDefault ? [keptDefault] : []), ...(keptNamed.length > 0 ? [`{ ${keptNamed.join(', ')} }`] : [])]
    return clauses.length > 0 ? `import ${clauses.join(', ')} from ${quote}${specifier}${quote};` : `import ${quote}${specifier}${quote};`
  })
}
