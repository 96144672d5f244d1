import { describe, expect, it } from 'vitest'
import { planDowngrade, planUpgrade, walkHistory } from '../../src/revision/index.js'
import { graphOf, rowsAfter } from './helpers.js'

// The graph of issue 11, where mig and Alembic 1.8.1 disagreed; the expected values are what
// Alembic does (runtime/migration.py RevisionStep, script/revision.py _normalize_depends_on).
//   a1 <- b2 <- d4 <- f6 (dep b2) <-+- i9 (merge) <- j10 (dep c3)
//   a1 <- c3 (side) <- e5 (dep a1) <- g7 <- h8 <-+
const ISSUE_11 = `
  a1
  b2 <- a1
  c3 <- a1 #side
  d4 <- b2
  e5 <- c3 dep:a1
  f6 <- d4 dep:b2
  g7 <- e5
  h8 <- g7
  i9 <- f6 h8
  j10 <- i9 dep:c3
`

describe("Alembic's dependency rules", () => {
  const graph = graphOf(ISSUE_11)

  it('keeps a dependency that is merely an ancestor through parents', () => {
    expect(graph.dependenciesOf('e5')).toEqual(['a1'])
    expect(graph.dependenciesOf('f6')).toEqual(['b2'])
    expect(graph.dependenciesOf('j10')).toEqual(['c3'])
    expect(graph.declaredDependenciesOf('e5')).toEqual(['a1'])
  })

  it('puts back the rows of the dependencies a downgrade step leaves', () => {
    expect(rowsAfter(['j10'], planDowngrade(graph, ['j10'], 'h8'))).toEqual(['c3', 'f6', 'h8'])
    expect(rowsAfter(['e5'], planDowngrade(graph, ['e5'], '-1'))).toEqual(['a1', 'c3'])
  })

  it('lists history in the order Alembic does: a dependency waits for the lines that still need it', () => {
    expect(walkHistory(graph).map((r) => r.id)).toEqual(['j10', 'i9', 'f6', 'd4', 'h8', 'g7', 'e5', 'c3', 'b2', 'a1'])
  })

  it('runs upgrades and downgrades in the order Alembic does', () => {
    expect(planUpgrade(graph, [], 'heads').map((s) => s.revision.id)).toEqual(['a1', 'b2', 'c3', 'e5', 'g7', 'h8', 'd4', 'f6', 'i9', 'j10'])
    expect(planDowngrade(graph, ['j10'], 'base').map((s) => s.revision.id)).toEqual(['j10', 'i9', 'f6', 'd4', 'h8', 'g7', 'e5', 'c3', 'b2', 'a1'])
  })

  it('calls a relative walk through a merge ambiguous', () => {
    expect(() => planDowngrade(graph, ['i9'], '-1')).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_WALK' }))
  })
})
