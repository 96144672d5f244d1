import type { ColumnChanges, ColumnSpec } from '../../operations/types.js'
import { atLeast, columnName, operationOf, serverName, type Rule, type RuleContext } from './rule.js'

// PostgreSQL functions whose value differs per row: a column default with one must be
// computed for every existing row, which rewrites the table even where defaults are fast (11+).
const VOLATILE = /\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval|txid_current)\s*\(/i

/** MIG101: a NOT NULL column without a default, added to a table that has rows. */
export const addRequiredColumn: Rule = {
  code: 'MIG101',
  name: 'add-required-column',
  summary: 'NOT NULL column without a default added to an existing table',
  check(call, { target }) {
    const op = operationOf(call, 'addColumn')
    if (!op) return undefined
    const { column } = op
    if (column.nullable !== false || column.autoincrement || hasDefault(column)) return undefined
    const mysql = target.dialect === 'mysql'
    return {
      severity: mysql ? 'warning' : 'error',
      why: mysql
        ? `adds NOT NULL column ${columnName(op.table, column.name)} without a default: ${serverName(target)} fills the existing rows with the type's zero value ('' or 0), which the code cannot tell from real data`
        : `adds NOT NULL column ${columnName(op.table, column.name)} without a default: the existing rows have no value for it, so the ALTER fails on ${serverName(target)}`,
      recipe: 'add the column nullable (or with a default), backfill it in batches, then make it NOT NULL (on PostgreSQL through a validated check, see MIG107)',
    }
  },
}

/** MIG102: a default that makes PostgreSQL rewrite the table. */
export const volatileDefault: Rule = {
  code: 'MIG102',
  name: 'add-column-rewriting-default',
  summary: 'column added with a default that rewrites the table (a volatile default, or any default before PostgreSQL 11)',
  check(call, { target }) {
    const op = operationOf(call, 'addColumn')
    if (!op || target.dialect !== 'postgresql' || !hasDefault(op.column)) return undefined
    const volatile = typeof op.column.defaultRaw === 'string' && VOLATILE.test(op.column.defaultRaw)
    if (atLeast(target, 11) && !volatile) return undefined
    const what = volatile ? `the volatile default ${op.column.defaultRaw}` : 'a default'
    return {
      severity: 'error',
      why: `on ${serverName(target)} adding ${columnName(op.table, op.column.name)} with ${what} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is done${volatile ? '' : ' (PostgreSQL 11+ stores a constant default without a rewrite)'}`,
      recipe: 'add the column without a default (or with a constant one), set the default in a second ALTER, then backfill the existing rows in batches',
    }
  },
}

/** MIG103: a type change that rewrites (PostgreSQL) or copies (MySQL/MariaDB) the table. */
export const changeColumnType: Rule = {
  code: 'MIG103',
  name: 'change-column-type',
  summary: 'column type change that rewrites or copies the table (PostgreSQL: widening a varchar or making it text is safe)',
  check(call, { target }) {
    const op = operationOf(call, 'alterColumn')
    if (!op || target.dialect === 'sqlite' || !changesType(op.changes)) return undefined
    const safe = target.dialect === 'postgresql' ? postgresSafe(op.changes) : mysqlSafe(op.changes)
    if (safe) return undefined
    const column = columnName(op.table, op.column)
    return target.dialect === 'postgresql'
      ? {
          severity: 'error',
          why: `changing the type of ${column} makes ${serverName(target)} rewrite the table and its indexes under an ACCESS EXCLUSIVE lock (only widening a varchar, dropping its length or widening a numeric is free)${op.changes.existing ? '' : "; without 'existing' in the call mig cannot tell the old type"}`,
          recipe: 'add a new column of the new type, write to both from the code, backfill in batches, switch the reads, then drop the old column (expand/contract)',
        }
      : {
          severity: 'error',
          why: `changing the type of ${column} makes ${serverName(target)} copy the whole table (ALGORITHM=COPY) and block writes while it does (only widening a varchar within the same length-byte size is in place)`,
          recipe: 'add a new column of the new type, backfill in batches, switch the code, then drop the old column (expand/contract); or use an online schema change tool (gh-ost, pt-online-schema-change)',
        }
  },
}

/** MIG107: SET NOT NULL on PostgreSQL scans the table under its strongest lock. */
export const setNotNull: Rule = {
  code: 'MIG107',
  name: 'set-not-null',
  summary: 'existing column made NOT NULL on PostgreSQL without a validated check first',
  check(call, context: RuleContext) {
    const op = operationOf(call, 'alterColumn')
    const { target } = context
    if (!op || target.dialect !== 'postgresql' || op.changes.nullable !== false || op.changes.existing?.nullable === false) return undefined
    if (atLeast(target, 12) && context.validatedNotNull.has(`${op.table}.${op.column}`)) return undefined
    return {
      severity: 'error',
      why: `SET NOT NULL on ${columnName(op.table, op.column)} scans every row while holding an ACCESS EXCLUSIVE lock on ${serverName(target)}: reads and writes wait for the whole scan`,
      recipe: `add a check "${op.column} is not null" with { notValid: true }, op.validateConstraint() it (in a later revision), then set NOT NULL, which PostgreSQL 12+ does without a scan, and drop the check`,
    }
  },
}

function hasDefault(column: ColumnSpec): boolean {
  return (column.default !== undefined && column.default !== null) || (typeof column.defaultRaw === 'string' && column.defaultRaw !== '')
}

function changesType(changes: ColumnChanges): boolean {
  return changes.type !== undefined || changes.length !== undefined || changes.precision !== undefined || changes.scale !== undefined
}

const STRING = /^(string|varchar|character varying)$/i

function isString(type: string | undefined): boolean {
  return type !== undefined && STRING.test(type)
}

function postgresSafe(changes: ColumnChanges): boolean {
  const before = changes.existing
  const type = changes.type ?? before?.type
  if (!before) return false
  if (type === 'text') return isString(before.type) || before.type === 'text'
  if (isString(type) && isString(before.type)) return (changes.length ?? 255) >= (before.length ?? 255)
  if (type === 'decimal' && before.type === 'decimal') {
    return (changes.scale ?? before.scale ?? 0) === (before.scale ?? 0) && (changes.precision ?? before.precision ?? 10) >= (before.precision ?? 10)
  }
  return false
}

// A utf8mb4 varchar of up to 63 characters keeps its length in one byte, longer ones in two:
// MySQL/MariaDB widen in place only within one of those sizes.
function mysqlSafe(changes: ColumnChanges): boolean {
  const before = changes.existing
  const type = changes.type ?? before?.type
  if (!before || !isString(type) || !isString(before.type)) return false
  const [from, to] = [before.length ?? 255, changes.length ?? 255]
  return to >= from && (to <= 63) === (from <= 63)
}
