import { describe, expect, it } from 'vitest'
import { planDowngrade } from '../../src/revision/index.js'
import { GRAPH_B, graphOf, ids, LINEAR, rowsAfter, TRANSCRIPT, TRANSCRIPT_BRANCHED } from './helpers.js'

/** Graph B where d2 also depends on c1 (Alembic's BranchedPathTestCrossDependencies). */
const B_CROSS = GRAPH_B.replace('d2 <- c2', 'd2 <- c2 dep:c1')

/** a3 depends on b1 and b2 on a2: the lines cross (Alembic #377). */
const CRISSCROSS = `
  a1
  a2 <- a1
  a3 <- a2 dep:b1
  b1
  b2 <- b1 dep:a2
  b3 <- b2
`

/** Three merges and a base that depends on one parent of each (Alembic's DependsOnBranchTestTwo). */
const KABOOM = `
  a1
  a2
  a3
  amerge <- a1 a2 a3
  b1
  b2
  bmerge <- b1 b2
  c1
  c2
  c3
  cmerge <- c1 c2 c3
  d1 dep:a3 dep:b2 dep:c1
`

/** y2 depends on x1, the base of another labelled line (Alembic's MultipleBranchEffectiveHead). */
const EFFECTIVE = `
  y1 #y
  x1 #x
  y2 <- y1 dep:x1
  x2 <- x1
`

type Case = [name: string, spec: string, current: string[], target: string, steps: string[], rows: string[]]

const cases: Case[] = [
  // SPEC §3 worked cases
  ['B: (d1, d2) → a drops both branches child-first, then b', GRAPH_B, ['d1', 'd2'], 'a', ['d2', 'c2', 'd1', 'c1', 'b'], ['a']],
  ['B: c1branch@-1 from (d1, d2) drops d1', GRAPH_B, ['d1', 'd2'], 'c1branch@-1', ['d1'], ['c1', 'd2']],
  ['B: c2branch@b from (c1, d2) drops d2, c2', GRAPH_B, ['c1', 'd2'], 'c2branch@b', ['d2', 'c2'], ['c1']],
  ['linear: e → c drops e, d', LINEAR, ['e'], 'c', ['e', 'd'], ['c']],
  // branches
  ['B: <rev>-1 steps back on that head only', GRAPH_B, ['d2', 'c1'], 'd2-1', ['d2'], ['c1', 'c2']],
  ['B: a revision names the branch (c2@b)', GRAPH_B, ['d1', 'd2'], 'c2@b', ['d2', 'c2'], ['d1']],
  ['B: the head names the branch (d1@b)', GRAPH_B, ['d1', 'd2'], 'd1@b', ['d1', 'c1'], ['d2']],
  ['B: c1branch@b from (c1, d2)', GRAPH_B, ['c1', 'd2'], 'c1branch@b', ['c1'], ['d2']],
  ['B: c1branch@head-1', GRAPH_B, ['d1', 'd2'], 'c1branch@head-1', ['d1'], ['c1', 'd2']],
  ['B: base+2 without a branch drops everything above b', GRAPH_B, ['d2', 'd1'], 'base+2', ['d2', 'c2', 'd1', 'c1'], ['b']],
  ['B: c2branch@base+2 drops only that branch', GRAPH_B, ['d2', 'd1'], 'c2branch@base+2', ['d2', 'c2'], ['d1']],
  ['B: c2branch@base+3 is c2', GRAPH_B, ['d2', 'd1'], 'c2branch@base+3', ['d2'], ['c2', 'd1']],
  // As in Alembic, label@base goes back to base along the label's lineage, shared revisions
  // and what stands on them included; naming the branch point removes only the branch.
  ['B: c1branch@base drops the shared line too', GRAPH_B, ['d1', 'd2'], 'c1branch@base', ['d2', 'c2', 'd1', 'c1', 'b', 'a'], []],
  ['B: c1branch@b drops the branch, not the shared line', GRAPH_B, ['d1', 'd2'], 'c1branch@b', ['d1', 'c1'], ['d2']],
  ['B: c1branch@-1 from b, below the label, steps b back', GRAPH_B, ['b'], 'c1branch@-1', ['b'], ['a']],
  // The revision after label@ need not carry the label; the label only picks a side at a fork.
  ['B: c2branch@c1 takes down what is above c1', GRAPH_B, ['d1', 'd2'], 'c2branch@c1', ['d1'], ['c1', 'd2']],
  ['B: c2branch@d1 has nothing above d1 to take down', GRAPH_B, ['d1', 'd2'], 'c2branch@d1', [], ['d1', 'd2']],
  ['B: base drops everything', GRAPH_B, ['d1', 'd2'], 'base', ['d2', 'c2', 'd1', 'c1', 'b', 'a'], []],
  ['B: a target already current', GRAPH_B, ['d1', 'c2'], 'c2', [], ['c2', 'd1']],
  ['B: another target already current', GRAPH_B, ['d1', 'c2'], 'd1', [], ['c2', 'd1']],
  ['B: an applied target with nothing above it on that branch', GRAPH_B, ['c1'], 'c2branch@b', [], ['c1']],
  // linear and relative
  ['linear: -1 from c', LINEAR, ['c'], '-1', ['c'], ['b']],
  ['linear: -3 from e', LINEAR, ['e'], '-3', ['e', 'd', 'c'], ['b']],
  ['linear: a+2 from d', LINEAR, ['d'], 'a+2', ['d'], ['c']],
  ['linear: c-2 from d', LINEAR, ['d'], 'c-2', ['d', 'c', 'b'], ['a']],
  ['linear: -1 at the first revision goes to base', LINEAR, ['a'], '-1', ['a'], []],
  ['linear: base', LINEAR, ['c'], 'base', ['c', 'b', 'a'], []],
  ['linear: base when already there', LINEAR, [], 'base', [], []],
  ['linear: to the current head', LINEAR, ['e'], 'e', [], ['e']],
  // the transcripts
  ['20: -1 from the head', LINEAR, ['e'], '-1', ['e'], ['d']],
  // A merge is undone by naming one of its parents (a relative walk through it is ambiguous).
  ['a parent of the merge undoes the merge', TRANSCRIPT, ['merge001'], 'side0001', ['merge001'], ['50c4c4f14618', 'side0001']],
  ['27j done right: side0001@-1 from two heads', TRANSCRIPT_BRANCHED, ['50c4c4f14618', 'side0001'], 'side0001@-1', ['side0001'], ['50c4c4f14618']],
  ['sidelabel@base from two heads', TRANSCRIPT_BRANCHED, ['50c4c4f14618', 'side0001'], 'sidelabel@base',
    ['side0001', '50c4c4f14618', '1fe10b17daf0', '1ded3ec2110c', 'cf02980d4903'], []],
  ['sidelabel@cf02980d4903 from two heads', TRANSCRIPT_BRANCHED, ['50c4c4f14618', 'side0001'], 'sidelabel@cf02980d4903', ['side0001'], ['50c4c4f14618']],
  ['through a merge down to the first revision', TRANSCRIPT, ['merge001'], 'cf02980d4903',
    ['merge001', 'side0001', '50c4c4f14618', '1fe10b17daf0', '1ded3ec2110c'], ['cf02980d4903']],
  // dependencies
  ['taking a dependency down takes its dependents down', B_CROSS, ['d1', 'd2'], 'c1branch@b', ['d2', 'd1', 'c1'], ['c2']],
  ['a dependent branch can go down alone', B_CROSS, ['d1', 'd2'], 'c2branch@b', ['d2', 'c2'], ['d1']],
  ['half of a crossed pair goes (Alembic #377)', CRISSCROSS, ['a3', 'b2'], 'b1', ['b2'], ['a3']],
  ['a row implied by a dependency is not re-inserted', KABOOM, ['amerge', 'bmerge', 'cmerge', 'd1'], 'b2', ['bmerge'], ['amerge', 'b1', 'cmerge', 'd1']],
  ['a dependency no other row implies is re-inserted', KABOOM, ['amerge', 'd1', 'b1', 'cmerge'], 'd1@base', ['d1'], ['amerge', 'b1', 'b2', 'cmerge']],
  // Alembic's order here depends on its directory listing (24 variants); this is one of them.
  ['everything down to base', KABOOM, ['amerge', 'b1', 'b2', 'cmerge'], 'base',
    ['cmerge', 'c1', 'b1', 'b2', 'amerge', 'a1', 'c2', 'c3', 'a2', 'a3'], []],
  // y2 still implies x1, so x2's row is deleted rather than moved back.
  ['x@-1 from the head of x', EFFECTIVE, ['x2', 'y2'], 'x@-1', ['x2'], ['y2']],
  ['x@-1 when x only lives on as a dependency', EFFECTIVE, ['y2'], 'x@-1', ['y2', 'x1'], ['y1']],
  ['x@-1 from x1 and y2', EFFECTIVE, ['x1', 'y2'], 'x@-1', ['y2', 'x1'], ['y1']],
]

describe('planDowngrade', () => {
  it.each(cases)('%s', (_name, spec, current, target, steps, rows) => {
    const plan = planDowngrade(graphOf(spec), current, target)
    expect(ids(plan)).toEqual(steps)
    expect(plan.every((s) => s.direction === 'down')).toBe(true)
    expect(rowsAfter(current, plan)).toEqual(rows)
  })

  it('writes the exact version-table changes of each step', () => {
    const changes = (spec: string, current: string[], target: string) =>
      planDowngrade(graphOf(spec), current, target).map((s) => [s.revision.id, s.versionChanges])
    expect(changes(GRAPH_B, ['d1', 'd2'], 'a')).toEqual([
      ['d2', [{ kind: 'update', from: 'd2', to: 'c2' }]],
      ['c2', [{ kind: 'delete', id: 'c2' }]],
      ['d1', [{ kind: 'update', from: 'd1', to: 'c1' }]],
      ['c1', [{ kind: 'update', from: 'c1', to: 'b' }]],
      ['b', [{ kind: 'update', from: 'b', to: 'a' }]],
    ])
    // Undoing a merge re-inserts the other parents, then moves its own row.
    expect(changes(TRANSCRIPT, ['merge001'], 'side0001')).toEqual([
      ['merge001', [{ kind: 'insert', id: 'side0001' }, { kind: 'update', from: 'merge001', to: '50c4c4f14618' }]],
    ])
    expect(changes(LINEAR, ['a'], 'base')).toEqual([['a', [{ kind: 'delete', id: 'a' }]]])
  })

  it('fills fromIds/toIds for the log line', () => {
    const plan = planDowngrade(graphOf(TRANSCRIPT), ['merge001'], 'base')
    expect(plan[0]).toMatchObject({ fromIds: ['merge001'], toIds: ['side0001', '50c4c4f14618'] })
    expect(plan.at(-1)).toMatchObject({ fromIds: ['cf02980d4903'], toIds: [] })
  })

  const errors: [name: string, spec: string, current: string[], target: string, code: string, message: string | RegExp][] = [
    ['22c: -1 at base overshoots', LINEAR, [], '-1', 'BAD_RELATIVE', "Relative revision -1 didn't produce 1 migrations"],
    ['-5 from b overshoots', LINEAR, ['b'], '-5', 'BAD_RELATIVE', "Relative revision -5 didn't produce 5 migrations"],
    ['downgrade +2 is refused', LINEAR, ['b'], '+2', 'BAD_RELATIVE', /would go up; use 'upgrade \+2'/],
    ['a target above the current head', LINEAR, ['b'], 'c', 'BAD_DOWNGRADE_TARGET', 'Destination c is not a valid downgrade target from current head(s)'],
    ['a target when nothing is applied', LINEAR, [], 'b', 'BAD_DOWNGRADE_TARGET', 'Destination b is not a valid downgrade target from current head(s)'],
    ['a target on another branch', GRAPH_B, ['d1'], 'c2', 'BAD_DOWNGRADE_TARGET', 'Destination c2 is not a valid downgrade target from current head(s)'],
    ['-1 with two heads is refused (Alembic only warns)', GRAPH_B, ['d1', 'd2'], '-1', 'MULTIPLE_HEADS',
      /^Several revisions are current \(d1, d2\), so '-1' is ambiguous; .*'<branchname>@-1'.*'d1@-1'/],
    ['27j: -1 with two heads', TRANSCRIPT_BRANCHED, ['50c4c4f14618', 'side0001'], '-1', 'MULTIPLE_HEADS', /50c4c4f14618, side0001/],
    ['a walk down through a merge', TRANSCRIPT, ['merge001'], '-2', 'AMBIGUOUS_WALK', /^Ambiguous walk: merge001 merges side0001, 50c4c4f14618/],
    // As in Alembic: a relative walk that meets a merge, even where it starts, is ambiguous.
    ['-1 from a merge', TRANSCRIPT, ['merge001'], '-1', 'AMBIGUOUS_WALK', /^Ambiguous walk: merge001 merges side0001, 50c4c4f14618/],
    ['merge001-1', TRANSCRIPT, ['merge001'], 'merge001-1', 'AMBIGUOUS_WALK', /^Ambiguous walk/],
    ['merge001-1 when the merge is not applied', TRANSCRIPT, ['1ded3ec2110c'], 'merge001-1', 'AMBIGUOUS_WALK', /^Ambiguous walk/],
    ['sidelabel@-1 from the merge', TRANSCRIPT, ['merge001'], 'sidelabel@-1', 'AMBIGUOUS_WALK', /^Ambiguous walk/],
    ['23c: unknown target', LINEAR, ['e'], 'nope', 'UNKNOWN_REVISION', "Can't locate revision identified by 'nope'"],
  ]
  it.each(errors)('%s', (_name, spec, current, target, code, message) => {
    const run = () => planDowngrade(graphOf(spec), current, target)
    expect(run).toThrow(expect.objectContaining({ code }))
    expect(run).toThrow(message)
  })
})
