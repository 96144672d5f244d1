import { describe, expect, it } from 'vitest'
import { pinTarget, resolveRevision, resolveRevisions } from '../../src/revision/index.js'
import { GRAPH_B, graphOf, LINEAR, TRANSCRIPT, TRANSCRIPT_BRANCHED } from './helpers.js'

const MULTIPLE_HEADS =
  "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"

type Expect = string[] | { code: string; message: string | RegExp }
const fails = (code: string, message: string | RegExp): Expect => ({ code, message })

function check(spec: string, identifier: string, expected: Expect, current?: string[]): void {
  const graph = graphOf(spec)
  const run = () => resolveRevisions(graph, identifier, current)
  if (Array.isArray(expected)) expect(run()).toEqual(expected)
  else {
    expect(run).toThrow(expect.objectContaining({ code: expected.code }))
    expect(run).toThrow(expected.message)
  }
}

describe('resolveRevisions on graph B', () => {
  const cases: [string, Expect][] = [
    ['heads', ['d2', 'd1']],
    ['head', fails('MULTIPLE_HEADS', MULTIPLE_HEADS)],
    ['base', []],
    ['a', ['a']],
    ['c1branch', ['c1']],
    ['c1branch@head', ['d1']],
    ['c1branch@heads', ['d1']],
    ['c1branch@base', []],
    ['c1@head', ['d1']],
    ['c2branch@b', ['b']],
    ['c2branch@d1', fails('NOT_ON_BRANCH', "Revision d1 is not a member of branch 'c2branch'")],
    ['x', fails('UNKNOWN_REVISION', "Can't locate revision identified by 'x'")],
    ['nope@head', fails('UNKNOWN_REVISION', "No such branch: 'nope'")],
    ['b+1', fails('AMBIGUOUS_WALK', /^Ambiguous walk: b branches into c1, c2/)],
    ['c1branch@b+1', ['c1']],
    ['base+2', ['b']],
    ['c2branch@base+3', ['c2']],
    ['head-1', fails('MULTIPLE_HEADS', MULTIPLE_HEADS)],
    ['c2branch@head-1', ['c2']],
    ['d1-2', ['b']],
    ['d1-4', []],
    ['d1-5', fails('BAD_RELATIVE', "Relative revision d1-5 didn't produce 5 migrations")],
    ['-1', ['c2', 'c1']],
    ['c1branch@-1', ['c1']],
    ['+1', fails('BAD_RELATIVE', /counts from the current revision/)],
    ['b+0', fails('BAD_RELATIVE', /does not move/)],
  ]
  it.each(cases)('%s', (identifier, expected) => check(GRAPH_B, identifier, expected))
})

describe('resolveRevisions: prefixes and the transcript repository', () => {
  const cases: [string, string, Expect][] = [
    [TRANSCRIPT, '1d', ['1ded3ec2110c']],
    [TRANSCRIPT, '1', fails('AMBIGUOUS_REVISION', "Multiple revisions start with '1': 1ded3ec2110c, 1fe10b17daf0; use more characters")],
    [TRANSCRIPT, 'deadbeef', fails('UNKNOWN_REVISION', "Can't locate revision identified by 'deadbeef'")],
    // As in Alembic, a prefix is matched against branch labels too.
    [TRANSCRIPT, 'side', fails('AMBIGUOUS_REVISION', "Multiple revisions start with 'side': side0001, sidelabel; use more characters")],
    [TRANSCRIPT, 'sidel', ['side0001']],
    [TRANSCRIPT, 'sidelabel@head', ['merge001']],
    [TRANSCRIPT, 'sidelabel', ['side0001']],
    [TRANSCRIPT, 'heads', ['merge001']],
    [TRANSCRIPT, 'head', ['merge001']],
    [TRANSCRIPT_BRANCHED, 'sidelabel@head', ['side0001']],
    [TRANSCRIPT_BRANCHED, 'heads', ['side0001', '50c4c4f14618']],
    [TRANSCRIPT_BRANCHED, 'cf02@head', fails('MULTIPLE_HEADS', /for given argument 'cf02@head' \(side0001, 50c4c4f14618\)/)],
    [TRANSCRIPT_BRANCHED, '1ded@head', ['50c4c4f14618']],
    // A prefix that is ambiguous overall can be narrowed by the branch (Alembic's `ebranch@some`).
    ['a\n some1 <- a #one\n some2 <- a #two', 'two@some', ['some2']],
  ]
  it.each(cases)('%#: %s', (_spec, identifier, expected) => check(_spec, identifier, expected))
})

describe('resolveRevisions with the current heads', () => {
  it('reads `current` and `+N` from the rows', () => {
    check(LINEAR, 'current', ['c'], ['c'])
    check(LINEAR, '+1', ['d'], ['c'])
    check(LINEAR, 'current', fails('USAGE', /'current' means the revisions in the database/))
    check(LINEAR, 'current', fails('UNKNOWN_REVISION', "Can't locate revision identified by 'bogus'"), ['bogus'])
  })
})

describe('resolveRevision', () => {
  it('returns one id, null for base, or the multiple-heads error', () => {
    expect(resolveRevision(graphOf(LINEAR), 'head')).toBe('e')
    expect(resolveRevision(graphOf(LINEAR), 'base')).toBeNull()
    expect(resolveRevision(graphOf(LINEAR), 'c-1')).toBe('b')
    expect(resolveRevision(graphOf(LINEAR), 'e')).toBe('e')
    expect(() => resolveRevision(graphOf(GRAPH_B), 'heads')).toThrow(/Multiple head revisions are present for given argument 'heads'/)
    expect(resolveRevision(graphOf(''), 'head')).toBeNull()
  })
})

describe('pinTarget', () => {
  const cases: [spec: string, direction: 'upgrade' | 'downgrade', current: string[], target: string, pinned: string][] = [
    [LINEAR, 'upgrade', ['a'], '+2', 'c'],
    [LINEAR, 'upgrade', ['a'], 'head', 'head'],
    [LINEAR, 'upgrade', ['a'], 'd-3', 'a'],
    [LINEAR, 'upgrade', [], '+1', 'a'],
    [LINEAR, 'downgrade', ['e'], '-2', 'e@c'],
    [LINEAR, 'downgrade', ['a'], '-1', 'a@base'],
    [GRAPH_B, 'downgrade', ['d1', 'd2'], 'c1branch@-1', 'c1branch@c1'],
    [GRAPH_B, 'downgrade', ['d1', 'd2'], 'c2branch@head-1', 'c2branch@c2'],
    [GRAPH_B, 'downgrade', ['d1', 'd2'], 'base+2', 'b'],
    [GRAPH_B, 'upgrade', ['c1'], 'c2branch@+1', 'c2'],
  ]
  it.each(cases)('%#: %s %s from %j → %s', (spec, direction, current, target, pinned) => {
    expect(pinTarget(graphOf(spec), direction, current, target).text).toBe(pinned)
  })
})
