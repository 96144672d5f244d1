import { text, texts, type Options } from '../options.js'

/**
 * The options `revision` and `migrate` share, parsed as `revision()` and `migrate()` take them.
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
