import type { TableDifference } from '@mikro-orm/knex'
import { message, type DetectedChange } from './messages.js'
import type { Operation } from '../operations/operation.js'

/**
 * The operation for a changed table comment, with its message; none when the table's comment
 * did not change. MikroORM marks the change by the presence of `changedComment`, which holds
 * the new comment and is `undefined` when the comment was removed; an empty comment is none
 * (MySQL reads a table without a comment as `''`).
 *
 * @example
 * tableCommentChange(diff.changedTables.author, 'writers')
 * // => { op: { kind: 'createTableComment', table: 'author', comment: 'people who write', existingComment: 'writers' },
 * //      change: { kind: 'modify_table_comment', message: "Detected table comment change on 'author'", ... } }
 */
export function tableCommentChange(difference: TableDifference, live: string | undefined): { op: Operation; change: DetectedChange } | undefined {
  if (!('changedComment' in difference)) return undefined
  const table = difference.name
  const comment = difference.changedComment || undefined
  const existingComment = live || undefined
  const detected = (kind: string, text: string): DetectedChange => ({ kind, table, message: text, destructive: false })
  if (comment === undefined) {
    if (existingComment === undefined) return undefined
    return { op: { kind: 'dropTableComment', table, existingComment }, change: detected('remove_table_comment', message.tableComment(table, 'removed')) }
  }
  if (existingComment === undefined) {
    return { op: { kind: 'createTableComment', table, comment }, change: detected('add_table_comment', message.tableComment(table, 'added')) }
  }
  return {
    op: { kind: 'createTableComment', table, comment, existingComment },
    change: detected('modify_table_comment', message.tableComment(table, 'changed')),
  }
}
