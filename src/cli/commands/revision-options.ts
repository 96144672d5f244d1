import type { Command } from 'cac'
import { text, texts, type Options } from '../options.js'

/**
 * The options `revision` and `migrate` share.
 *
 * @example revisionOptions(common(cli.command('revision', 'Create a new revision file.'), { x: true }))
 */
export function revisionOptions(command: Command): Command {
  return command
    .option('-m, --message <message>', 'Revision message')
    .option('--head <rev>', 'Specify head revision or <branchname>@head to base new revision on')
    .option('--splice', 'Allow a non-head revision as the "head" to splice onto')
    .option('--branch-label <label>', 'Specify a branch label to apply to the new revision')
    .option('--version-path <path>', 'Specify specific path from config for version file')
    .option('--rev-id <id>', 'Specify a hardcoded revision id instead of generating one')
    .option('--depends-on <rev>', 'Specify one or more revision identifiers which this revision should depend on')
}

export const FROM_EMPTY = "Compare the models with an empty database instead of the database's schema: a baseline revision for a database that already has it (then 'mig stamp head')"

/**
 * The parsed `revisionOptions`, as `revision()` and `migrate()` take them.
 *
 * @example revisionArgs({ message: ['add email'] }).message // 'add email'
 */
export function revisionArgs(options: Options) {
  return {
    message: text(options, 'message'),
    head: text(options, 'head'),
    splice: Boolean(options.splice),
    branchLabel: text(options, 'branchLabel'),
    versionPath: text(options, 'versionPath'),
    revId: text(options, 'revId'),
    dependsOn: texts(options, 'dependsOn'),
  }
}
