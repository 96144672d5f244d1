import { applyVersionChanges, buildGraph, type RevisionGraph, type RevisionHeader, type Step } from '../../src/revision/index.js'

/**
 * One revision per line: `id <- parent parent #label dep:other`.
 * `c1 <- b #c1branch` is c1 on top of b labelled c1branch; `a2 <- a1 dep:b1` also depends on b1.
 */
export function headers(spec: string): RevisionHeader[] {
  return spec
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [id, ...rest] = line.split(/\s+/)
      const tokens = rest[0] === '<-' ? rest.slice(1) : rest
      return header(id!, {
        down: tokens.filter((t) => !t.startsWith('#') && !t.startsWith('dep:')),
        labels: tokens.filter((t) => t.startsWith('#')).map((t) => t.slice(1)),
        deps: tokens.filter((t) => t.startsWith('dep:')).map((t) => t.slice(4)),
      })
    })
}

export function header(
  id: string,
  options: { down?: string[]; labels?: string[]; deps?: string[]; message?: string } = {},
): RevisionHeader {
  const message = options.message ?? `${id} message`
  return {
    id,
    downRevisions: options.down ?? [],
    branchLabels: options.labels ?? [],
    dependsOn: options.deps ?? [],
    message,
    doc: message,
    path: `/app/migrations/versions/${id}_x.ts`,
  }
}

export function graphOf(spec: string): RevisionGraph {
  return buildGraph(headers(spec))
}

/** The revision ids of a plan, in order. */
export function ids(steps: readonly Step[]): string[] {
  return steps.map((s) => s.revision.id)
}

/** The version-table rows after running a plan from `rows`, sorted for comparison. */
export function rowsAfter(rows: readonly string[], steps: readonly { versionChanges: Step['versionChanges'] }[]): string[] {
  return steps.reduce<string[]>((acc, s) => applyVersionChanges(acc, s.versionChanges), [...rows]).sort()
}

/** Graph B of SPEC §3: a→b→{c1→d1 [c1branch], c2→d2 [c2branch]}. */
export const GRAPH_B = `
  a
  b <- a
  c1 <- b #c1branch
  c2 <- b #c2branch
  d1 <- c1
  d2 <- c2
`

/** Linear a→b→c→d→e. */
export const LINEAR = `
  a
  b <- a
  c <- b
  d <- c
  e <- d
`

/** The repository recorded in the Flask-Migrate transcripts, after `merge` (28). */
export const TRANSCRIPT = `
  cf02980d4903
  1ded3ec2110c <- cf02980d4903
  1fe10b17daf0 <- 1ded3ec2110c
  50c4c4f14618 <- 1fe10b17daf0
  side0001 <- cf02980d4903 #sidelabel
  merge001 <- side0001 50c4c4f14618
`

/** The same repository before the merge (26/27). */
export const TRANSCRIPT_BRANCHED = TRANSCRIPT.replace(/\n\s*merge001.*\n/, '\n')
