import { describe, expect, it } from 'vitest'
import { planStamp } from '../../src/revision/index.js'
import { GRAPH_B, graphOf, LINEAR, rowsAfter, TRANSCRIPT } from './helpers.js'

/** Graph B whose branches merge again: e ← d1, d2; f ← e (Alembic's MergedPathTest). */
const B_MERGED = `${GRAPH_B}\n e <- d1 d2\n f <- e`

const FOREST = `
  a1
  b1 <- a1
  a2
  b2 <- a2
`

/** c2 depends on c1 of the other line (Alembic's DependsOnBranchTestOne). */
const DEPENDS = `
  a1 #lib1
  b1 <- a1
  c1 <- b1
  d1 <- c1
  e1 <- d1
  a2
  b2 <- a2
  c2 <- b2 dep:c1
`

type Case = [name: string, spec: string, current: string[], targets: string[], rows: string[]]

const cases: Case[] = [
  ['SPEC: stamp b from (d1, c2) leaves exactly b', GRAPH_B, ['d1', 'c2'], ['b'], ['b']],
  ['24: stamp head from nothing', LINEAR, [], ['head'], ['e']],
  ['24c: stamp down the line', LINEAR, ['e'], ['c'], ['c']],
  ['24f: stamp base empties the table', LINEAR, ['c'], ['base'], []],
  ['stamp base on an empty table', LINEAR, [], ['base'], []],
  ['stamp base with two heads', GRAPH_B, ['d1', 'd2'], ['base'], []],
  ['label@base only clears that branch', GRAPH_B, ['d1', 'c2'], ['c1branch@base'], ['c2']],
  ['label@head moves only that branch', GRAPH_B, ['d1', 'c2'], ['c2branch@head'], ['d1', 'd2']],
  ['a target on a line with no row is added', GRAPH_B, ['d1'], ['c2'], ['c2', 'd1']],
  ['heads from one branch', GRAPH_B, ['c1'], ['heads'], ['d1', 'd2']],
  ['heads from the branch point', GRAPH_B, ['b'], ['heads'], ['d1', 'd2']],
  ['several targets', GRAPH_B, [], ['d1', 'c2'], ['c2', 'd1']],
  ['down across a merge', B_MERGED, ['e'], ['c2'], ['c2']],
  ['down across a merge, before the branching', B_MERGED, ['e'], ['a'], ['a']],
  ['up across a merge from one branch', B_MERGED, ['c2'], ['e'], ['e']],
  ['up across a merge from both branches', B_MERGED, ['d1', 'c2'], ['e'], ['e']],
  ['labelled head across a merge', B_MERGED, ['d1', 'c2'], ['c2branch@head'], ['f']],
  ['up across a merge from before the branching', B_MERGED, ['b'], ['e'], ['e']],
  ['forest: heads from nothing', FOREST, [], ['heads'], ['b1', 'b2']],
  ['forest: heads when already there', FOREST, ['b1', 'b2'], ['heads'], ['b1', 'b2']],
  ['across a dependency (Alembic)', DEPENDS, ['e1', 'c2'], ['b1'], ['b1']],
  ['no targets means base', LINEAR, ['b'], [], []],
]

describe('planStamp', () => {
  it.each(cases)('%s', (_name, spec, current, targets, rows) => {
    expect(rowsAfter(current, planStamp(graphOf(spec), current, targets))).toEqual(rows)
  })

  it('gives one step per target with the exact row changes', () => {
    expect(planStamp(graphOf(GRAPH_B), ['d1', 'c2'], ['b'])).toEqual([
      { fromIds: ['d1', 'c2'], toIds: ['b'], versionChanges: [{ kind: 'delete', id: 'd1' }, { kind: 'update', from: 'c2', to: 'b' }] },
    ])
    expect(planStamp(graphOf(LINEAR), [], ['head'])).toEqual([{ fromIds: [], toIds: ['e'], versionChanges: [{ kind: 'insert', id: 'e' }] }])
    expect(planStamp(graphOf(LINEAR), ['c'], ['base'])).toEqual([{ fromIds: ['c'], toIds: [], versionChanges: [{ kind: 'delete', id: 'c' }] }])
    expect(planStamp(graphOf(LINEAR), ['e'], ['head'])).toEqual([])
  })

  it('30: refuses a table naming an unknown revision, unless purged (30b)', () => {
    const graph = graphOf(TRANSCRIPT)
    expect(() => planStamp(graph, ['bogus123'], ['head'])).toThrow(expect.objectContaining({ code: 'UNKNOWN_REVISION' }))
    expect(() => planStamp(graph, ['bogus123'], ['head'])).toThrow(/^Can't locate revision identified by 'bogus123'/)
    expect(planStamp(graph, ['bogus123'], ['head'], { purge: true })).toEqual([
      { fromIds: [], toIds: ['merge001'], versionChanges: [{ kind: 'insert', id: 'merge001' }] },
    ])
  })

  it('fails on an unknown target or a head that is not unique', () => {
    expect(() => planStamp(graphOf(LINEAR), [], ['nope'])).toThrow("Can't locate revision identified by 'nope'")
    expect(() => planStamp(graphOf(GRAPH_B), [], ['head'])).toThrow(expect.objectContaining({ code: 'MULTIPLE_HEADS' }))
  })
})
