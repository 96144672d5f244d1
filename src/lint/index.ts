/**
 * `mig lint`: a revision's `upgrade` recorded as operations (no database), each checked by
 * rules per dialect and server version, with suppressions that need a written reason.
 */
export { recordRevision, type RecordingContext } from './record.js'
export { lintRevisions, type LintSettings, type RevisionToLint } from './lint.js'
export { lintTarget, parseDialect } from './target.js'
export { RULE_TABLE } from './rules/index.js'
export type { LintConfig, LintFinding, LintTarget, RecordedCall, RecordedRevision, Severity } from './types.js'
export { lintPlanned, type PlannedCall, type PlannedFinding } from './plan.js'
export { lintConfig } from './config.js'
