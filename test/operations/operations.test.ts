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

describe('operationSql', () => {
  it('renders an operation given as data, as autogenerate will', () => {
    const operation: Operation = { kind: 'createIndex', name: 'post_title_index', table: 'post', columns: ['title'], unique: true }
    expect(operationSql('sqlite', operation)).toEqual(['create unique index "post_title_index" on "post" ("title")'])
  })
})
