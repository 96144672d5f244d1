import { operationOf, optionOf, serverName, type Rule } from './rule.js'

/** MIG106: a foreign key or check added to an existing PostgreSQL table without NOT VALID. */
export const constraintWithoutNotValid: Rule = {
  code: 'MIG106',
  name: 'constraint-missing-not-valid',
  summary: 'foreign key or check added on PostgreSQL without { notValid: true }',
  check(call, { target }) {
    if (target.dialect !== 'postgresql' || optionOf(call, 'notValid') === true) return undefined
    const constraint = operationOf(call, 'createForeignKey', 'createCheck')
    const column = operationOf(call, 'addColumn')
    const name = constraint?.name ?? (column?.column.references ? `the foreign key of '${column.column.name}'` : undefined)
    if (name === undefined) return undefined
    const foreignKey = constraint?.kind !== 'createCheck'
    return {
      severity: 'error',
      why: `adding ${constraint ? `${foreignKey ? 'foreign key' : 'check'} '${name}'` : name} checks every existing row while holding a lock that blocks writes${foreignKey ? ' on this table and the one it references' : ''} on ${serverName(target)}`,
      recipe: `op.${constraint?.kind ?? 'createForeignKey'}(..., { notValid: true }) (new rows are checked at once), then op.validateConstraint(table, name) in a later revision: VALIDATE checks the old rows without blocking writes`,
    }
  },
}
