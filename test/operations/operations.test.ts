import { describe, expect, it } from 'vitest'
import { createOperations, operationSql, type Operation } from '../../src/operations/index.js'
import { recordingExecutor } from './helpers/recording.js'

describe('createOperations', () => {
  it('tells the revision where it runs', () => {
    const op = createOperations(recordingExecutor('postgresql'))
    expect([op.dialect, op.offline]).toEqual(['postgresql', true])
    expect(Object.isFrozen(op)).toBe(true)
  })

  it('hands the executor one statement per call', async () => {
    const executor = recordingExecutor('postgresql')
    const op = createOperations(executor)
    await op.addColumn('user', { name: 'email', type: 'string', unique: true, comment: 'login' })
    expect(executor.statements).toHaveLength(3)
    for (const statement of executor.statements) expect(statement).not.toMatch(/;\s*\S/)
  })

  it('checks all of an operation before running any of it', async () => {
    const executor = recordingExecutor('sqlite')
    const op = createOperations(executor)
    await expect(op.bulkInsert('t', [{ a: 1 }, { b: 2 }, { a: NaN }])).rejects.toMatchObject({ code: 'BAD_OPERATION' })
    expect(executor.statements).toEqual([])
  })

  it('never reads from the database, so everything works offline', async () => {
    // recordingExecutor's query() throws; every operation of the core set runs through it.
    const executor = recordingExecutor('mysql')
    const op = createOperations(executor)
    await op.createTable('t', [{ name: 'id', type: 'integer', autoincrement: true }, { name: 'a', type: 'string' }])
    await op.addColumn('t', { name: 'b', type: 'integer' })
    await op.renameColumn('t', 'b', 'c')
    await op.dropColumn('t', 'c')
    await op.createIndex('t_a_index', 't', ['a'])
    await op.dropIndex('t_a_index', 't')
    await op.bulkInsert('t', [{ a: 'x' }])
    await op.execute('update `t` set a = 1; delete from `t`')
    await op.renameTable('t', 'u')
    await op.dropTable('u')
    expect(executor.statements).toHaveLength(11)
  })
})

describe('the operations added for autogenerate', () => {
  it('never read from the database on PostgreSQL and MySQL/MariaDB', async () => {
    for (const dialect of ['postgresql', 'mysql'] as const) {
      const executor = recordingExecutor(dialect)
      const op = createOperations(executor)
      await op.alterColumn('t', 'a', { type: 'text', nullable: false, existing: { name: 'a', type: 'string' } })
      await op.createUnique('t_a_unique', 't', ['a'])
      await op.dropUnique('t_a_unique', 't')
      await op.createCheck('t_a_check', 't', "a <> ''")
      await op.dropCheck('t_a_check', 't')
      await op.createForeignKey('t_b_foreign', 't', ['b'], 'u', ['id'])
      await op.dropForeignKey('t_b_foreign', 't')
      await op.batchAlterTable('t', (batch) => batch.renameColumn('a', 'c'))
      expect(executor.statements).toHaveLength(dialect === 'mysql' ? 8 : 9)
    }
  })

  it('write nothing on SQLite for what SQLite does not have (comments, unsigned)', async () => {
    const executor = recordingExecutor('sqlite')
    await createOperations(executor).alterColumn('t', 'a', { comment: 'note', unsigned: true })
    expect(executor.statements).toEqual([])
  })

  it('need a function for the batch body', async () => {
    const op = createOperations(recordingExecutor('sqlite'))
    await expect(op.batchAlterTable('t', undefined as never)).rejects.toMatchObject({ code: 'BAD_OPERATION' })
  })
})

describe('operationSql', () => {
  it('renders a SQLite batch given as data, from its copyFrom', () => {
    const operation: Operation = {
      kind: 'batchAlterTable',
      table: 'tag',
      changes: [{ kind: 'createCheck', name: 'tag_label_check', expression: "label <> ''" }],
      options: { copyFrom: { columns: [{ name: 'id', type: 'integer', primary: true }, { name: 'label', type: 'text' }] } },
    }
    expect(operationSql('sqlite', operation)).toEqual([
      `create table "_mig_tmp_tag" ("id" integer not null, "label" text null, primary key ("id"), constraint "tag_label_check" check (label <> ''))`,
      'insert into "_mig_tmp_tag" ("id", "label") select "id", "label" from "tag"',
      'drop table "tag"',
      'pragma legacy_alter_table = on',
      'alter table "_mig_tmp_tag" rename to "tag"',
      'pragma legacy_alter_table = off',
    ])
  })

  it('renders an operation given as data, as autogenerate will', () => {
    const operation: Operation = { kind: 'createIndex', name: 'post_title_index', table: 'post', columns: ['title'], unique: true }
    expect(operationSql('sqlite', operation)).toEqual(['create unique index "post_title_index" on "post" ("title")'])
  })
})
