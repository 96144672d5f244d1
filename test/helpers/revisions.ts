/** Source of a hand-written revision file, as a user would write one. */
export function revisionSource(options: {
  id: string
  down?: string | string[] | null
  message?: string
  labels?: string[]
  dependsOn?: string[]
  upgrade?: string[]
  downgrade?: string[]
  /** Further lines after the header exports (`export const transactional = false`). */
  exports?: string[]
}): string {
  const literal = (value: string | string[] | null | undefined) =>
    value === null || value === undefined ? 'null' : Array.isArray(value) ? `[${value.map((v) => `'${v}'`).join(', ')}]` : `'${value}'`
  const parents = options.down === null || options.down === undefined ? [] : Array.isArray(options.down) ? options.down : [options.down]
  return `/**
 * ${options.message ?? options.id}
 *
 * Revision ID: ${options.id}
 * Revises: ${parents.join(', ')}
 * Create Date: 2026-11-25 08:47:50.441280
 */
import type { MigrationContext } from 'mig'

export const revision = '${options.id}'
export const downRevision = ${literal(options.down)}
export const branchLabels = ${options.labels ? literal(options.labels) : 'null'}
export const dependsOn = ${options.dependsOn ? literal(options.dependsOn) : 'null'}
${(options.exports ?? []).map((line) => `${line}\n`).join('')}
export async function upgrade({ op }: MigrationContext): Promise<void> {
${(options.upgrade ?? []).map((line) => `  ${line}`).join('\n')}
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
${(options.downgrade ?? []).map((line) => `  ${line}`).join('\n')}
}
`
}

/** A revision that creates (and on downgrade drops) a one-column table named after it. */
export function tableRevision(id: string, down: string | string[] | null, extra: Partial<Parameters<typeof revisionSource>[0]> = {}): string {
  return revisionSource({
    id,
    down,
    upgrade: [`await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primary: true }])`],
    downgrade: [`await op.dropTable('t_${id}')`],
    ...extra,
  })
}
