import { describe, expect, it } from 'vitest'
import { raw, renderLiteral } from '../../src/operations/index.js'
import type { Dialect } from '../../src/operations/types.js'
import { sqlFor } from './helpers/recording.js'

describe('renderLiteral', () => {
  const date = new Date('2024-02-03T04:05:06.789Z')
  it.each<[string, unknown, string, string, string]>([
    // what                 value                       sqlite                 postgresql                      mysql
    ['null',                null,                       'null',                'null',                         'null'],
    ['undefined',           undefined,                  'null',                'null',                         'null'],
    ['an integer',          42,                         '42',                  '42',                           '42'],
    ['a float',             -1.5,                       '-1.5',                '-1.5',                         '-1.5'],
    ['a bigint',            2n ** 63n - 1n,             '9223372036854775807', '9223372036854775807',          '9223372036854775807'],
    ['a boolean',           false,                      'false',               'false',                        'false'],
    ['a quote',             "it's",                     "'it''s'",             "'it''s'",                      "'it''s'"],
    ['a backslash',         'C:\\dir',                  "'C:\\dir'",           "E'C:\\\\dir'",                 "'C:\\\\dir'"],
    ['a newline',           'a\nb',                     "'a\nb'",              "'a\nb'",                       "'a\nb'"],
    ['unicode',             'größe ✓',                  "'größe ✓'",           "'größe ✓'",                    "'größe ✓'"],
    ['a NUL',               'a\0b',                     "cast(X'610062' as text)", '(error)',                  "'a\\0b'"],
    ['a Date (UTC)',        date,                       '1706933106789',       "'2024-02-03T04:05:06.789Z'",   "'2024-02-03 04:05:06.789'"],
    ['bytes',               Uint8Array.of(0, 255),      "X'00ff'",             "E'\\\\x00ff'",                 "X'00ff'"],
    ['an object (JSON)',    { a: [1, "x'"] },           `'{"a":[1,"x''"]}'`,   `'{"a":[1,"x''"]}'`,            `'{"a":[1,"x''"]}'`],
    ['raw SQL',             raw('current_timestamp'),   'current_timestamp',   'current_timestamp',            'current_timestamp'],
  ])('%s', (_, value, sqlite, postgresql, mysql) => {
    const render = (dialect: Dialect) => {
      try {
        return renderLiteral(dialect, value)
      } catch {
        return '(error)'
      }
    }
    expect([render('sqlite'), render('postgresql'), render('mysql')]).toEqual([sqlite, postgresql, mysql])
  })

  it.each([NaN, Infinity, Symbol('x'), () => 1, new Date('nope')])('refuses %s', (value) => {
    expect(() => renderLiteral('sqlite', value)).toThrow(expect.objectContaining({ code: 'BAD_OPERATION' }))
  })
})

describe('bulkInsert', () => {
  it('writes one multi-row insert per run of rows with the same columns', async () => {
    const sql = await sqlFor((op) =>
      op.bulkInsert('user', [
        { id: 1, name: 'Ann', active: true },
        { name: "O'Brien", id: 2, active: false },
        { id: 3, name: 'Cy' },
        { id: 4, name: 'Di', active: undefined },
        {},
      ]),
    )
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "insert into \`user\` (\`id\`, \`name\`, \`active\`) values (1, 'Ann', true), (2, 'O''Brien', false)",
          "insert into \`user\` (\`id\`, \`name\`) values (3, 'Cy'), (4, 'Di')",
          "insert into \`user\` () values ()",
        ],
        "postgresql": [
          "insert into "user" ("id", "name", "active") values (1, 'Ann', true), (2, 'O''Brien', false)",
          "insert into "user" ("id", "name") values (3, 'Cy'), (4, 'Di')",
          "insert into "user" default values",
        ],
        "sqlite": [
          "insert into "user" ("id", "name", "active") values (1, 'Ann', true), (2, 'O''Brien', false)",
          "insert into "user" ("id", "name") values (3, 'Cy'), (4, 'Di')",
          "insert into "user" default values",
        ],
      }
    `)
  })

  it('splits long inserts into statements of 500 rows', async () => {
    const rows = Array.from({ length: 1201 }, (_, id) => ({ id }))
    const { sqlite } = await sqlFor((op) => op.bulkInsert('t', rows))
    expect(sqlite.map((statement) => statement.split('), (').length)).toEqual([500, 500, 201])
  })

  it('does nothing for no rows', async () => {
    expect(await sqlFor((op) => op.bulkInsert('t', []))).toEqual({ sqlite: [], postgresql: [], mysql: [] })
  })

  it('names the row and column of a value it cannot write', async () => {
    const error = await sqlFor((op) => op.bulkInsert('t', [{ a: 1 }, { a: NaN }])).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_OPERATION', message: expect.stringContaining("bulkInsert('t'): row 2, column 'a'") })
  })
})
