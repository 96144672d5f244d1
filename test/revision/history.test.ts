import { describe, expect, it } from 'vitest'
import { parseHistoryRange, parseRange, walkHistory, type HistoryBounds } from '../../src/revision/index.js'
import { graphOf, TRANSCRIPT, TRANSCRIPT_BRANCHED } from './helpers.js'

const LINEAR_3 = `
  cf02980d4903
  1ded3ec2110c <- cf02980d4903
  1fe10b17daf0 <- 1ded3ec2110c
`

/** Two independent labelled lines (Alembic's LabeledBranchTest). */
const LABELLED = `
  a #abranch
  b <- a
  somelongername <- b
  c <- somelongername
  d
  e <- d #ebranch
  someothername <- e
  f <- someothername
`

const cases: [name: string, spec: string, bounds: HistoryBounds, expected: string[]][] = [
  ['11: a line, newest first', LINEAR_3, {}, ['1fe10b17daf0', '1ded3ec2110c', 'cf02980d4903']],
  ['12: -r cf02980d4903:1ded3ec2110c', LINEAR_3, { start: 'cf02980d4903', end: '1ded3ec2110c' }, ['1ded3ec2110c', 'cf02980d4903']],
  ['12b: -r 1ded:', LINEAR_3, { start: '1ded' }, ['1fe10b17daf0', '1ded3ec2110c']],
  ['12c: -r current: (ids given)', LINEAR_3, { start: ['1fe10b17daf0'] }, ['1fe10b17daf0']],
  ['12c: -r current: (current heads given)', LINEAR_3, { start: 'current', currentHeads: ['1fe10b17daf0'] }, ['1fe10b17daf0']],
  ['-r current: at base shows everything', LINEAR_3, { start: 'current', currentHeads: [] }, ['1fe10b17daf0', '1ded3ec2110c', 'cf02980d4903']],
  ['-r :current', LINEAR_3, { end: 'current', currentHeads: ['1ded3ec2110c'] }, ['1ded3ec2110c', 'cf02980d4903']],
  ['26d: two branches', TRANSCRIPT_BRANCHED, {},
    ['side0001', '50c4c4f14618', '1fe10b17daf0', '1ded3ec2110c', 'cf02980d4903']],
  ['27i: -r current: with two heads', TRANSCRIPT_BRANCHED, { start: ['50c4c4f14618', 'side0001'] }, ['side0001', '50c4c4f14618']],
  ['28c: after the merge', TRANSCRIPT, {},
    ['merge001', 'side0001', '50c4c4f14618', '1fe10b17daf0', '1ded3ec2110c', 'cf02980d4903']],
  ['a branch from its branch point', TRANSCRIPT, { start: 'side0001' }, ['merge001', 'side0001']],
  ['up to one branch head', TRANSCRIPT_BRANCHED, { end: 'sidelabel@head' }, ['side0001', 'cf02980d4903']],
  ['a named base shows only that line', LABELLED, { start: 'ebranch@base' }, ['f', 'someothername', 'e', 'd']],
  ['a revision as a named base', LABELLED, { start: 'c@base' }, ['c', 'somelongername', 'b', 'a']],
  ['a named head to base', LABELLED, { end: 'abranch@head' }, ['c', 'somelongername', 'b', 'a']],
  ['a labelled revision to the heads', LABELLED, { start: 'ebranch@d' }, ['f', 'someothername', 'e', 'd']],
  ['the last two of each head', LABELLED, { start: '-1' }, ['f', 'someothername', 'c', 'somelongername']],
]

describe('walkHistory', () => {
  it.each(cases)('%s', (_name, spec, bounds, expected) => {
    expect(walkHistory(graphOf(spec), bounds).map((r) => r.id)).toEqual(expected)
  })

  it('fails on a range that is not along one line', () => {
    const run = () => walkHistory(graphOf(LINEAR_3), { start: '1fe1', end: 'cf02' })
    expect(run).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }))
    expect(run).toThrow('Requested range 1fe1:cf02 does not refer to ancestor/descendant revisions along the same branch')
    expect(() => walkHistory(graphOf(LINEAR_3), { start: 'current' })).toThrow(expect.objectContaining({ code: 'USAGE' }))
  })
})

describe('parseRange', () => {
  const cases: [string, { start: string | undefined; end: string | undefined }][] = [
    ['a:b', { start: 'a', end: 'b' }],
    ['1ded:', { start: '1ded', end: undefined }],
    [':head', { start: undefined, end: 'head' }],
    [' current : ', { start: 'current', end: undefined }],
    [':', { start: undefined, end: undefined }],
  ]
  it.each(cases)('%j', (text, expected) => expect(parseRange(text)).toEqual(expected))

  it('requires a colon, and only one', () => {
    expect(() => parseRange('1ded')).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }))
    expect(() => parseHistoryRange('1ded')).toThrow('History range requires [start]:[end], [start]:, or :[end]')
    expect(() => parseRange('a:b:c')).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }))
  })
})
