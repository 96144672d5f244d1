import { spawnSync } from 'node:child_process'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { resolveRevisions } from '../revision/index.js'
import { environmentArgs, openScriptDirectory, readCurrentRows, type DatabaseCommandOptions } from './common.js'

export interface EditOptions extends DatabaseCommandOptions {
  /** Default `current` (what the database is at). */
  revision?: string | undefined
  /** Default `$VISUAL`, then `$EDITOR`. */
  editor?: string | undefined
}

/**
 * Opens a revision file in the user's editor, spawned without a shell.
 *
 * @example
 * await edit(config, { revision: 'head' })
 */
export async function edit(config: MigConfig, options: EditOptions = {}): Promise<{ paths: string[] }> {
  const environment = environmentArgs(options)
  const script = await openScriptDirectory(config)
  const wanted = options.revision ?? 'current'
  const ids =
    wanted === 'current'
      ? await readCurrentRows(config, script, 'edit', environment)
      : resolveRevisions(script.graph, wanted)
  if (ids.length === 0) throw new MigError('UNKNOWN_REVISION', 'No current revision: the database is at base; name one, e.g. mig edit head')
  const editor = options.editor || process.env.VISUAL || process.env.EDITOR
  if (!editor) throw new MigError('EDITOR_FAILED', 'Set $VISUAL or $EDITOR to the editor to open revision files with')
  const [command, ...args] = editor.trim().split(/\s+/)
  const paths = ids.map((id) => script.graph.require(id).path)
  for (const path of paths) {
    const run = spawnSync(command!, [...args, path], { stdio: 'inherit' })
    if (run.error || run.status !== 0) {
      const why = run.error ? run.error.message : `exited with status ${run.status}`
      throw new MigError('EDITOR_FAILED', `Error executing editor (${editor} ${path}: ${why})`)
    }
  }
  return { paths }
}
