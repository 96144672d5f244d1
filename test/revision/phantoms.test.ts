import { describe, expect, it } from 'vitest'
import { findPhantoms, planPhantomRemoval } from '../../src/revision/index.js'
import { graphOf, header } from './helpers.js'

// What the database was at on another branch, as its kept sources tell it.
const GRAPH = graphOf(`
  r1
  r2 <- r1
  b1 <- r2
`)
const a1 = header('a1', { down: ['r2'] })
const a2 = header('a2', { down: ['a1'] })
const c1 = header('c1', { down: ['r1'] })
const m1 = header('m1', { down: ['a2', 'c1'] })
const STORED = new Map([a1, a2, c1, m1].map((h) => [h.id, h]))
const order = ['a1', 'a2', 'c1', 'm1']
const appliedAt = (id: string) => String(order.indexOf(id)).padStart(3, '0')

describe('phantoms', () => {
  it('are the unknown rows and the unknown revisions below them, as far as kept sources tell', () => {
    expect(findPhantoms(GRAPH, ['b1'], STORED)).toEqual([])
    expect(findPhantoms(GRAPH, ['a2'], STORED).map((p) => [p.id, p.row])).toEqual([
      ['a2', true],
      ['a1', false],
    ])
    // Without a kept source nothing below is known.
    const bare = findPhantoms(GRAPH, ['zz'], STORED)
    expect(bare).toEqual([{ id: 'zz', header: undefined, row: true }])
  })

  it('are removed newest first, each row giving way to its parents', () => {
    const steps = planPhantomRemoval(GRAPH, ['a2'], findPhantoms(GRAPH, ['a2'], STORED), appliedAt)
    expect(steps.map((s) => [s.revision.id, s.direction, s.versionChanges])).toEqual([
      ['a2', 'down', [{ kind: 'update', from: 'a2', to: 'a1' }]],
      ['a1', 'down', [{ kind: 'update', from: 'a1', to: 'r2' }]],
    ])
  })

  it('a phantom merge unmerges into both parents, and a parent still below another row is not written again', () => {
    const phantoms = findPhantoms(GRAPH, ['m1'], STORED)
    expect(phantoms.map((p) => p.id)).toEqual(['m1', 'a2', 'c1', 'a1'])
    const steps = planPhantomRemoval(GRAPH, ['m1'], phantoms, appliedAt)
    // c1 (newer than a2) goes first once both are rows; r1 lies below r2, which a1 leaves.
    expect(steps.map((s) => [s.revision.id, s.versionChanges])).toEqual([
      ['m1', [{ kind: 'update', from: 'm1', to: 'a2' }, { kind: 'insert', id: 'c1' }]],
      ['c1', [{ kind: 'delete', id: 'c1' }]],
      ['a2', [{ kind: 'update', from: 'a2', to: 'a1' }]],
      ['a1', [{ kind: 'update', from: 'a1', to: 'r2' }]],
    ])
  })

  it('a phantom beside a known row leaves that row alone', () => {
    const steps = planPhantomRemoval(GRAPH, ['b1', 'c1'], findPhantoms(GRAPH, ['b1', 'c1'], STORED), appliedAt)
    // c1's parent r1 is below b1: the row simply goes.
    expect(steps.map((s) => [s.revision.id, s.versionChanges])).toEqual([['c1', [{ kind: 'delete', id: 'c1' }]]])
  })

  it('refuses a phantom with no kept source', () => {
    expect(() => planPhantomRemoval(GRAPH, ['zz'], findPhantoms(GRAPH, ['zz'], STORED), appliedAt)).toThrow('zz has no stored source')
  })
})
