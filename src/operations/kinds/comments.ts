import { MigError } from '../../errors.js'
import type { TableChangeEntry } from '../entry.js'
import { createTableCommentSql, dropTableCommentSql } from '../table-comment-sql.js'
import { notReversible } from './columns.js'

function requireExistingComment(where: string, existing: unknown): void {
  if (existing !== undefined && typeof existing !== 'string') {
    throw new MigError('BAD_OPERATION', `${where}: existingComment must be a string (the comment the table has now)`)
  }
}

// The old comment is an options object: a revision written as JavaScript may pass it where the
// options go (as Alembic's positional `existing_comment`), which must not be ignored without a word.
const COMMENT_OPTIONS = { options: ['existingComment'], strict: true } as const

export const createTableComment: TableChangeEntry<'createTableComment'> = {
  params: ['table', 'comment', COMMENT_OPTIONS],
  sql: (dialect, table, change) => createTableCommentSql(dialect, table, change.comment),
  validate: (where, change) => {
    if (typeof change.comment !== 'string') {
      throw new MigError('BAD_OPERATION', `${where}: give the comment as a string (op.dropTableComment removes it)`)
    }
    requireExistingComment(where, change.existingComment)
  },
  // The copy ignores it (SQLite keeps no comments); autogenerate's paperwork reads it.
  apply: (model, change) => {
    model.comment = change.comment
  },
  // The comment the upgrade replaced comes back; a table that had none loses it again.
  reverse: (op) =>
    op.existingComment === undefined
      ? { kind: 'dropTableComment', table: op.table, existingComment: op.comment }
      : { kind: 'createTableComment', table: op.table, comment: op.existingComment, existingComment: op.comment },
}

export const dropTableComment: TableChangeEntry<'dropTableComment'> = {
  params: ['table', COMMENT_OPTIONS],
  sql: (dialect, table) => dropTableCommentSql(dialect, table),
  validate: (where, change) => requireExistingComment(where, change.existingComment),
  apply: (model) => {
    model.comment = undefined
  },
  reverse: (op) => ({ kind: 'createTableComment', table: op.table, comment: op.existingComment ?? notReversible(op, 'comment') }),
}
