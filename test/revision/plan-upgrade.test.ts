import { describe, expect, it } from 'vitest'
import { planUpgrade } from '../../src/revision/index.js'
import { GRAPH_B, graphOf, ids, LINEAR, rowsAfter, TRANSCRIPT, TRANSCRIPT_BRANCHED } from './helpers.js'

/** Cross-base dependencies (Alembic's DependsOnBranchLabelTest): c2 needs c1 of the other base. */
const TWO_BASES = `
  a1 #lib1
  b1 <- a1
  c1 <- b1 #c1lib
  d1 <- c1
  a2
  b2 <- a2
  c2 <- b2 dep:c1lib
`

/** d1 merges three bases' lines; d2 and d3 keep going (Alembic's BranchFrom3WayMergepointTest). */
const THREE_WAY = `
  a1
  b1 <- a1
  c1 <- b1
  a2
  b2 <- a2
  c2 <- b2
  a3
  b3 <- a3
  c3 <- b3
  d1 <- c1 c2 c3
  d2 <- c2
  d3 <- c3
`

/** Two merges of the same three branches (Alembic's TwinMergeTest). */
const TWIN_MERGE = `
  a
  b1 <- a
  b2 <- a
  b3 <- a
  c1 <- b1 b2 b3
  c2 <- b1 b2 b3
  d1 <- c1
  d2 <- c2
`

type Case = [name: string, spec: string, current: string[], target: string, steps: string[], rows: string[]]

const cases: Case[] = [
  // SPEC §3 worked cases
  ['B: b → d1 applies c1, d1', GRAPH_B, ['b'], 'd1', ['c1', 'd1'], ['d1']],
  ['B: heads from a applies b, then each branch whole', GRAPH_B, ['a'], 'heads', ['b', 'c1', 'd1', 'c2', 'd2'], ['d1', 'd2']],
  ['B: c2branch@head-1 from b applies c2', GRAPH_B, ['b'], 'c2branch@head-1', ['c2'], ['c2']],
  ['B: c2branch@+1 from c1 applies c2', GRAPH_B, ['c1'], 'c2branch@+1', ['c2'], ['c1', 'c2']],
  ['linear: +2 from a applies b, c', LINEAR, ['a'], '+2', ['b', 'c'], ['c']],
  ['linear: b+2 from a applies b, c, d', LINEAR, ['a'], 'b+2', ['b', 'c', 'd'], ['d']],
  // more of the same family
  ['B: c2branch@+1 from c1, c2 moves only that branch', GRAPH_B, ['c1', 'c2'], 'c2branch@+1', ['d2'], ['c1', 'd2']],
  ['B: base+1 from nothing', GRAPH_B, [], 'base+1', ['a'], ['a']],
  ['B: +1 from nothing', GRAPH_B, [], '+1', ['a'], ['a']],
  ['B: heads from nothing', GRAPH_B, [], 'heads', ['a', 'b', 'c1', 'd1', 'c2', 'd2'], ['d1', 'd2']],
  ['B: a label alone names its revision', GRAPH_B, ['a'], 'c2branch', ['b', 'c2'], ['c2']],
  ['B: the second branch inserts its own row', GRAPH_B, ['d1'], 'd2', ['c2', 'd2'], ['d1', 'd2']],
  ['linear: head from nothing', LINEAR, [], 'head', ['a', 'b', 'c', 'd', 'e'], ['e']],
  ['linear: d-2 from a', LINEAR, ['a'], 'd-2', ['b'], ['b']],
  ['linear: +3 from b', LINEAR, ['b'], '+3', ['c', 'd', 'e'], ['e']],
  ['linear: up to date', LINEAR, ['e'], 'head', [], ['e']],
  ['linear: a target below the current head does nothing', LINEAR, ['d'], 'b', [], ['d']],
  ['linear: base does nothing', LINEAR, ['c'], 'base', [], ['c']],
  // the transcripts
  ['27d: sidelabel@head from nothing', TRANSCRIPT_BRANCHED, [], 'sidelabel@head', ['cf02980d4903', 'side0001'], ['side0001']],
  ['27f: heads from side0001', TRANSCRIPT_BRANCHED, ['side0001'], 'heads',
    ['1ded3ec2110c', '1fe10b17daf0', '50c4c4f14618'], ['50c4c4f14618', 'side0001']],
  ['28d: head from 50c4 through the merge', TRANSCRIPT, ['50c4c4f14618'], 'head', ['side0001', 'merge001'], ['merge001']],
  // dependencies
  ['a dependency from another base is pulled in', TWO_BASES, ['a2'], 'c2', ['a1', 'b1', 'c1', 'b2', 'c2'], ['c2']],
  ['an applied dependency is not run again', TWO_BASES, ['d1', 'b2'], 'c2', ['c2'], ['c2', 'd1']],
  ['a revision depending on its own parent', 'a1\n a2 <- a1 dep:a1', [], 'a2', ['a1', 'a2'], ['a2']],
  ['merge of two sides leaves the third row (Alembic 3-way)', THREE_WAY, ['d3', 'b2', 'b1'], 'd1', ['c2', 'c1', 'd1'], ['d1', 'd3']],
  ['a branch breaks out of a merge again', THREE_WAY, ['d3', 'd1'], 'd2', ['d2'], ['d1', 'd2', 'd3']],
  ['merge of one side only', THREE_WAY, ['d3', 'd2', 'b1'], 'd1', ['c1', 'd1'], ['d1', 'd2', 'd3']],
  // A merge's parents are taken last-to-first (as Alembic does): b3's line, then b2's, then b1's.
  ['twin merges', TWIN_MERGE, ['a'], 'heads', ['b3', 'b2', 'b1', 'c1', 'd1', 'c2', 'd2'], ['d1', 'd2']],
]

describe('planUpgrade', () => {
  it.each(cases)('%s', (_name, spec, current, target, steps, rows) => {
    const plan = planUpgrade(graphOf(spec), current, target)
    expect(ids(plan)).toEqual(steps)
    expect(plan.every((s) => s.direction === 'up')).toBe(true)
    expect(rowsAfter(current, plan)).toEqual(rows)
  })

  it('writes the exact version-table changes of each step', () => {
    const changes = (spec: string, current: string[], target: string) =>
      planUpgrade(graphOf(spec), current, target).map((s) => [s.revision.id, s.versionChanges])
    expect(changes(GRAPH_B, ['a'], 'heads')).toEqual([
      ['b', [{ kind: 'update', from: 'a', to: 'b' }]],
      ['c1', [{ kind: 'update', from: 'b', to: 'c1' }]],
      ['d1', [{ kind: 'update', from: 'c1', to: 'd1' }]],
      ['c2', [{ kind: 'insert', id: 'c2' }]],
      ['d2', [{ kind: 'update', from: 'c2', to: 'd2' }]],
    ])
    expect(changes(TRANSCRIPT, ['50c4c4f14618'], 'head')).toEqual([
      ['side0001', [{ kind: 'insert', id: 'side0001' }]],
      ['merge001', [{ kind: 'delete', id: 'side0001' }, { kind: 'update', from: '50c4c4f14618', to: 'merge001' }]],
    ])
    expect(changes(TWIN_MERGE, ['a'], 'c2').slice(3)).toEqual([
      ['c2', [{ kind: 'delete', id: 'b1' }, { kind: 'delete', id: 'b2' }, { kind: 'update', from: 'b3', to: 'c2' }]],
    ])
    expect(changes(TWO_BASES, ['a2'], 'c2').at(-1)).toEqual(
      ['c2', [{ kind: 'delete', id: 'b2' }, { kind: 'update', from: 'c1', to: 'c2' }]],
    )
  })

  it('fills fromIds/toIds for the log line', () => {
    const plan = planUpgrade(graphOf(TRANSCRIPT), [], 'head')
    expect(plan[0]).toMatchObject({ fromIds: [], toIds: ['cf02980d4903'] })
    expect(plan.at(-1)).toMatchObject({ fromIds: ['side0001', '50c4c4f14618'], toIds: ['merge001'] })
    expect(plan.at(-1)!.revision.message).toBe('merge001 message')
  })

  const errors: [name: string, spec: string, current: string[], target: string, code: string, message: string | RegExp][] = [
    ['B: +1 from c1, c2 is ambiguous', GRAPH_B, ['c1', 'c2'], '+1', 'AMBIGUOUS_WALK', /^Ambiguous upgrade from multiple current revisions \(c1, c2\)/],
    ['B: +2 from a forks on the way', GRAPH_B, ['a'], '+2', 'AMBIGUOUS_WALK', /^Ambiguous walk/],
    ['27: head with two heads', TRANSCRIPT_BRANCHED, [], 'head', 'MULTIPLE_HEADS',
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"],
    ['linear: +5 from b overshoots', LINEAR, ['b'], '+5', 'BAD_RELATIVE', "Relative revision +5 didn't produce 5 migrations"],
    ['linear: upgrade -2 is refused', LINEAR, ['b'], '-2', 'BAD_RELATIVE', /would go down; use 'downgrade -2'/],
    ['23: unknown target', LINEAR, [], 'deadbeef', 'UNKNOWN_REVISION', "Can't locate revision identified by 'deadbeef'"],
    ['30: unknown row in the version table', LINEAR, ['bogus123'], 'head', 'UNKNOWN_REVISION', /^Can't locate revision identified by 'bogus123'; .*stamp --purge/],
  ]
  it.each(errors)('%s', (_name, spec, current, target, code, message) => {
    const run = () => planUpgrade(graphOf(spec), current, target)
    expect(run).toThrow(expect.objectContaining({ code }))
    expect(run).toThrow(message)
  })
})
