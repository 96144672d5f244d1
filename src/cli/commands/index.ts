import type { CAC } from 'cac'
import type { ConfigSource } from '../config-source.js'
import type { Output } from '../io.js'
import { commandContext } from '../options.js'
import { registerApply } from './apply.js'
import { registerBranches } from './branches.js'
import { registerCheck } from './check.js'
import { registerCurrent } from './current.js'
import { registerEdit } from './edit.js'
import { registerHeads } from './heads.js'
import { registerHistory } from './history.js'
import { registerInit } from './init.js'
import { registerListTemplates } from './list-templates.js'
import { registerMerge } from './merge.js'
import { registerMigrate } from './migrate.js'
import { registerRevision } from './revision.js'
import { registerShow } from './show.js'
import { registerStamp } from './stamp.js'

/**
 * Registers every mig command on a cac instance, in the order `--help` lists them. Each module
 * holds one command's options, its call of the programmatic API (lazily imported, so
 * `mig --help` loads nothing) and its formatting. An action's return value is its exit code.
 *
 * @example registerCommands(cac('mig'), processOutput, undefined)
 */
export function registerCommands(cli: CAC, output: Output, source?: ConfigSource): void {
  const context = commandContext(output, source)
  for (const register of [
    registerInit,
    registerListTemplates,
    registerRevision,
    registerMigrate,
    registerCheck,
    registerMerge,
    registerApply,
    registerStamp,
    registerCurrent,
    registerHistory,
    registerShow,
    registerHeads,
    registerBranches,
    registerEdit,
  ]) {
    register(cli, context)
  }
}
