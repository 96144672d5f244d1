/**
 * Random revision graphs and the commands run against them, from a seed.
 *
 * A case is what both tools are given: the `revision`/`merge` argvs that build the graph (run
 * through each tool's own CLI) and a list of commands, each with the version rows written into
 * the table before it runs. Argvs are the same for `mig` and for `alembic`/`flask db`: mig's
 * command line mirrors theirs.
 */

/** Mulberry32: small, seedable, the same sequence on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Revision {
  id: string
  message: string
  down: string[]
  /** Labels declared on this revision. */
  labels: string[]
  /** `--depends-on` values as given (ids, prefixes or labels). */
  dependsOn: string[]
}

export interface Command {
  /** The command form, for the summary (`upgrade <label>@head`, `history -r <a>:`). */
  form: string
  argv: string[]
  /** Version rows written into the table before the command runs. */
  rows: string[]
}

export interface Case {
  seed: number
  revisions: Revision[]
  setup: string[][]
  commands: Command[]
}

export const LABELS = ['side', 'billing', 'mobile', 'search', 'tools', 'import', 'ops', 'reports']
const WORDS = ['add', 'user', 'email', 'drop', 'index', 'orders', 'widen', 'name', 'split', 'table', 'fix', 'audit']

/** The graph as the generator sees it while building, with ancestry through `down` only. */
class Graph {
  readonly revisions: Revision[] = []
  byId(id: string): Revision {
    return this.revisions.find((r) => r.id === id)!
  }
  children(id: string): Revision[] {
    return this.revisions.filter((r) => r.down.includes(id))
  }
  heads(): Revision[] {
    return this.revisions.filter((r) => this.children(r.id).length === 0)
  }
  /** Ancestors through `down` only (what the version table's rows imply). */
  ancestors(id: string): Set<string> {
    const seen = new Set<string>()
    const stack = [...this.byId(id).down]
    while (stack.length > 0) {
      const next = stack.pop()!
      if (seen.has(next)) continue
      seen.add(next)
      stack.push(...this.byId(next).down)
    }
    return seen
  }
  /** The label a revision carries down from its own or an ancestor's declaration, if any. */
  labelsOnLine(id: string): string[] {
    return [this.byId(id), ...[...this.ancestors(id)].map((a) => this.byId(a))].flatMap((r) => r.labels)
  }
  /** Everything a revision needs: parents and dependencies, transitively. */
  needs(id: string): Set<string> {
    const seen = new Set<string>()
    const stack = [id]
    while (stack.length > 0) {
      const rev = this.byId(stack.pop()!)
      for (const next of [...rev.down, ...rev.dependsOn.map((d) => resolveDependency(this, d))]) {
        if (!seen.has(next)) {
          seen.add(next)
          stack.push(next)
        }
      }
    }
    return seen
  }
  /** Labels declared anywhere. */
  labels(): string[] {
    return this.revisions.flatMap((r) => r.labels)
  }
}

/**
 * Ids start with a letter a–f then hex, so none reads as a number (`--rev-id 1e3` is an issue of
 * its own) and prefixes of one or two characters are sometimes ambiguous.
 */
function newId(rng: () => number, taken: Set<string>): string {
  for (;;) {
    const id = 'abcdef'[Math.floor(rng() * 6)]! + Array.from({ length: 5 }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('')
    if (!taken.has(id) && ![...taken].some((t) => t.startsWith(id) || id.startsWith(t))) return id
  }
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!
}

function sample<T>(rng: () => number, items: readonly T[], n: number): T[] {
  const pool = [...items]
  const out: T[] = []
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!)
  return out
}

function message(rng: () => number, i: number): string {
  const words = sample(rng, WORDS, 1 + Math.floor(rng() * 3))
  // Now and then punctuation and capitals, for the file-name slug.
  return rng() < 0.2 ? `${words.join(' ')}: Step ${i}!` : `${words.join(' ')} ${i}`
}

/** Builds the graph through `revision`/`merge` argvs the way a team would grow one. */
function buildGraph(rng: () => number): { graph: Graph; setup: string[][] } {
  const graph = new Graph()
  const setup: string[][] = []
  const taken = new Set<string>()
  const size = 6 + Math.floor(rng() * 9)
  const freeLabels = [...LABELS]
  for (let i = 1; i <= size; i++) {
    const id = newId(rng, taken)
    taken.add(id)
    const msg = message(rng, i)
    const heads = graph.heads()
    const rev: Revision = { id, message: msg, down: [], labels: [], dependsOn: [] }
    const argv: string[] = []
    const roll = rng()
    if (heads.length >= 2 && roll < 0.22) {
      const parents = sample(rng, heads, heads.length > 2 && rng() < 0.3 ? 3 : 2).map((h) => h.id)
      rev.down = parents
      argv.push('merge', ...parents, '-m', msg, '--rev-id', id)
    } else {
      argv.push('revision', '-m', msg, '--rev-id', id)
      if (heads.length === 0) {
        // the first revision: no --head
      } else if (roll < 0.35 && graph.revisions.length >= 2) {
        const nonHeads = graph.revisions.filter((r) => graph.children(r.id).length > 0)
        const from = pick(rng, nonHeads.length > 0 ? nonHeads : graph.revisions)
        rev.down = [from.id]
        argv.push('--head', from.id, '--splice')
      } else if (roll < 0.45) {
        argv.push('--head', 'base')
      } else {
        const head = pick(rng, heads)
        rev.down = [head.id]
        const label = graph.labelsOnLine(head.id)[0]
        // Name the head as users do: nothing when it is the only one, its label@head, its id or a prefix.
        if (heads.length === 1 && rng() < 0.5) {
          // default head
        } else if (label !== undefined && rng() < 0.5 && graph.heads().filter((h) => graph.labelsOnLine(h.id).includes(label)).length === 1) {
          argv.push('--head', `${label}@head`)
        } else {
          argv.push('--head', rng() < 0.7 ? head.id : head.id.slice(0, 4))
        }
      }
    }
    if (freeLabels.length > 0 && rng() < 0.3) {
      const label = freeLabels.splice(Math.floor(rng() * freeLabels.length), 1)[0]!
      rev.labels = [label]
      argv.push('--branch-label', label)
    }
    if (argv[0] === 'revision' && graph.revisions.length >= 2 && rng() < 0.3) {
      const ancestors = rev.down.length > 0 ? new Set([...rev.down, ...graph.ancestors(rev.down[0]!)]) : new Set<string>()
      // Mostly a revision off this line, sometimes an ancestor (Alembic keeps those as declared).
      const others = graph.revisions.filter((r) => !ancestors.has(r.id))
      const target = pick(rng, others.length > 0 && rng() < 0.8 ? others : graph.revisions)
      const labelOf = target.labels[0]
      const value = labelOf !== undefined && rng() < 0.4 ? labelOf : rng() < 0.25 ? target.id.slice(0, 4) : target.id
      rev.dependsOn = [value]
      argv.push('--depends-on', value)
    }
    graph.revisions.push(rev)
    setup.push(argv)
  }
  return { graph, setup }
}

/** What a `--depends-on` value names: a label names the revision declaring it, a prefix its revision. */
function resolveDependency(graph: Graph, value: string): string {
  return (graph.revisions.find((r) => r.labels.includes(value)) ?? graph.revisions.find((r) => r.id.startsWith(value))!).id
}

/**
 * Version rows a database can really be at: some revisions applied with everything they need
 * (parents and dependencies), the table holding the applied revisions that no applied revision
 * names as a parent or a dependency (as Alembic's upgrade leaves it).
 */
function startRows(rng: () => number, graph: Graph): string[][] {
  const rowsFor = (targets: string[]) => {
    const applied = new Set<string>()
    const stack = [...targets]
    while (stack.length > 0) {
      const id = stack.pop()!
      if (applied.has(id)) continue
      applied.add(id)
      const rev = graph.byId(id)
      stack.push(...rev.down, ...rev.dependsOn.map((d) => resolveDependency(graph, d)))
    }
    const needed = new Set(
      [...applied].flatMap((id) => [...graph.byId(id).down, ...graph.byId(id).dependsOn.map((d) => resolveDependency(graph, d))]),
    )
    return [...applied].filter((id) => !needed.has(id))
  }
  const states: string[][] = [[], rowsFor(graph.heads().map((h) => h.id))]
  for (let i = 0; i < 3; i++) states.push(rowsFor(sample(rng, graph.revisions.map((r) => r.id), 1 + Math.floor(rng() * 2))))
  const seen = new Set<string>()
  return states
    .map((rows) => [...rows].sort())
    .filter((rows) => {
      const key = rows.join(',')
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}

/** The forms a command can take, each filled in for this graph (or skipped where it makes no sense). */
function forms(rng: () => number, graph: Graph): Array<{ form: string; argv: () => string[] | undefined; needsRows: boolean }> {
  const ids = graph.revisions.map((r) => r.id)
  const id = () => pick(rng, ids)
  const labels = graph.labels()
  const label = () => (labels.length > 0 ? pick(rng, labels) : undefined)
  const withLabel = (make: (l: string) => string[]) => {
    const l = label()
    return l === undefined ? undefined : make(l)
  }
  // A prefix: sometimes one character (then maybe ambiguous), mostly enough to be unique.
  const prefix = () => id().slice(0, rng() < 0.3 ? 1 : 3)
  const db = (form: string, argv: () => string[] | undefined) => ({ form, argv, needsRows: true })
  const read = (form: string, argv: () => string[] | undefined) => ({ form, argv, needsRows: false })
  return [
    db('upgrade', () => ['upgrade']),
    db('upgrade <id>', () => ['upgrade', id()]),
    db('upgrade <prefix>', () => ['upgrade', prefix()]),
    db('upgrade <label>', () => withLabel((l) => ['upgrade', l])),
    db('upgrade <label>@head', () => withLabel((l) => ['upgrade', `${l}@head`])),
    db('upgrade heads', () => ['upgrade', 'heads']),
    db('upgrade +1', () => ['upgrade', '+1']),
    db('upgrade +2', () => ['upgrade', '+2']),
    db('upgrade <id>+1', () => ['upgrade', `${id()}+1`]),
    db('upgrade <label>@+1', () => withLabel((l) => ['upgrade', `${l}@+1`])),
    db('upgrade -1', () => ['upgrade', '-1']),
    db('upgrade <unknown>', () => ['upgrade', 'ffffff9']),
    db('downgrade', () => ['downgrade']),
    db('downgrade <id>', () => ['downgrade', id()]),
    db('downgrade <prefix>', () => ['downgrade', prefix()]),
    db('downgrade base', () => ['downgrade', 'base']),
    db('downgrade -1', () => ['downgrade', '-1']),
    db('downgrade -2', () => ['downgrade', '-2']),
    db('downgrade <id>-1', () => ['downgrade', `${id()}-1`]),
    db('downgrade <label>@-1', () => withLabel((l) => ['downgrade', `${l}@-1`])),
    db('downgrade <label>@base', () => withLabel((l) => ['downgrade', `${l}@base`])),
    db('downgrade <label>@<id>', () => withLabel((l) => ['downgrade', `${l}@${id()}`])),
    db('downgrade +1', () => ['downgrade', '+1']),
    db('stamp <id>', () => ['stamp', id()]),
    db('stamp <id> <id>', () => {
      // Two revisions of separate lines: neither needs the other (stamping a revision and its
      // own ancestor is not something a user means, and Alembic crashes on it).
      const [a, b] = sample(rng, ids, 2)
      return a !== undefined && b !== undefined && !graph.needs(a).has(b) && !graph.needs(b).has(a) ? ['stamp', a, b] : undefined
    }),
    db('stamp heads', () => ['stamp', 'heads']),
    db('stamp base', () => ['stamp', 'base']),
    db('stamp <label>@head', () => withLabel((l) => ['stamp', `${l}@head`])),
    db('stamp --purge <id>', () => ['stamp', '--purge', id()]),
    db('current', () => ['current']),
    db('current -v', () => ['current', '-v']),
    db('history -i', () => ['history', '-i']),
    db('history -r current:', () => ['history', '-r', 'current:']),
    db('history -r :current', () => ['history', '-r', ':current']),
    db('upgrade --sql <id>', () => ['upgrade', '--sql', id()]),
    db('upgrade --sql <id>:<id>', () => ['upgrade', '--sql', `${id()}:${id()}`]),
    db('upgrade --sql <id>:heads', () => ['upgrade', '--sql', `${id()}:heads`]),
    db('downgrade --sql <id>:<id>', () => ['downgrade', '--sql', `${id()}:${id()}`]),
    db('downgrade --sql <id>:base', () => ['downgrade', '--sql', `${id()}:base`]),
    db('stamp --sql <id>', () => ['stamp', '--sql', id()]),
    read('heads', () => ['heads']),
    read('heads -v', () => ['heads', '-v']),
    read('heads --resolve-dependencies', () => ['heads', '--resolve-dependencies']),
    read('branches', () => ['branches']),
    read('branches -v', () => ['branches', '-v']),
    read('history', () => ['history']),
    read('history -v', () => ['history', '-v']),
    read('history -r <id>:', () => ['history', '-r', `${id()}:`]),
    read('history -r :<id>', () => ['history', '-r', `:${id()}`]),
    read('history -r <id>:<id>', () => ['history', '-r', `${id()}:${id()}`]),
    read('history -r base:<label>@head', () => withLabel((l) => ['history', '-r', `base:${l}@head`])),
    read('history -r <id>', () => ['history', '-r', id()]),
    read('show <id>', () => ['show', id()]),
    read('show <prefix>', () => ['show', prefix()]),
    read('show head', () => ['show', 'head']),
    read('show heads', () => ['show', 'heads']),
    read('show <label>', () => withLabel((l) => ['show', l])),
    read('show <label>@head', () => withLabel((l) => ['show', `${l}@head`])),
    read('show base', () => ['show', 'base']),
  ]
}

/**
 * One case from a seed: a graph of 6–14 revisions, then every read-only form once and, from
 * each start-row set, `perState` database forms drawn at random.
 */
export function makeCase(seed: number, perState = 12): Case {
  const rng = random(seed)
  const { graph, setup } = buildGraph(rng)
  const commands: Command[] = []
  const all = forms(rng, graph)
  const add = (form: string, argv: string[] | undefined, rows: string[]) => {
    if (argv !== undefined) commands.push({ form, argv, rows })
  }
  for (const f of all) if (!f.needsRows) add(f.form, f.argv(), [])
  const dbForms = all.filter((f) => f.needsRows)
  for (const rows of startRows(rng, graph)) {
    for (const f of sample(rng, dbForms, perState)) add(f.form, f.argv(), rows)
  }
  return { seed, revisions: graph.revisions, setup, commands }
}
