import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { checkRevisionId, newRevisionId, writeRevision } from '../script/write-revision.js'
import { resolveRevision, resolveRevisions } from '../revision/index.js'
import { databaseNames, isMultidb } from '../config/databases.js'
import { databaseSections } from '../script/database-sections.js'
import { openScriptDirectory, type ScriptDirectory } from './common.js'

export interface RevisionOptions {
  /** Default `empty message`. */
  message?: string | undefined
  /** Parent: a head, `label@head`, `base` for a new independent base; default the single head. */
  head?: string | undefined
  /** Allow `head` to be a revision that is not a head (starts a branch). */
  splice?: boolean
  branchLabel?: string | undefined
  /** A folder from `versionLocations` to write into, instead of `versions/`. */
  versionPath?: string | undefined
  revId?: string | undefined
  dependsOn?: readonly string[]
  /** Body lines for `upgrade`/`downgrade` (autogenerate fills these). */
  upgrades?: readonly string[]
  downgrades?: readonly string[]
  imports?: readonly string[]
}

export interface RevisionResult {
  id: string
  path: string
}

/**
 * Writes a new revision file on the current head (or the one named by `head`).
 *
 * @example
 * await revision(config, { message: 'add email' }) // { id: '1ded3ec2110c', path: '.../versions/1ded3ec2110c_add_email.ts' }
 */
export async function revision(config: MigConfig, options: RevisionOptions = {}): Promise<RevisionResult> {
  return writeNewRevision(config, await openScriptDirectory(config), options)
}

/** `revision` on a script already read (autogenerate has just read it to check the heads). */
export function writeNewRevision(config: MigConfig, script: ScriptDirectory, options: RevisionOptions): RevisionResult {
  const { repo, graph } = script
  const id = options.revId ?? newRevisionId()
  checkRevisionId(id)
  if (graph.has(id)) throw new MigError('DUPLICATE_REVISION', `Revision ${id} already exists in ${graph.require(id).path}`)
  const parents = parentsFor(graph, options)
  const branchLabels = options.branchLabel ? [checkLabel(graph, options.branchLabel)] : []
  // Labels stay labels (they follow the branch); ids and prefixes are written out in full.
  const dependsOn = (options.dependsOn ?? []).map((dep) => (graph.labelOwner(dep) !== undefined ? dep : resolveRevision(graph, dep) ?? dep))
  const versionDir = options.versionPath ? versionDirFor(repo.versionDirs, options.versionPath) : undefined
  const bodies = isMultidb(config) ? multidbBodies(config, repo.templateFile, options) : options
  const path = writeRevision(repo, {
    id,
    message: options.message,
    downRevisions: parents,
    branchLabels,
    dependsOn,
    upgrades: bodies.upgrades,
    downgrades: bodies.downgrades,
    imports: options.imports,
    versionDir,
  })
  return { id, path }
}

/**
 * Multidb: the revision needs `bind` in scope, so the template must pass it; an empty revision
 * gets one section per bind to fill in, so nobody writes a change that runs on every database.
 */
function multidbBodies(config: MigConfig, templateFile: string, options: RevisionOptions): Pick<RevisionOptions, 'upgrades' | 'downgrades'> {
  if (existsSync(templateFile) && !/\bbind\b/.test(readFileSync(templateFile, 'utf8'))) {
    throw new MigError(
      'BAD_TEMPLATE',
      `This project has binds, but ${templateFile} does not give revisions the 'bind': write 'upgrade({ op, bind }: MigrationContext)' and the same for downgrade (as 'mig init --multidb' does)`,
    )
  }
  const empty = (direction: string) => databaseNames(config).map((bind) => ({ bind, lines: [`// write the ${direction} of database '${bind}' here`] }))
  return {
    upgrades: options.upgrades ?? databaseSections(empty('upgrade'), ''),
    downgrades: options.downgrades ?? databaseSections(empty('downgrade'), ''),
  }
}

type Graph = Awaited<ReturnType<typeof openScriptDirectory>>['graph']

function parentsFor(graph: Graph, options: RevisionOptions): string[] {
  if (options.head === undefined) {
    if (graph.heads.length > 1) {
      throw new MigError(
        'MULTIPLE_HEADS',
        'Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.',
      )
    }
    return [...graph.heads]
  }
  if (options.head === 'base') return []
  const ids = resolveRevisions(graph, options.head)
  if (!options.splice) {
    for (const id of ids) {
      if (!graph.isHead(id)) {
        throw new MigError('NOT_A_HEAD', `Revision ${id} is not a head revision; please specify --splice to create a new branch from this revision`)
      }
    }
  }
  return ids
}

export function checkLabel(graph: Graph, label: string): string {
  if (!/^[A-Za-z_][\w.]*$/.test(label)) {
    throw new MigError('USAGE', `Branch label '${label}' must start with a letter or _ and contain only letters, digits, _ and .`)
  }
  if (graph.labelOwner(label) !== undefined) {
    throw new MigError('DUPLICATE_LABEL', `Branch name '${label}' is already used by revision ${graph.labelOwner(label)}`)
  }
  return label
}

function versionDirFor(versionDirs: readonly string[], path: string): string {
  const wanted = resolve(path)
  if (!versionDirs.includes(wanted)) {
    throw new MigError(
      'USAGE',
      `Path '${wanted}' is not one of the version locations (${versionDirs.join(', ')}); add it to 'versionLocations' in mig.config.ts`,
    )
  }
  return wanted
}
