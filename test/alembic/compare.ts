/**
 * What counts as "the same" between a mig run and an Alembic run of one command.
 *
 * Both outputs are normalized first, and only where they must be (NORMALIZATIONS, each with its
 * reason); then mig's result must equal Alembic's: failure or success, stdout line for line, stderr
 * line for line (the `Running upgrade a -> b` steps in order, the error text) and the version rows
 * afterwards. Whatever still differs must be named in DIFFERENCES — a deliberate difference (the
 * README says why) or one still open — or it is a new disagreement and the test fails.
 */
import type { Case, Command } from './cases.js'
import type { CaseRun, Outcome } from './run.js'

/** One tool's result after normalization. */
export interface Seen {
  failed: boolean
  stdout: string[]
  stderr: string[]
  rows: string[] | null
}

/** Every normalization, named, with why it is needed. The README lists the same. */
export const NORMALIZATIONS = [
  ['log prefix', "Alembic's logging config prints `INFO  [alembic.runtime.migration] ` before each log line; mig prints the message alone"],
  ['environment chatter', 'Alembic logs `Context impl SQLiteImpl.`, `Will assume non-transactional DDL.` and `Generating static SQL` on every run; mig does not'],
  ['flask db errors', 'Flask-Migrate prints a failed command as `Error: <message>` (as mig does); the driver writes that line for a CommandError'],
  ['paths', 'the two projects live in different temp folders (→ `<dir>`) and Alembic revisions end in `.py`, mig\'s in `.ts`'],
  ['dates', 'each tool stamps its own `Create Date:` into the revision'],
  ['database URL', '`current -v` names the database as each tool spells its URL (→ `<database>`)'],
  ['warnings', "Python's warning lines (`file:line: UserWarning: text` and the source line after it) become `Warning: text`"],
  ['set order', "Alembic keeps a revision's branch labels and its children in Python sets, whose order changes with the interpreter's hash seed: label lists, `Branch names:`, `Branches into:` and the `->` lines under a branch point are compared sorted (mig prints them sorted)"],
  ['current order', "Alembic's `current` lists its revisions from a Python set of script objects, whose order follows where they sit in memory: the lines of `current` (the revision blocks of `current -v`) are compared sorted"],
  ['merge rows in SQL', "on a merge step Alembic picks which parent row it updates (and which it deletes), and on a merge's downgrade which parent it updates (and which it inserts), from a Python set: in `--sql` output these statements are compared as if the rows were picked in name order"],
  ['trailing blanks', 'trailing spaces on a line and blank lines at the end of an output'],
] as const

const CHATTER = new Set(['Context impl SQLiteImpl.', 'Will assume non-transactional DDL.', 'Generating static SQL'])

function lines(text: string): string[] {
  const out = text.split('\n').map((line) => line.replace(/\s+$/, ''))
  while (out.length > 0 && out[out.length - 1] === '') out.pop()
  return out
}

/** Sorts what Alembic prints from sets (see 'set order'). */
function setOrder(lines: string[]): string[] {
  const sortList = (list: string) => list.split(', ').sort().join(', ')
  const out = lines.map((line) =>
    line
      .replace(/^(Branch names|Branches into): (.*)$/, (_, key: string, list: string) => `${key}: ${sortList(list)}`)
      .replace(/((?:^|-> )[0-9a-f]+ )\(([a-z]+(?:, [a-z]+)+)\)/, (_, before: string, list: string) => `${before}(${sortList(list)})`),
  )
  // `branches`: the `-> child` lines under one branch point.
  for (let i = 0; i < out.length; ) {
    if (!/^ +-> /.test(out[i]!)) {
      i++
      continue
    }
    let j = i
    while (j < out.length && /^ +-> /.test(out[j]!)) j++
    out.splice(i, j - i, ...out.slice(i, j).sort())
    i = j
  }
  return out
}

const DELETE = /^DELETE FROM mig_version WHERE mig_version\.version_num = '(\w+)';$/
const INSERT = /^INSERT INTO mig_version \(version_num\) VALUES \('(\w+)'\);$/
const UPDATE = /^UPDATE mig_version SET version_num='(\w+)' WHERE mig_version\.version_num = '(\w+)';$/

/**
 * One step's version-table statements with the parent rows picked in name order (see
 * 'merge rows in SQL'): DELETE x… UPDATE y→t (a merge) keeps the last id, INSERT x… UPDATE m→y
 * (a merge's downgrade) updates to the last id.
 */
function mergeRows(lines: string[]): string[] {
  const out = [...lines]
  for (let i = 0; i < out.length; i++) {
    const kind = DELETE.test(out[i]!) ? DELETE : INSERT.test(out[i]!) ? INSERT : undefined
    if (!kind) continue
    // the run: kind lines separated by blank lines, then an UPDATE
    const at: number[] = []
    let j = i
    while (j < out.length && (kind.test(out[j]!) || out[j] === '')) {
      if (out[j] !== '') at.push(j)
      j++
    }
    const update = j < out.length ? UPDATE.exec(out[j]!) : null
    if (!update || at.length === 0) continue
    const ids = at.map((k) => kind.exec(out[k]!)![1]!)
    const moving = kind === DELETE ? update[2]! : update[1]!
    const sorted = [...ids, moving].sort()
    const keep = sorted.pop()!
    at.forEach((k, n) => (out[k] = kind === DELETE ? `DELETE FROM mig_version WHERE mig_version.version_num = '${sorted[n]}';` : `INSERT INTO mig_version (version_num) VALUES ('${sorted[n]}');`))
    out[j] = kind === DELETE ? `UPDATE mig_version SET version_num='${update[1]}' WHERE mig_version.version_num = '${keep}';` : `UPDATE mig_version SET version_num='${keep}' WHERE mig_version.version_num = '${update[2]}';`
    i = j
  }
  return out
}

function common(text: string, dir: string): string {
  return text
    .split(dir)
    .join('<dir>')
    .replace(/^( *Create Date:).*$/gm, '$1 <date>')
    .replace(/^(Current revision\(s\) for ).*:$/gm, '$1<database>:')
}

export function seenAlembic(o: Outcome, dir: string): Seen {
  const stderr: string[] = []
  const raw = lines(common(o.stderr, dir))
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!.replace(/^(INFO|WARNI|ERROR) +\[[\w.]+\] /, '')
    if (CHATTER.has(line)) continue
    const warning = /^\S+:\d+: \w*Warning: (.*)$/.exec(line)
    if (warning) {
      stderr.push(`Warning: ${warning[1]}`)
      i++ // the source line Python prints under it
      continue
    }
    stderr.push(line)
  }
  const stdout = mergeRows(setOrder(lines(common(o.stdout, dir).replace(/(<dir>\/migrations\/versions\/\w+)\.py\b/g, '$1.ts'))))
  return { failed: o.code !== 0, stdout, stderr, rows: o.rows ?? null }
}

export function seenMig(o: Outcome, dir: string): Seen {
  return { failed: o.code !== 0, stdout: mergeRows(setOrder(lines(common(o.stdout, dir)))), stderr: lines(common(o.stderr, dir)), rows: o.rows ?? null }
}

/** A command whose outputs differ after normalization. */
export interface Disagreement {
  seed: number
  command: Command
  /** Alembic's run with the folder listed by name (mig's order), then the other listings. */
  alembic: Seen[]
  mig: Seen
  /** Which parts differ from Alembic's name-ordered run. */
  parts: Array<'outcome' | 'stdout' | 'stderr' | 'rows'>
  /** Alembic's runs differ among themselves: its order here comes from the directory listing. */
  listingDependent: boolean
}

export interface Difference {
  name: string
  kind: 'deliberate' | 'open'
  /** The command forms it is about, and why mig prints something else (or that it is being fixed). */
  forms: string
  reason: string
  /** A rewrite of mig's output that removes the difference (counted when it changes something). */
  rewrite?: (mig: Seen, command: Command) => Seen
  /** Whether it explains a disagreement. */
  explains?: (d: Disagreement) => boolean
}

const stderrText = (s: Seen) => s.stderr.join('\n')
const error = (s: Seen) => s.stderr.find((line) => line.startsWith('Error: '))
const sortedLines = (s: Seen) => JSON.stringify([s.failed, [...s.stdout].sort(), [...s.stderr].sort(), s.rows])

/** `current` with its revisions in name order (see 'current order'); other commands as they are. */
function currentOrder(command: Command, s: Seen): Seen {
  if (command.argv[0] !== 'current' || s.failed) return s
  const blocks: string[][] = []
  const header: string[] = []
  for (const line of s.stdout) {
    if (command.argv.includes('-v') ? line.startsWith('Rev: ') : true) blocks.push([line])
    else if (blocks.length === 0) header.push(line)
    else blocks[blocks.length - 1]!.push(line)
  }
  // A block's trailing blank line separates it from the next; the last one's was trimmed.
  for (const block of blocks) while (block.length > 1 && block[block.length - 1] === '') block.pop()
  blocks.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0))
  return { ...s, stdout: [...header, ...blocks.flatMap((block, i) => (i === 0 ? block : ['', ...block]))] }
}

function same(a: Seen, b: Seen): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The revision graph as written in the case, for checking that an order mig chose is still an
 * order in which every step's parents and dependencies come first.
 */
function needs(c: Case): Map<string, string[]> {
  const resolve = (value: string) =>
    (c.revisions.find((r) => r.labels.includes(value)) ?? c.revisions.find((r) => r.id.startsWith(value)))?.id
  return new Map(c.revisions.map((r) => [r.id, [...r.down, ...r.dependsOn.map(resolve).filter((v): v is string => v !== undefined)]]))
}

/** Upgrade steps come after the steps of what they need; downgrade steps before. */
export function validStepOrder(c: Case, stderr: readonly string[]): boolean {
  const requires = needs(c)
  const position = new Map<string, number>()
  const steps = stderr.flatMap((line, i) => {
    const m = /^Running (upgrade|downgrade) (.*) -> (.*?), /.exec(line) ?? /^Running (upgrade|downgrade) (.*) -> (.*)$/.exec(line)
    if (!m) return []
    const id = m[1] === 'upgrade' ? m[3]! : m[2]!
    position.set(id, i)
    return [{ direction: m[1]!, id, at: i }]
  })
  return steps.every(({ direction, id, at }) =>
    (requires.get(id) ?? []).every((need) => {
      const other = position.get(need)
      return other === undefined || (direction === 'upgrade' ? other < at : other > at)
    }),
  )
}

export interface Verdict {
  agree: boolean
  /** The DIFFERENCES entries that made it agree or that explain the disagreement. */
  explainedBy: string[]
  disagreement?: Disagreement
}

/**
 * Compares one command. `alembic` holds one run per listing order, name order first: an output
 * that differs between listings depends on the directory listing, and there mig may print the
 * same lines in its own order.
 */
export function compare(c: Case, command: Command, alembicRaw: Seen[], migRaw: Seen, differences: readonly Difference[]): Verdict {
  const explainedBy: string[] = []
  const alembic = alembicRaw.map((a) => currentOrder(command, a))
  let mig = currentOrder(command, migRaw)
  for (const difference of differences) {
    if (!difference.rewrite) continue
    const rewritten = difference.rewrite(mig, command)
    if (!same(rewritten, mig)) explainedBy.push(difference.name)
    mig = rewritten
  }
  if (alembic.some((a) => same(a, mig))) return { agree: true, explainedBy }
  const listingDependent = alembic.some((a) => !same(a, alembic[0]!))
  if (listingDependent && alembic.some((a) => sortedLines(a) === sortedLines(mig)) && validStepOrder(c, mig.stderr)) {
    return { agree: true, explainedBy: [...explainedBy, LISTING_ORDER.name] }
  }
  const reference = alembic[0]!
  const parts: Disagreement['parts'] = []
  if (reference.failed !== mig.failed) parts.push('outcome')
  if (JSON.stringify(reference.stdout) !== JSON.stringify(mig.stdout)) parts.push('stdout')
  if (JSON.stringify(reference.stderr) !== JSON.stringify(mig.stderr)) parts.push('stderr')
  if (JSON.stringify(reference.rows) !== JSON.stringify(mig.rows)) parts.push('rows')
  const disagreement: Disagreement = { seed: c.seed, command, alembic, mig, parts, listingDependent }
  const explaining = differences.find((d) => d.explains?.(disagreement))
  if (explaining) return { agree: false, explainedBy: [...explainedBy, explaining.name], disagreement }
  return { agree: false, explainedBy, disagreement }
}

export const LISTING_ORDER: Difference = {
  name: 'order where Alembic follows the directory listing',
  kind: 'deliberate',
  forms: 'upgrade/downgrade across independent branches, heads, branches, history',
  reason:
    "where Alembic's order between independent branches comes from os.listdir() (it changes when the folder is listed in another order), mig keeps its canonical order, which depends only on the files' contents; the steps are the same and each still comes after what it needs",
}

/** Runs the comparison over a whole case. */
export function compareCase(c: Case, alembicRuns: CaseRun[], migRun: CaseRun, differences: readonly Difference[]): Array<Verdict & { command: Command }> {
  const setupFailures = c.setup.flatMap((argv, i) => {
    const a = alembicRuns[0]!.setup[i]!
    const m = migRun.setup[i]!
    return a.code !== 0 || m.code !== 0 ? [`${argv.join(' ')}: alembic ${a.code} ${a.stderr.trim()} / mig ${m.code} ${m.stderr.trim()}`] : []
  })
  if (setupFailures.length > 0) throw new Error(`seed ${c.seed}: building the graph failed:\n${setupFailures.join('\n')}`)
  return c.commands.map((command, i) => ({
    command,
    ...compare(
      c,
      command,
      alembicRuns.map((run) => seenAlembic(run.commands[i]!, run.dir)),
      seenMig(migRun.commands[i]!, migRun.dir),
      differences,
    ),
  }))
}

/** A disagreement as a reproduction: the graph's commands, the start rows, the command, both outputs. */
export function describe(c: Case, d: Disagreement): string {
  const show = (s: Seen) =>
    [`  ${s.failed ? 'failed' : 'ok'}, rows after: ${JSON.stringify(s.rows)}`, ...s.stdout.map((l) => `  out| ${l}`), ...s.stderr.map((l) => `  err| ${l}`)].join('\n')
  return [
    `seed ${c.seed}: ${d.command.argv.join(' ')}   (form: ${d.command.form}; start rows: ${JSON.stringify(d.command.rows)}; differs in ${d.parts.join(', ')})`,
    `graph: ${c.setup.map((argv) => argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')).join(' ; ')}`,
    `alembic:\n${show(d.alembic[0]!)}`,
    `mig:\n${show(d.mig)}`,
  ].join('\n')
}

export { error, stderrText }
