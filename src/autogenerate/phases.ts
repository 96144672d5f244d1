import type { PlannedOp, SchemaOp } from './types.js'

/**
 * The order operations run in inside one table: what depends on an object is dropped before
 * it and created after it (a foreign key needs its columns and, on MySQL, its index; a check
 * needs its column). A table comment depends on nothing and goes last.
 */
export const PHASES = [
  'dropForeignKey', 'dropCheck', 'dropIndex', 'addColumn', 'alterColumn', 'dropColumn', 'createIndex', 'createCheck', 'createForeignKey',
  'tableComment',
] as const

export type Phase = (typeof PHASES)[number]

/**
 * The phase an operation belongs to (unique constraints go with indexes, both table comment
 * operations in one phase).
 *
 * @example
 * phaseOf({ kind: 'createUnique', table: 'user', unique: { name: 'user_email_unique', columns: ['email'] } }) // => 'createIndex'
 */
export function phaseOf(op: SchemaOp): Phase {
  switch (op.kind) {
    case 'dropUnique':
      return 'dropIndex'
    case 'createUnique':
      return 'createIndex'
    case 'createTableComment':
    case 'dropTableComment':
      return 'tableComment'
    case 'createTable':
    case 'dropTable':
      throw new Error(`${op.kind} is not a table change`)
    default:
      return op.kind
  }
}

/**
 * The operations in phase order, keeping their order within a phase. A downgrade is the
 * reverse operations in reverse order, sorted again: reversing alone would, for instance, drop
 * a new foreign-key column's index before the key that needs it (MySQL refuses that).
 *
 * @example
 * byPhase([{ op: dropColumn }, { op: dropForeignKey }]) // => [{ op: dropForeignKey }, { op: dropColumn }]
 */
export function byPhase(ops: readonly PlannedOp[]): PlannedOp[] {
  return ops
    .map((planned, index) => ({ planned, index, phase: PHASES.indexOf(phaseOf(planned.op)) }))
    .sort((a, b) => a.phase - b.phase || a.index - b.index)
    .map(({ planned }) => planned)
}
