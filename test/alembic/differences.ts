/**
 * The one list of places where mig prints something other than Alembic, each with its reason.
 * `deliberate`: mig means it (the README's "Differential test against Alembic" section says why).
 * `open`: a disagreement still being fixed; remove the entry once the test no longer hits it.
 */
import { error, LISTING_ORDER, type Difference, type Seen } from './compare.js'

/** A line of mig's SQLite script that Alembic's has no counterpart for (each is followed by a blank line). */
const TRANSACTION = /^(BEGIN|COMMIT|PRAGMA foreign_keys = (ON|OFF));$/
const trimEnd = (lines: string[]) => {
  const out = [...lines]
  while (out.length > 0 && out[out.length - 1] === '') out.pop()
  return out
}
const isSql = (argv: readonly string[]) => argv.includes('--sql')


const failsWith = (s: Seen, pattern: RegExp) => s.failed && pattern.test(error(s) ?? '')

export const DIFFERENCES: readonly Difference[] = [
  LISTING_ORDER,
  {
    name: 'offline SQLite script runs each step in a transaction',
    kind: 'deliberate',
    forms: 'upgrade/downgrade/stamp --sql',
    reason:
      "mig's SQLite script turns foreign keys off around the run and wraps each step in BEGIN/COMMIT, so a batch (move-and-copy) step can run in sqlite3 as it runs online; Alembic assumes non-transactional DDL on SQLite and cannot write batch steps offline at all",
    rewrite: (mig, command) =>
      isSql(command.argv) && !mig.failed
        ? { ...mig, stdout: trimEnd(mig.stdout.filter((line, i, all) => !TRANSACTION.test(line) && !(line === '' && i > 0 && TRANSACTION.test(all[i - 1]!)))) }
        : mig,
  },
  {
    name: 'an ambiguous prefix lists the candidates',
    kind: 'deliberate',
    forms: '<prefix> in any command',
    reason: "Alembic says only `Can't locate revision identified by 'b'`; mig names the revisions that start with it",
    explains: ({ alembic: [a], mig }) =>
      failsWith(a!, /^Error: Can't locate revision identified by '([0-9a-f]+)'$/) &&
      failsWith(mig, /^Error: Multiple revisions start with '[0-9a-f]+': .*; use more characters$/) &&
      /'(\w+)'/.exec(error(a!)!)![1] === /'(\w+)'/.exec(error(mig)!)![1],
  },
  {
    name: 'a relative step with the wrong sign is a usage error',
    kind: 'deliberate',
    forms: 'upgrade -N, downgrade +N',
    reason:
      "Alembic walks `upgrade -1` downward and then fails (`Relative revision -1 didn't produce 1 migrations`) or, from some rows, downgrades; mig refuses before touching the database and says which sign the command needs (exit 2)",
    explains: ({ command, mig }) =>
      /^(upgrade -\d+|downgrade \+\d+)$/.test(command.argv.join(' ')) &&
      failsWith(mig, /^Error: (upgrade -\d+: a relative upgrade needs '\+N'|downgrade \+\d+: a relative downgrade needs '-N')$/),
  },
  {
    name: 'errors that say more',
    kind: 'deliberate',
    forms: 'relative walks (`+1`, `x-1`, `label@+1`) through a fork, a merge or several bases; `+N` with several rows',
    reason:
      "mig's message starts with Alembic's (`Ambiguous walk`, `Ambiguous upgrade from multiple current revisions`) and goes on to name the fork, merge, bases or rows and how to pick one branch",
    explains: ({ alembic: [a], mig }) => {
      const theirs = error(a!)
      const ours = error(mig)
      return a!.failed && mig.failed && theirs !== undefined && ours !== undefined && ours.length > theirs.length && ours.startsWith(theirs) && /^[:( ]/.test(ours.slice(theirs.length))
    },
  },
  {
    name: 'several heads for label@head',
    kind: 'deliberate',
    forms: '<label>@head naming a label with several heads',
    reason:
      "Alembic's message suggests `'<branchname>@side@head'`, which is no identifier (stamp says only `Multiple heads are present; please specify a single target revision`); mig lists the heads and suggests `side@heads`",
    explains: ({ alembic: [a], mig }) =>
      (failsWith(a!, /^Error: Multiple head revisions are present for given argument '(\w+)@head'; please specify a specific target revision, '<branchname>@\w+@head' to narrow to a specific head, or 'heads' for all heads$/) ||
        failsWith(a!, /^Error: Multiple heads are present; please specify a single target revision$/)) &&
      failsWith(mig, /^Error: Multiple head revisions are present for given argument '(\w+)@head' \(.+\); please specify a specific target revision, or '\w+@heads' for all of them$/),
  },
  {
    name: 'an overshooting relative step repeats the whole identifier',
    kind: 'deliberate',
    forms: '<id>+N, <label>@+N, <label>@-N past a head or a base',
    reason: "Alembic quotes only the step (`Relative revision +1 didn't produce 1 migrations`); mig the identifier as typed (`side@+1`)",
    explains: ({ alembic: [a], mig }) => {
      const theirs = /^Error: Relative revision ([-+]\d+) didn't produce (\d+) migrations$/.exec(error(a!) ?? '')
      const ours = /^Error: Relative revision (\S+?)([-+]\d+) didn't produce (\d+) migrations$/.exec(error(mig) ?? '')
      return a!.failed && mig.failed && theirs !== null && ours !== null && theirs[1] === ours[2] && theirs[2] === ours[3]
    },
  },
  {
    name: 'where Alembic crashes',
    kind: 'deliberate',
    forms: 'relative walks over dependencies, stamp of several revisions, history -r between branches',
    reason:
      'Alembic 1.8.1 stops with an AssertionError or KeyError (a traceback, not a CommandError); mig gives a result or a one-line error, and there is nothing to compare it with',
    explains: ({ alembic: [a] }) => a!.failed && a!.stderr.some((line) => /^Traceback: (AssertionError|KeyError)\b/.test(line)),
  },
  {
    name: 'downgrade -1 with several rows is refused',
    kind: 'deliberate',
    forms: 'downgrade / downgrade -N with several rows',
    reason:
      'Alembic warns that this is ambiguous (and will be disallowed) and then downgrades the branch of whichever row it read first; mig refuses, naming the heads and suggesting `<branchname>@-1`',
    explains: ({ alembic: [a], mig }) =>
      a!.stderr.includes('Warning: downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.') &&
      failsWith(mig, /^Error: Several revisions are current \(.+\), so '-\d+' is ambiguous; name the branch to step back on: '<branchname>@-\d+'/),
  },

  {
    name: 'stamp keeps a head that is already current',
    kind: 'deliberate',
    forms: 'stamp heads, stamp <id> <id>',
    reason:
      'when one target is already a row and another target descends from a second row, Alembic 1.8.1 moves both rows onto the second target (`Running stamp_revision a, b -> c`) and loses the first; mig leaves the current one alone',
    explains: ({ command, alembic: [a], mig }) => {
      if (command.argv[0] !== 'stamp' || a!.failed || mig.failed || !a!.rows || !mig.rows) return false
      const lost = mig.rows.filter((row) => !a!.rows!.includes(row))
      return lost.length > 0 && a!.rows.every((row) => mig.rows!.includes(row)) && lost.every((row) => command.rows.includes(row))
    },
  },
  {
    name: 'history -r :current at base',
    kind: 'deliberate',
    forms: 'history -r :current with an empty version table',
    reason: 'Alembic reads the empty current as no end and lists the whole history; mig lists nothing, as nothing is applied',
    explains: ({ command, alembic: [a], mig }) =>
      command.form === 'history -r :current' && command.rows.length === 0 && !a!.failed && a!.stdout.length > 0 && !mig.failed && mig.stdout.length === 0,
  },
]
