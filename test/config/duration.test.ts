import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../src/config/duration.js'
import { resolveConfig } from '../../src/config/load.js'

describe('lockTimeout and statementTimeout', () => {
  it.each([
    [1500, 1500],
    ['500ms', 500],
    ['5s', 5000],
    ['1.5s', 1500],
    ['2min', 120_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['250', 250],
    [0, undefined],
    [-5, undefined],
    ['soon', undefined],
    ['5 seconds', undefined],
    [null, undefined],
  ])('%j is %j ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms)
  })

  it('are read from the config in milliseconds, and a bad one names the option', async () => {
    const config = await resolveConfig({ lockTimeout: '2s', statementTimeout: 60_000 }, { root: '/app' })
    expect([config.lockTimeout, config.statementTimeout]).toEqual([2000, 60_000])
    expect((await resolveConfig({}, { root: '/app' })).lockTimeout).toBeUndefined()
    await expect(resolveConfig({ lockTimeout: '2 secs' }, { root: '/app' })).rejects.toMatchObject({
      code: 'BAD_CONFIG',
      message: `lockTimeout "2 secs" is not a duration: give milliseconds (1500) or a string such as '500ms', '5s', '2min'`,
    })
  })
})
