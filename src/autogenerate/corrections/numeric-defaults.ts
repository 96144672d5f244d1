import { pruneEmpty } from './table-difference.js'
import type { Correction } from './types.js'

const NUMERIC = new Set(['IntegerType', 'SmallIntType', 'TinyIntType', 'MediumIntType', 'BigIntType', 'FloatType', 'DoubleType', 'DecimalType'])

/**
 * A number default written as a string in the model (`p.decimal().default('0.00')`) is
 * `'0.00'` there and `0.00` in PostgreSQL's and MariaDB's catalogs; the comparator compares the
 * text and never converges. For numeric columns the values are compared instead.
 */
export const numericDefaults: Correction = {
  name: 'numeric-defaults',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  amend(diff) {
    for (const difference of Object.values(diff.changedTables)) {
      for (const change of Object.values(difference.changedColumns)) {
        if (!change.changedProperties.has('default') || !NUMERIC.has(change.column.mappedType?.constructor?.name ?? '')) continue
        const from = numberOf(change.fromColumn.default)
        const to = numberOf(change.column.default)
        if (from !== undefined && from === to) change.changedProperties.delete('default')
      }
    }
    pruneEmpty(diff)
  },
}

function numberOf(value: string | null | undefined): number | undefined {
  const text = value?.toString().trim().replace(/^\((.*)\)$/, '$1').replace(/^'(.*)'$/, '$1').replace(/::[\w ]+$/, '')
  return text !== undefined && text !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined
}
