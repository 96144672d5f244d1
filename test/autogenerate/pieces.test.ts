import { describe, expect, it } from 'vitest'
import { isNarrowing } from '../../src/autogenerate/alter-column.js'
import { parseEnumCheck } from '../../src/autogenerate/corrections/enum-checks.js'
import { readConstraints } from '../../src/autogenerate/corrections/sqlite-ddl.js'
import { neutralDefault } from '../../src/autogenerate/neutral-column.js'
import { enumExpression } from '../../src/autogenerate/neutral-table.js'
import { byPhase } from '../../src/autogenerate/phases.js'
import { renderValue } from '../../src/operations/render-value.js'
import { applyOps } from '../../src/autogenerate/table-state.js'
import { reverseOperation as reverseOp } from '../../src/operations/entries.js'
import type { Operation } from '../../src/operations/operation.js'
import type { NormalizedTable } from '../../src/operations/table-model.js'

describe('reading SQLite CREATE TABLE text', () => {
  it('finds checks and foreign keys, named or not, inline or not, whatever the quoting', () => {
    const sql = `CREATE TABLE "book" ("id" integer not null primary key autoincrement, [title] text not null,
      \`kind\` text check (\`kind\` in ('a', 'b, c')) not null default 'a',
      "author_id" integer constraint "book_author_fk" references "author" ("id"),
      constraint "book_title_check" check (length(title) > 0 and title <> ')'),
      check (id > 0),
      constraint "book_pair_foreign" foreign key ("a", "b") references "pair" ("a", "b") on delete cascade,
      unique ("title"))`
    expect(readConstraints(sql)).toEqual([
      { name: undefined, kind: 'check', expression: "`kind` in ('a', 'b, c')", columns: ['kind'], inline: true },
      { name: 'book_author_fk', kind: 'foreign', columns: ['author_id'], inline: true },
      { name: 'book_title_check', kind: 'check', expression: "length(title) > 0 and title <> ')'", columns: [], inline: false },
      { name: undefined, kind: 'check', expression: 'id > 0', columns: [], inline: false },
      { name: 'book_pair_foreign', kind: 'foreign', columns: ['a', 'b'], inline: false },
      { name: undefined, kind: 'unique', columns: ['title'], inline: false },
    ])
  })
})

describe('enum checks', () => {
  it.each([
    ["kind in ('a', 'b')", { column: 'kind', items: ['a', 'b'] }],
    ["(`kind` in ('a','it''s'))", { column: 'kind', items: ['a', "it's"] }],
    [`"kind" IN ('x')`, { column: 'kind', items: ['x'] }],
    ['kind in (1, 2)', undefined],
    ["kind in ('a') or kind is null", undefined],
    ['price >= 0', undefined],
  ])('%s', (expression, expected) => {
    expect(parseEnumCheck(expression)).toEqual(expected)
  })

  it('writes a check every dialect reads, quoting only names that need it', () => {
    expect(enumExpression('kind', ['a', "it's"])).toBe("kind in ('a', 'it''s')")
    expect(enumExpression('order', ['x'])).toBe(`"order" in ('x')`)
    expect(parseEnumCheck(enumExpression('status', ['draft', 'live']))).toEqual({ column: 'status', items: ['draft', 'live'] })
  })
})

describe('defaults', () => {
  it.each([
    ["'draft'", 'string', { default: 'draft' }],
    ["'it''s'", 'string', { default: "it's" }],
    ['3', 'integer', { default: 3 }],
    ['1.50', 'decimal', { defaultRaw: '1.50' }],
    ['1', 'boolean', { default: true }],
    ['false', 'boolean', { default: false }],
    ['CURRENT_TIMESTAMP', 'datetime', { defaultRaw: 'CURRENT_TIMESTAMP' }],
    ['NULL', 'string', {}],
    [null, 'string', {}],
  ])('%s (%s)', (value, type, expected) => {
    expect(neutralDefault(value, type)).toEqual(expected)
  })
})

describe('destructive type changes', () => {
  it.each([
    [{ type: 'string', length: 256 }, { type: 'string', length: 128 }, true],
    [{ type: 'string', length: 128 }, { type: 'string' }, false],
    [{ type: 'string' }, { type: 'text' }, false],
    [{ type: 'text' }, { type: 'integer' }, true],
    [{ type: 'smallint' }, { type: 'bigint' }, false],
    [{ type: 'bigint' }, { type: 'integer' }, true],
    [{ type: 'decimal', precision: 12, scale: 2 }, { type: 'decimal', precision: 10, scale: 2 }, true],
    [{ type: 'float' }, { type: 'double' }, false],
  ])('%o → %o: %s', (from, to, expected) => {
    expect(isNarrowing({ name: 'c', ...from }, { name: 'c', ...to })).toBe(expected)
  })
})

describe('rendering values', () => {
  it('keeps short values on one line and breaks long ones', () => {
    expect(renderValue({ name: 'email', type: 'string', length: undefined, nullable: false })).toBe("{ name: 'email', type: 'string', nullable: false }")
    expect(renderValue(["kind in ('a')", 'a\\b\n'])).toBe(`["kind in ('a')", 'a\\\\b\\n']`)
    expect(renderValue({ 'odd-key': 1, list: Array.from({ length: 30 }, (_, i) => `column_${i}`) }, '')).toBe(
      `{\n  'odd-key': 1,\n  list: [\n${Array.from({ length: 30 }, (_, i) => `    'column_${i}',`).join('\n')}\n  ],\n}`,
    )
  })
})

describe('table state', () => {
  const table: NormalizedTable = {
    columns: [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'qty', type: 'string', length: 20 }],
    primaryKey: ['id'],
    indexes: [{ name: 'item_qty_index', columns: ['qty'] }],
    uniques: [],
    foreignKeys: [],
    checks: [],
  }
  const ops: Operation[] = [
    { kind: 'alterColumn', table: 'item', column: 'qty', changes: { type: 'integer', nullable: false, existing: table.columns[1]! }, previous: { type: 'string', length: 20, nullable: true } },
    { kind: 'addColumn', table: 'item', column: { name: 'owner_id', type: 'integer', references: { table: 'user', column: 'id' } } },
    { kind: 'dropIndex', table: 'item', name: 'item_qty_index', columns: ['qty'] },
  ]

  it('applies operations the way the operations API does', () => {
    expect(applyOps(table, ops)).toEqual({
      ...table,
      columns: [table.columns[0], { name: 'qty', type: 'integer', nullable: false }, { name: 'owner_id', type: 'integer' }],
      indexes: [],
      foreignKeys: [{ name: 'item_owner_id_foreign', columns: ['owner_id'], references: { table: 'user', columns: ['id'] } }],
    })
  })

  it('undoes every operation', () => {
    const after = applyOps(table, ops)
    const back = applyOps(after, [...ops].reverse().map(reverseOp).filter((op) => op.kind !== 'dropColumn'))
    expect(back.columns.slice(0, 2)).toEqual([table.columns[0], { name: 'qty', type: 'string', length: 20, nullable: true }])
    expect(back.indexes).toEqual(table.indexes)
  })

  it('undoes a table comment change: the old comment comes back, or none when there was none', () => {
    // [comment before the upgrade, the upgrade's operation, its reverse]
    const cases: [string | undefined, Operation, Operation][] = [
      [
        undefined,
        { kind: 'createTableComment', table: 'item', comment: 'things' },
        { kind: 'dropTableComment', table: 'item', existingComment: 'things' },
      ],
      [
        'stuff',
        { kind: 'createTableComment', table: 'item', comment: 'things', existingComment: 'stuff' },
        { kind: 'createTableComment', table: 'item', comment: 'stuff', existingComment: 'things' },
      ],
      [
        'stuff',
        { kind: 'dropTableComment', table: 'item', existingComment: 'stuff' },
        { kind: 'createTableComment', table: 'item', comment: 'stuff' },
      ],
    ]
    for (const [before, op, reverse] of cases) {
      expect(reverseOp(op)).toEqual(reverse)
      expect(applyOps({ ...table, comment: before }, [op, reverse]).comment).toBe(before)
    }
  })

  it('orders a downgrade by phase: keys before their index, before their column', () => {
    const key = { name: 'item_owner_id_foreign', columns: ['owner_id'], references: { table: 'user', columns: ['id'] } }
    const planned = [
      { op: { kind: 'dropIndex', table: 'item', name: 'item_owner_id_index', columns: ['owner_id'] } },
      { op: { kind: 'dropColumn', table: 'item', column: 'owner_id', existing: { name: 'owner_id', type: 'integer' } } },
      { op: { kind: 'dropForeignKey', table: 'item', name: key.name, columns: key.columns, referencedTable: 'user', referencedColumns: ['id'] } },
    ].map((entry) => ({ ...entry, notes: [] })) as { op: Operation; notes: string[] }[]
    expect(byPhase(planned).map(({ op }) => op.kind)).toEqual(['dropForeignKey', 'dropIndex', 'dropColumn'])
  })
})
