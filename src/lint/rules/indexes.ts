import { operationOf, optionOf, serverName, type Rule } from './rule.js'

const NON_BLOCKING_ALGORITHMS = new Set(['INPLACE', 'INSTANT', 'NOCOPY'])

/** MIG104: CREATE/DROP INDEX without CONCURRENTLY on PostgreSQL. */
export const indexWithoutConcurrently: Rule = {
  code: 'MIG104',
  name: 'index-without-concurrently',
  summary: 'index created or dropped on PostgreSQL without { concurrently: true }',
  check(call, { target }) {
    const op = operationOf(call, 'createIndex', 'dropIndex')
    if (!op || target.dialect !== 'postgresql' || optionOf(call, 'concurrently') === true) return undefined
    const creating = op.kind === 'createIndex'
    return {
      severity: 'error',
      why: creating
        ? `CREATE INDEX '${op.name}' holds a SHARE lock on '${op.table}' for the whole build on ${serverName(target)}: every insert, update and delete waits until it is done`
        : `DROP INDEX '${op.name}' takes an ACCESS EXCLUSIVE lock on the table on ${serverName(target)}: it waits behind every running query and blocks all queries behind it`,
      recipe: `op.${op.kind}(..., { concurrently: true }) in a revision with transactional = false (CONCURRENTLY cannot run in a transaction); a failed concurrent build leaves an INVALID index to drop before retrying`,
    }
  },
}

/** MIG105: MySQL/MariaDB index changes without a non-blocking ALGORITHM/LOCK. */
export const mysqlIndexLocking: Rule = {
  code: 'MIG105',
  name: 'index-without-online-algorithm',
  summary: "index created or dropped on MySQL/MariaDB without { algorithm: 'INPLACE' | 'INSTANT', lock: 'NONE' }",
  check(call, { target }) {
    const op = operationOf(call, 'createIndex', 'dropIndex')
    if (!op || target.dialect !== 'mysql') return undefined
    const algorithm = String(optionOf(call, 'algorithm') ?? '').toUpperCase()
    const lock = String(optionOf(call, 'lock') ?? '').toUpperCase()
    if (NON_BLOCKING_ALGORITHMS.has(algorithm) && lock === 'NONE') return undefined
    return {
      severity: 'warning',
      why: `without ALGORITHM/LOCK, ${serverName(target)} picks how to ${op.kind === 'createIndex' ? 'build' : 'drop'} '${op.name}' itself and may copy the table or block writes (a FULLTEXT index or an old server does) instead of failing fast`,
      recipe: `op.${op.kind}(..., { algorithm: 'INPLACE', lock: 'NONE' }): the statement then fails at once when it cannot run online, instead of locking the table`,
    }
  },
}

/** MIG108: a unique constraint built on a table that has rows. */
export const uniqueOnFilledTable: Rule = {
  code: 'MIG108',
  name: 'unique-on-filled-table',
  summary: 'unique constraint (or unique column) added to a table that has rows',
  check(call, { target }) {
    const unique = operationOf(call, 'createUnique')
    const column = operationOf(call, 'addColumn')
    const index = operationOf(call, 'createIndex')
    const name = unique?.name ?? (column?.column.unique ? column.column.name : undefined) ?? (index?.unique && target.dialect !== 'postgresql' ? index.name : undefined)
    if (name === undefined) return undefined
    const postgres = target.dialect === 'postgresql'
    return {
      severity: postgres ? 'error' : 'warning',
      why: postgres
        ? `adding unique '${name}' builds its index while holding a lock that blocks writes on ${serverName(target)}, and fails on the first duplicate after the whole build`
        : `adding unique '${name}' fails on the first duplicate row on ${serverName(target)}, after reading the whole table`,
      recipe: postgres
        ? "op.createIndex(name, table, columns, { unique: true, concurrently: true }) (transactional = false), then add the constraint with op.execute('alter table ... add constraint ... unique using index ...'); remove duplicates first"
        : "remove the duplicates first, then create a unique index with { algorithm: 'INPLACE', lock: 'NONE' }",
    }
  },
}
