import { describe, expect, it } from 'vitest'
import { currentRevisions, pinTarget, planDowngrade, planUpgrade, walkHistory } from '../../src/revision/index.js'
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

// A line applied only because another line's revision depends on it.
const DEPENDENCY_LINE = `
  a
  b <- a
  x
  y <- x dep:b
`

describe('what Alembic counts as current', () => {
  const graph = graphOf(DEPENDENCY_LINE)

  it('shows the tip of a line applied only as a dependency (get_all_current)', () => {
    expect(currentRevisions(graph, ['y'])).toEqual(['y', 'b'])
    expect(currentRevisions(graph, ['y', 'b'])).toEqual(['y', 'b'])
    expect(currentRevisions(graph, [])).toEqual([])
  })

  it('refuses to downgrade to a revision with nothing applied above it that is not a row', () => {
    expect(() => pinTarget(graph, 'downgrade', ['y'], 'b')).toThrow("Destination b is not a valid downgrade target from current head(s)")
    expect(pinTarget(graph, 'downgrade', ['y', 'b'], 'b').text).toBe('b')
    expect(planDowngrade(graph, ['y'], 'a').map((s) => s.revision.id)).toEqual(['y', 'b'])
  })
})

