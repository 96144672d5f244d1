import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The layering of STYLE.md, checked on the import statements of src/: data flows one way
// (CLI -> commands -> script, revision, runtime, operations, autogenerate), and modules form no
// cycle. Type-only imports count (they tie the files together for a reader too); lazy
// `await import()`s do not (they are how a module defers a dependency it does not always need).

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )
}

/** Each file's static imports of other src/ files, as paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|import\('(\.[^']+)'\)\.\w+/gm)].map((match) =>
      relative(SRC, resolve(dirname(file), (match[1] ?? match[2])!.replace(/\.js$/, '.ts'))),
    )
    graph.set(relative(SRC, file), [...new Set(targets)])
  }
  return graph
}

/** The strongly connected groups of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const found: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    low.set(file, index.get(file)!)
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (!index.has(next)) visit(next)
      if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, low.get(next)!))
    }
    if (low.get(file) !== index.get(file)) return
    const group = stack.splice(stack.indexOf(file))
    if (group.length > 1) found.push(group.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return found
}

const layer = (file: string) => file.split('/')[0]!

describe('the layers of src/', () => {
  const graph = importGraph()

  it('nothing imports cli/ but cli/ and the cli entry', () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      layer(file) === 'cli' || file === 'cli.ts' ? [] : targets.filter((target) => layer(target) === 'cli').map((target) => `${file} -> ${target}`),
    )
    expect(offenders).toEqual([])
  })

  it('runtime/ reaches down only: not into the script folder, the revision graph, commands or the CLI', () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      layer(file) === 'runtime' ? targets.filter((target) => ['script', 'revision', 'commands', 'cli'].includes(layer(target))).map((target) => `${file} -> ${target}`) : [],
    )
    expect(offenders).toEqual([])
  })

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([])
  })
})
