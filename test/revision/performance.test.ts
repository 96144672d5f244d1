import { describe, expect, it } from 'vitest'
import { buildGraph, planDowngrade, planStamp, planUpgrade, resolveRevisions, walkHistory, type RevisionHeader } from '../../src/revision/index.js'
import { header, rowsAfter } from './helpers.js'

// These guard against quadratic algorithms and deep recursion; they assert results, not
// timings, so they stay reliable on slow machines.

const pad = (i: number) => i.toString().padStart(5, '0')

function linear(n: number): RevisionHeader[] {
  return Array.from({ length: n }, (_, i) => header(`r${pad(i)}`, { down: i === 0 ? [] : [`r${pad(i - 1)}`] }))
}

/**
 * A trunk that grows a 6-revision labelled branch every 10 revisions and merges the open
 * branches back every 25, plus a second base whose revisions depend on trunk revisions.
 */
function branchy(size: number): RevisionHeader[] {
  const list: RevisionHeader[] = [header('t00000')]
  let trunk = 't00000'
  const open: string[] = []
  for (let i = 1; list.length < size - 100; i++) {
    const id = `t${pad(i)}`
    list.push(header(id, { down: i % 25 === 0 && open.length > 0 ? [trunk, ...open.splice(0)] : [trunk] }))
    trunk = id
    if (i % 10 === 0) {
      let tip = id
      for (let j = 0; j < 6; j++) {
        const b = `b${pad(i)}x${j}`
        list.push(header(b, { down: [tip], labels: j === 0 ? [`br${i}`] : [] }))
        tip = b
      }
      open.push(tip)
    }
  }
  for (let k = 0; k < 100; k++) {
    list.push(header(`x${pad(k)}`, { down: k === 0 ? [] : [`x${pad(k - 1)}`], deps: k % 10 === 5 ? [`t${pad(k * 5)}`] : [] }))
  }
  return list
}

/** Two 2500-long lines where each revision of one depends on its twin in the other. */
function ladder(n: number): RevisionHeader[] {
  const list: RevisionHeader[] = []
  for (let i = 0; i < n; i++) {
    list.push(header(`a${pad(i)}`, { down: i === 0 ? [] : [`a${pad(i - 1)}`], deps: [`b${pad(i)}`] }))
    list.push(header(`b${pad(i)}`, { down: i === 0 ? [] : [`b${pad(i - 1)}`] }))
  }
  return list
}

describe('performance sanity', () => {
  it('5000 revisions in a line', () => {
    const graph = buildGraph(linear(5000))
    expect(graph.heads).toEqual(['r04999'])
    const up = planUpgrade(graph, [], 'head')
    expect(up).toHaveLength(5000)
    expect(rowsAfter([], up)).toEqual(['r04999'])
    expect(planUpgrade(graph, ['r02500'], '+2000')).toHaveLength(2000)
    expect(resolveRevisions(graph, 'head-4000')).toEqual(['r00999'])
    const down = planDowngrade(graph, ['r04999'], 'base')
    expect(down).toHaveLength(5000)
    expect(rowsAfter(['r04999'], down)).toEqual([])
    expect(walkHistory(graph)).toHaveLength(5000)
    expect(walkHistory(graph, { start: 'r01000', end: 'r03999' })).toHaveLength(3000)
    expect(graph.labelsOf('r04000')).toEqual([])
    expect(graph.isAncestor('r00000', 'r04999')).toBe(true)
  })

  it('2000 revisions with many branches, merges and dependencies', () => {
    const graph = buildGraph(branchy(2000))
    expect(graph.size).toBeGreaterThanOrEqual(1900)
    const heads = [...graph.realHeads]
    expect(heads.length).toBeGreaterThan(1)
    const up = planUpgrade(graph, [], 'heads')
    expect(up).toHaveLength(graph.size)
    expect(rowsAfter([], up)).toEqual([...heads].sort())
    const down = planDowngrade(graph, heads, 'base')
    expect(down).toHaveLength(graph.size)
    expect(rowsAfter(heads, down)).toEqual([])
    expect(walkHistory(graph)).toHaveLength(graph.size)
    expect(rowsAfter([], planStamp(graph, [], ['heads']))).toEqual([...heads].sort())
    // An open branch carries its own label (plus those the trunk merges inherited).
    const open = heads.find((h) => h.startsWith('b'))!
    expect(graph.labelsOf(open)).toContain(`br${Number(open.slice(1, 6))}`)
    const label = `br${Number(open.slice(1, 6))}`
    // Back to where the label starts: the branch goes, the line below it stays.
    const onBranch = graph.revisions.filter((r) => graph.labelsOf(r.id).includes(label))
    const start = onBranch.find((r) => !r.downRevisions.some((d) => graph.labelsOf(d).includes(label)))!
    const oneBranch = planDowngrade(graph, heads, `${label}@${start.downRevisions[0]}`)
    expect(oneBranch).toHaveLength(onBranch.length)
    expect(rowsAfter(heads, oneBranch)).toEqual(heads.filter((h) => h !== open).sort())
  })

  it('5000 revisions in two lines tied by dependencies', () => {
    const graph = buildGraph(ladder(2500))
    expect(graph.dependenciesOf('a02000')).toEqual(['b02000'])
    const up = planUpgrade(graph, [], 'heads')
    expect(up).toHaveLength(5000)
    expect(rowsAfter([], up)).toEqual(['a02499'])
    // a01000 depends on b01000 and stays, so its row alone implies b01000.
    expect(rowsAfter(['a02499'], planDowngrade(graph, ['a02499'], 'b01000'))).toEqual(['a01000'])
  })
})
