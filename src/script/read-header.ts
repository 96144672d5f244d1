import type { RevisionHeader } from '../revision/types.js'

/** The exported names a revision file declares, in the order the template writes them. */
const FIELDS = ['revision', 'downRevision', 'branchLabels', 'dependsOn'] as const
type Field = (typeof FIELDS)[number]
type Value = string | string[] | null

/**
 * Reads a revision's identity from its source text without executing it: the doc comment and
 * the `export const revision/downRevision/branchLabels/dependsOn = <literal>` lines.
 * Returns undefined when a field is not a plain literal; the caller then imports the file.
 */
export function readHeader(source: string, path: string): RevisionHeader | undefined {
  const values: Partial<Record<Field, Value>> = {}
  for (const field of FIELDS) {
    const match = new RegExp(`^export\\s+const\\s+${field}\\b[^=\\n]*=\\s*([^\\n]*)$`, 'm').exec(source)
    if (!match) {
      if (field === 'revision' || field === 'downRevision') return undefined
      values[field] = null
      continue
    }
    const value = parseLiteral(match[1]!)
    if (value === undefined) return undefined
    values[field] = value
  }
  if (typeof values.revision !== 'string') return undefined
  const doc = readDocComment(source)
  const message = readMessageExport(source)
  return headerFrom(
    { revision: values.revision, downRevision: values.downRevision, branchLabels: values.branchLabels, dependsOn: values.dependsOn, message, doc },
    path,
  )
}

/** Builds a header from exported values (used for both the static read and the import fallback). */
export function headerFrom(
  exports: { revision: string; downRevision?: unknown; branchLabels?: unknown; dependsOn?: unknown; message?: unknown; doc?: string },
  path: string,
): RevisionHeader {
  const doc = exports.doc ?? ''
  // The doc comment wins (as Alembic); the `message` export covers templates without one and
  // bundled modules, whose comments the bundler dropped.
  const message = firstParagraph(doc) || (typeof exports.message === 'string' ? exports.message : '')
  return {
    id: exports.revision,
    downRevisions: toList(exports.downRevision),
    branchLabels: toList(exports.branchLabels),
    dependsOn: toList(exports.dependsOn),
    message,
    doc,
    path,
  }
}

/** `export const message = 'it\'s done'` → `it's done`; undefined when absent or not a plain string. */
function readMessageExport(source: string): string | undefined {
  const match = /^export\s+const\s+message\b[^=\n]*=\s*(['"])((?:\\.|(?!\1)[^\\\n])*)\1/m.exec(source)
  return match?.[2]!.replace(/\\(.)/g, (_escape, char: string) => (char === 'n' ? '\n' : char))
}

/** The leading `/** ... *\/` block with its comment markers removed. */
export function readDocComment(source: string): string {
  const match = /^(?:#![^\n]*\n)?\s*\/\*\*?([\s\S]*?)\*\//.exec(source)
  if (!match) return ''
  const lines = match[1]!.split('\n').map((line) => line.replace(/^\s*\* ?/, '').replace(/\s+$/, ''))
  while (lines.length > 0 && lines[0] === '') lines.shift()
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines.join('\n')
}

function firstParagraph(doc: string): string {
  const paragraph: string[] = []
  for (const line of doc.split('\n')) {
    if (line.trim() === '' || /^Revision ID:/.test(line)) break
    paragraph.push(line.trim())
  }
  return paragraph.join(' ')
}

function toList(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (Array.isArray(value)) return value.map(String)
  return [String(value)]
}

/** `null`, `undefined`, `'x'`, `"x"`, `['a', "b"]` (with an optional `as const` or `;`). */
function parseLiteral(text: string): Value | undefined {
  const trimmed = text.replace(/\/\/.*$/, '').replace(/\s+as\s+const\s*/, '').replace(/;?\s*$/, '').trim()
  if (trimmed === 'null' || trimmed === 'undefined') return null
  const single = /^(['"])([^'"\\]*)\1$/.exec(trimmed)
  if (single) return single[2]!
  const list = /^\[(.*)\]$/.exec(trimmed)
  if (!list) return undefined
  const items = list[1]!.split(',').map((item) => item.trim()).filter((item) => item !== '')
  const strings: string[] = []
  for (const item of items) {
    const match = /^(['"])([^'"\\]*)\1$/.exec(item)
    if (!match) return undefined
    strings.push(match[2]!)
  }
  return strings
}
