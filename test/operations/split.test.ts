import { describe, expect, it } from 'vitest'
import { splitStatements } from '../../src/operations/index.js'
import type { Dialect } from '../../src/operations/types.js'
import { sqlFor } from './helpers/recording.js'

const ALL: readonly Dialect[] = ['sqlite', 'postgresql', 'mysql']

describe('splitStatements', () => {
  it.each<[string, string, readonly Dialect[], string[]]>([
    ['a single statement', 'select 1', ALL, ['select 1']],
    ['a trailing semicolon and blanks', '  select 1 ;\n\n', ALL, ['select 1']],
    ['two statements', 'select 1; select 2;', ALL, ['select 1', 'select 2']],
    ['; inside a string', "insert into t values ('a;b'); select 2", ALL, ["insert into t values ('a;b')", 'select 2']],
    ['a doubled quote', "select 'it''s;'; select 2", ALL, ["select 'it''s;'", 'select 2']],
    ['; inside a quoted identifier', 'select "a;b" from t; select 2', ALL, ['select "a;b" from t', 'select 2']],
    ['; inside backticks', 'select `a;b` from t; select 2', ['sqlite', 'mysql'], ['select `a;b` from t', 'select 2']],
    ['; inside brackets', 'select [a;b] from t; select 2', ['sqlite'], ['select [a;b] from t', 'select 2']],
    ['a MySQL backslash escape', "select 'a\\';b'; select 2", ['mysql'], ["select 'a\\';b'", 'select 2']],
    ['a PostgreSQL E-string', "select E'a\\';b'; select 2", ['postgresql'], ["select E'a\\';b'", 'select 2']],
    ['a plain backslash', "select 'a\\'; select 2", ['sqlite', 'postgresql'], ["select 'a\\'", 'select 2']],
    ['dollar quotes', 'do $$ begin perform 1; end $$; select 2', ['postgresql'], ['do $$ begin perform 1; end $$', 'select 2']],
    ['tagged dollar quotes', 'select $x$a;$$;b$x$; select 2', ['postgresql'], ['select $x$a;$$;b$x$', 'select 2']],
    ['line comments', 'select 1; -- no; split\nselect 2', ALL, ['select 1', '-- no; split\nselect 2']],
    ['MySQL # comments', 'select 1; # no; split\nselect 2', ['mysql'], ['select 1', '# no; split\nselect 2']],
    ['block comments', 'select /* a; b */ 1; select 2', ALL, ['select /* a; b */ 1', 'select 2']],
    ['nested PostgreSQL comments', 'select /* a /* b; */ c; */ 1; select 2', ['postgresql'], ['select /* a /* b; */ c; */ 1', 'select 2']],
    ['comment-only pieces', 'select 1; -- the end\n', ALL, ['select 1']],
    ['nothing', ' ; ', ALL, []],
    ['transaction control', 'begin; select 1; commit', ALL, ['begin', 'select 1', 'commit']],
    ['begin transaction', 'begin immediate transaction; select 1', ALL, ['begin immediate transaction', 'select 1']],
  ])('splits %s', (_, sql, dialects, expected) => {
    for (const dialect of dialects) expect(splitStatements(dialect, sql), dialect).toEqual(expected)
  })

  it.each<[string, string]>([
    ['a trigger body', 'create trigger t after insert on a begin update b set n = n + 1; delete from c; end; select 1'],
    ['an unterminated string', "select 'a; select 2"],
    ['an unterminated comment', 'select 1; /* select 2'],
  ])('passes %s through whole', (_, sql) => {
    for (const dialect of ALL) expect(splitStatements(dialect, sql)).toEqual([sql])
  })
})

describe('execute', () => {
  it('runs each statement of a script separately', async () => {
    const sql = await sqlFor((op) => op.execute("update t set a = 'x;y'; delete from u"))
    expect(sql.sqlite).toEqual(["update t set a = 'x;y'", 'delete from u'])
  })

  it('refuses anything but a string', async () => {
    await expect(sqlFor((op) => op.execute(42 as never))).rejects.toMatchObject({ code: 'BAD_OPERATION' })
  })
})
