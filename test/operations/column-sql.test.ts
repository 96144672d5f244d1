import { describe, expect, it } from 'vitest'
import { columnTypeSql } from '../../src/operations/index.js'
import type { ColumnSpec } from '../../src/operations/types.js'

// Each neutral type maps to what MikroORM 6.6 emits for the matching property on that dialect
// (SQLite deliberately declares string lengths and datetime precision, which MikroORM leaves out)
// (checked against `orm.schema.getCreateSchemaSQL()`), so autogenerate sees no difference.
describe('columnTypeSql', () => {
  it.each<[Omit<ColumnSpec, 'name'>, string, string, string]>([
    // spec                                         sqlite        postgresql            mysql
    [{ type: 'integer' },                            'integer',    'int',                'int'],
    [{ type: 'bigint' },                             'bigint',     'bigint',             'bigint'],
    [{ type: 'smallint' },                           'integer',    'smallint',           'smallint'],
    [{ type: 'string' },                             'varchar(255)', 'varchar(255)',     'varchar(255)'],
    [{ type: 'string', length: 40 },                 'varchar(40)', 'varchar(40)',       'varchar(40)'],
    [{ type: 'text' },                               'text',       'text',               'text'],
    [{ type: 'boolean' },                            'integer',    'boolean',            'tinyint(1)'],
    [{ type: 'float' },                              'real',       'real',               'float'],
    [{ type: 'double' },                             'double',     'double precision',   'double'],
    [{ type: 'decimal' },                            'numeric(10,0)', 'numeric(10,0)',   'numeric(10,0)'],
    [{ type: 'decimal', precision: 8, scale: 2 },    'numeric(8,2)', 'numeric(8,2)',     'numeric(8,2)'],
    [{ type: 'date' },                               'date',       'date',               'date'],
    [{ type: 'time' },                               'time',       'time(0)',            'time'],
    [{ type: 'time', length: 3 },                    'time(3)',    'time(3)',            'time(3)'],
    [{ type: 'datetime' },                           'datetime',   'timestamptz',        'datetime'],
    [{ type: 'datetime', length: 6 },                'datetime(6)', 'timestamptz(6)',    'datetime(6)'],
    [{ type: 'json' },                               'json',       'jsonb',              'json'],
    [{ type: 'uuid' },                               'text',       'uuid',               'varchar(36)'],
    [{ type: 'blob' },                               'blob',       'bytea',              'blob'],
    [{ type: 'varchar(20)' },                        'varchar(20)', 'varchar(20)',       'varchar(20)'],
    [{ type: 'mediumtext', length: 9 },              'mediumtext', 'mediumtext',         'mediumtext'],
  ])('%o → %s | %s | %s', (spec, sqlite, postgresql, mysql) => {
    const column = { name: 'c', ...spec }
    expect([columnTypeSql('sqlite', column), columnTypeSql('postgresql', column), columnTypeSql('mysql', column)])
      .toEqual([sqlite, postgresql, mysql])
  })
})
