import { describe, expect, it } from 'vitest'
import { applyVersionChanges, pinTarget, planDowngrade, planUpgrade, type PinnedTarget, type RevisionGraph, type Step } from '../../src/revision/index.js'
import { GRAPH_B, graphOf, ids, LINEAR, rowsAfter, TRANSCRIPT, TRANSCRIPT_BRANCHED } from './helpers.js'

// The runtime re-plans inside every step's transaction and runs only the first step, so
// that concurrent deploys never apply a revision twice. With the target pinned once by
// `pinTarget`, that loop must do exactly what the one-shot plan says.

type Planner = (graph: RevisionGraph, rows: readonly string[], target: string | PinnedTarget) => Step[]

function runStepByStep(graph: RevisionGraph, plan: Planner, rows: string[], target: PinnedTarget): { ran: string[]; rows: string[] } {
  const ran: string[] = []
  for (let guard = 0; guard < 100; guard++) {
    const next = plan(graph, rows, target)[0]
    if (!next) return { ran, rows: [...rows].sort() }
    ran.push(next.revision.id)
    rows = applyVersionChanges(rows, next.versionChanges)
  }
  throw new Error('the plan never settles')
}

const cases: [spec: string, direction: 'upgrade' | 'downgrade', current: string[], target: string][] = [
  [LINEAR, 'upgrade', ['a'], '+2'],
  [LINEAR, 'upgrade', [], 'head'],
  [LINEAR, 'downgrade', ['e'], '-3'],
  [LINEAR, 'downgrade', ['c'], 'base'],
  [GRAPH_B, 'upgrade', ['a'], 'heads'],
  [GRAPH_B, 'upgrade', ['c1'], 'c2branch@+1'],
  [GRAPH_B, 'downgrade', ['d1', 'd2'], 'a'],
  [GRAPH_B, 'downgrade', ['d1', 'd2'], 'c1branch@-1'],
  [GRAPH_B, 'downgrade', ['c1', 'd2'], 'c1branch@-1'],
  [GRAPH_B, 'downgrade', ['c1', 'd2'], 'c2branch@b'],
  [GRAPH_B, 'downgrade', ['d1', 'd2'], 'c2branch@base+2'],
  [GRAPH_B, 'downgrade', ['c1'], '-1'],
  [TRANSCRIPT, 'upgrade', ['50c4c4f14618'], 'head'],
  [TRANSCRIPT, 'downgrade', ['merge001'], 'side0001'],
  [TRANSCRIPT, 'downgrade', ['merge001'], 'sidelabel@base'],
  [TRANSCRIPT_BRANCHED, 'downgrade', ['50c4c4f14618', 'side0001'], 'side0001@-1'],
]

describe('pinTarget + re-planning after every step', () => {
  it.each(cases)('%#: %s %s from %j to %s', (spec, direction, current, target) => {
    const graph = graphOf(spec)
    const plan: Planner = direction === 'upgrade' ? planUpgrade : planDowngrade
    const once = plan(graph, current, target)
    const pinned = pinTarget(graph, direction, current, target)
    expect(runStepByStep(graph, plan, [...current], pinned)).toEqual({ ran: ids(once), rows: rowsAfter(current, once) })
  })
})
