import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../src/revision/index.js'
import { GRAPH_B, graphOf, header, headers, TRANSCRIPT, TRANSCRIPT_BRANCHED } from './helpers.js'

describe('buildGraph: structure', () => {
  it('indexes the transcript repository after the merge (28b, 28c)', () => {
    const g = graphOf(TRANSCRIPT)
    expect(g.size).toBe(6)
    expect(g.heads).toEqual(['merge001'])
    expect(g.realHeads).toEqual(['merge001'])
    expect(g.bases).toEqual(['cf02980d4903'])
    expect(g.isBranchPoint('cf02980d4903')).toBe(true)
    expect(g.isMergePoint('merge001')).toBe(true)
    expect(g.children('cf02980d4903')).toEqual(['1ded3ec2110c', 'side0001'])
    expect(g.parentsOf('merge001')).toEqual(['side0001', '50c4c4f14618'])
    expect(g.get('side0001')?.path).toBe('/app/migrations/versions/side0001_x.ts')
    expect(g.get('nope')).toBeUndefined()
    expect(g.has('nope')).toBe(false)
    expect(() => g.require('nope')).toThrow("Can't locate revision identified by 'nope'")
  })

  it('lists heads newest first, as `heads` printed them (26)', () => {
    expect(graphOf(TRANSCRIPT_BRANCHED).heads).toEqual(['side0001', '50c4c4f14618'])
  })

  it('orders revisions oldest first, each branch whole', () => {
    expect(graphOf(GRAPH_B).revisions.map((r) => r.id)).toEqual(['a', 'b', 'c1', 'd1', 'c2', 'd2'])
    expect(graphOf(GRAPH_B).newestFirst()).toEqual(['d2', 'c2', 'd1', 'c1', 'b', 'a'])
  })

  it('gives the same graph whatever order the files come in', () => {
    const list = headers(GRAPH_B)
    const a = buildGraph(list)
    const b = buildGraph([...list].reverse())
    expect(b.revisions.map((r) => r.id)).toEqual(a.revisions.map((r) => r.id))
    expect(b.heads).toEqual(a.heads)
  })

  it('tells real heads from effective heads (named only in dependsOn)', () => {
    const g = graphOf(`
      a1
      b1
      a2 <- a1 dep:b1
    `)
    expect(g.heads).toEqual(['a2', 'b1'])
    expect(g.realHeads).toEqual(['a2'])
    expect(g.effectiveHeads).toEqual(['b1'])
    expect([g.isRealHead('a2'), g.isEffectiveHead('b1'), g.isHead('b1'), g.isRealHead('b1')]).toEqual([true, true, true, false])
    expect(g.dependents('b1')).toEqual(['a2'])
    expect(g.isAncestor('b1', 'a2')).toBe(true)
    expect(g.isAncestor('a2', 'b1')).toBe(false)
  })
})

describe('buildGraph: branch labels', () => {
  const cases: [name: string, spec: string, expected: Record<string, string[]>][] = [
    ['a spliced branch keeps its label off the branch point; a merge carries it (28b/28c)', TRANSCRIPT,
      { cf02980d4903: [], '1ded3ec2110c': [], '50c4c4f14618': [], side0001: ['sidelabel'], merge001: ['sidelabel'] }],
    ['labels stop at the branch point of graph B', GRAPH_B,
      { a: [], b: [], c1: ['c1branch'], d1: ['c1branch'], c2: ['c2branch'], d2: ['c2branch'] }],
    ['a merge carries the labels of every merged branch', `${GRAPH_B}\n e <- d1 d2\n f <- e`,
      { e: ['c1branch', 'c2branch'], f: ['c1branch', 'c2branch'], b: [] }],
    ['a label mid-line is carried down to the base and up to the head', 'a\n b <- a #line\n c <- b',
      { a: ['line'], b: ['line'], c: ['line'] }],
    ['carrying down stops before a branch point', 'a\n b <- a\n c <- b\n x <- a\n d <- c #top',
      { a: [], b: ['top'], c: ['top'], d: ['top'], x: [] }],
    ['a label on a merge is not carried to its parents', 'a\n p <- a\n q <- a\n m <- p q #ml',
      { p: [], q: [], m: ['ml'] }],
    ['a label on a base covers everything above it', `a #root\n b <- a\n c1 <- b\n c2 <- b`,
      { a: ['root'], b: ['root'], c1: ['root'], c2: ['root'] }],
    ['a fork above the labelled revision keeps the label off its ancestors (Alembic walks down from a tip)',
      'a\n b <- a #mid\n c <- b\n d1 <- c\n d2 <- c',
      { a: [], b: ['mid'], c: ['mid'], d1: ['mid'], d2: ['mid'] }],
    ['so does a merge above it', 'a\n b <- a #mid\n x <- a\n m <- b x',
      { a: [], b: ['mid'], x: [], m: ['mid'] }],
    ['and a revision above it with a child and a dependent', 'a\n b <- a #mid\n c <- b\n d <- c\n y\n z <- y dep:c',
      { a: [], b: ['mid'], c: ['mid'], d: ['mid'], z: [] }],
    ['but a tip with one dependent does not stop it', 'a\n b <- a #mid\n c <- b\n y\n z <- y dep:c',
      { a: ['mid'], b: ['mid'], c: ['mid'], z: [] }],
    ['a dependent revision does not inherit labels through dependsOn', 'a #x\n b\n c <- b dep:a',
      { a: ['x'], b: [], c: [] }],
  ]
  it.each(cases)('%s', (_name, spec, expected) => {
    const g = graphOf(spec)
    for (const [id, labels] of Object.entries(expected)) expect([id, g.labelsOf(id)]).toEqual([id, labels])
  })

  it('knows who declares a label', () => {
    const g = graphOf(GRAPH_B)
    expect([g.labelOwner('c2branch'), g.isLabel('c2branch'), g.isLabel('nope')]).toEqual(['c2', true, false])
    expect(g.branchLabels).toEqual(['c1branch', 'c2branch'])
  })
})

describe('buildGraph: dependsOn', () => {
  it('resolves ids, unique prefixes and labels', () => {
    const g = graphOf(`
      aaaa1111 #lib
      bbbb2222
      cccc3333
      x <- cccc3333 dep:lib dep:bbbb dep:cccc3333
    `)
    expect(g.dependenciesOf('x')).toEqual(['aaaa1111', 'bbbb2222'])
  })

  // Alembic's rule, checked against Alembic 1.8.1's RevisionMap: a dependency an ancestor
  // (through parents) already declares goes; one that is merely an ancestor stays.
  it('drops a dependency an ancestor already declares (Alembic #789)', () => {
    const g = graphOf(`
      a1
      a2 <- a1
      a3 <- a2
      b1
      b2 <- b1 dep:a3
      b3 <- b2
      b4 <- b3 dep:a3
      b5 <- b4 dep:a1 dep:a3
    `)
    expect(g.dependenciesOf('b2')).toEqual(['a3'])
    expect(g.dependenciesOf('b4')).toEqual([])
    expect(g.allDependenciesOf('b4')).toEqual(['a3'])
    expect(g.dependenciesOf('b5')).toEqual(['a1'])
  })

  it('drops a dependency that is also a parent, and keeps one below another dependency', () => {
    const g = graphOf('a1\n a2 <- a1 dep:a1\n b1\n b2 <- b1\n c <- dep:b1 dep:b2')
    expect(g.dependenciesOf('a2')).toEqual([])
    expect(g.dependenciesOf('c')).toEqual(['b1', 'b2'])
  })
})

describe('buildGraph: errors', () => {
  const cases: [name: string, input: () => unknown, code: string, message: string | RegExp][] = [
    ['duplicate id, naming both files',
      () => buildGraph([header('a'), { ...header('a'), path: '/app/migrations/versions/a_copy.ts' }]),
      'DUPLICATE_REVISION', /^Revision a is present more than once: \/app\/migrations\/versions\/a_x\.ts and \/app\/migrations\/versions\/a_copy\.ts/],
    ['missing parent, naming the file and the id', () => graphOf('a\n b <- zz'),
      'MISSING_PARENT', /^Revision zz referenced from \/app\/migrations\/versions\/b_x\.ts is not present/],
    ['missing dependency', () => graphOf('a\n b <- a dep:zz'),
      'MISSING_PARENT', /^Revision zz referenced from \/app\/migrations\/versions\/b_x\.ts is not present/],
    ['ambiguous dependency prefix', () => graphOf('ab1\n ab2\n c dep:ab'),
      'AMBIGUOUS_REVISION', /matches several revisions \(ab1, ab2\)/],
    ['self-loop', () => graphOf('a\n b <- b'), 'CYCLE', 'Self-loop is detected in revisions (b)'],
    ['dependency self-loop', () => graphOf('a dep:a'), 'CYCLE', 'Dependency self-loop is detected in revisions (a)'],
    ['cycle', () => graphOf('a <- c\n b <- a\n c <- b\n d\n e <- d'), 'CYCLE', 'Cycle is detected in revisions (a, b, c)'],
    ['cycle with revisions built on top of it', () => graphOf('a <- c\n b <- a\n c <- b\n x <- c\n y <- x'),
      'CYCLE', 'Cycle is detected in revisions (a, b, c)'],
    ['dependency cycle', () => graphOf('a\n b <- a dep:c\n c <- a dep:b'), 'CYCLE', 'Dependency cycle is detected in revisions (b, c)'],
    ['dependency cycle through a parent', () => graphOf('a dep:c\n b <- a\n c <- b'),
      'CYCLE', 'Dependency cycle is detected in revisions (a, b, c)'],
    ['label claimed twice', () => graphOf('a #x\n b <- a #x'),
      'DUPLICATE_LABEL', /^Branch name 'x' in revision b already used by revision a /],
    ['label equal to a revision id', () => graphOf('a\n b <- a #a'),
      'DUPLICATE_LABEL', /^Branch name 'a' in revision b already used by revision a /],
    ['illegal character in an id', () => graphOf('a-1'), 'BAD_REVISION_FILE', /Revision identifier 'a-1' in .* is not valid/],
    ['reserved label', () => graphOf('a #head'), 'BAD_REVISION_FILE', /Branch name 'head' in .* is not valid/],
  ]
  it.each(cases)('%s', (_name, input, code, message) => {
    expect(input).toThrow(expect.objectContaining({ name: 'MigError', code }))
    expect(input).toThrow(message)
  })

  it('accepts an empty repository', () => {
    const g = buildGraph([])
    expect([g.heads, g.bases, g.revisions]).toEqual([[], [], []])
  })
})
