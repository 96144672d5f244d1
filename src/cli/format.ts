import type { RevisionInfo } from '../commands/describe.js'

/** `<base>` for none, else the ids comma-joined (Alembic's `_format_down_revision`). */
function parentsText(info: RevisionInfo): string {
  return info.parents.length === 0 ? '<base>' : info.parents.join(', ')
}

export interface LineStyle {
  labels?: boolean
  parents?: boolean
  message?: boolean
  /** branchpoint/mergepoint markers */
  tree?: boolean
}

/** One revision on one line, as `heads`, `current`, `history` and `branches` print it. */
export function revisionLine(info: RevisionInfo, style: LineStyle): string {
  let text = info.id
  if (style.parents) {
    const dependencies = info.dependsOn.length > 0 ? ` (${info.dependsOn.join(', ')})` : ''
    text = `${parentsText(info)}${dependencies} -> ${text}`
  }
  if (style.labels && info.branchLabels.length > 0) text += ` (${info.branchLabels.join(', ')})`
  if (info.isHead) text += ' (head)'
  if (info.isEffectiveHead) text += ' (effective head)'
  if (info.isCurrent) text += ' (current)'
  if (style.tree !== false) {
    if (info.isBranchPoint) text += ' (branchpoint)'
    if (info.isMergePoint) text += ' (mergepoint)'
  }
  if (style.message) text += `, ${info.message}`
  return text
}

/** The verbose block (`show`, `-v`): Rev/Parent/.../Path and the doc comment indented; ends with a newline. */
export function revisionEntry(info: RevisionInfo): string {
  const flags = [
    info.isHead || info.isEffectiveHead ? ' (head)' : '',
    info.isBranchPoint ? ' (branchpoint)' : '',
    info.isMergePoint ? ' (mergepoint)' : '',
    info.isCurrent ? ' (current)' : '',
  ].join('')
  const lines = [`Rev: ${info.id}${flags}`]
  lines.push(info.isMergePoint ? `Merges: ${parentsText(info)}` : `Parent: ${parentsText(info)}`)
  if (info.dependsOn.length > 0) lines.push(`Also depends on: ${info.dependsOn.join(', ')}`)
  if (info.isBranchPoint) lines.push(`Branches into: ${info.children.join(', ')}`)
  if (info.branchLabels.length > 0) lines.push(`Branch names: ${info.branchLabels.join(', ')}`)
  lines.push(`Path: ${info.path}`, '')
  for (const line of info.doc.split('\n')) lines.push(`    ${line}`)
  return `${lines.join('\n')}\n`
}

/** `branches`: the branch point, then `-> child` lines aligned under it, then a blank line. */
export function branchPointBlock(point: RevisionInfo, children: RevisionInfo[], verbose: boolean): string {
  const head = verbose ? revisionEntry(point) : revisionLine(point, { labels: true })
  const indent = ' '.repeat(point.id.length)
  const childLines = children.map((child) => `${indent} -> ${revisionLine(child, { labels: true, message: verbose })}`)
  return `${head}\n${childLines.join('\n')}\n\n`
}

/** `Running upgrade a -> b, message` */
export function stepLine(step: { direction: 'up' | 'down'; fromIds: readonly string[]; toIds: readonly string[]; message: string }): string {
  return `Running ${step.direction === 'up' ? 'upgrade' : 'downgrade'} ${step.fromIds.join(', ')} -> ${step.toIds.join(', ')}, ${step.message}`
}

/** Verbose entries are printed each followed by a blank line, as Alembic's `print(log_entry)`. */
export function entries(infos: readonly RevisionInfo[]): string {
  return infos.map((info) => `${revisionEntry(info)}\n`).join('')
}
