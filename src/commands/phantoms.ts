import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { MigError } from '../errors.js'
import { findPhantoms, type Phantom, type RevisionGraph, type RevisionHeader } from '../revision/index.js'
import { sourceHash, type StoredRevision, type StoredState } from '../runtime/revision-sources.js'
import { readHeader } from '../script/read-header.js'

/** A phantom as commands report it: an applied revision whose file is gone, and what was kept of it. */
export interface PhantomInfo {
  id: string
  /** Its message, from the stored source ('' without one). */
  message: string
  /** Where its file was, relative to the migrations folder (undefined without a stored source). */
  file: string | undefined
  /** When it was applied, ISO 8601 (undefined without a stored source). */
  appliedAt: string | undefined
  /** The git branch and commit it was applied from, when there was one. */
  branch: string | null
  commit: string | null
  /** False when mig kept no source for it (applied before mig kept sources, or with `keepRevisionSources: false`): `mig sync` cannot downgrade it. */
  hasSource: boolean
  /** Whether a version-table row names it (else it lies below a phantom row). */
  row: boolean
}

/** What a database's phantoms are, in both shapes: for reports, and for planning their removal. */
export interface FoundPhantoms {
  readonly infos: PhantomInfo[]
  readonly phantoms: Phantom[]
  readonly stored: ReadonlyMap<string, StoredRevision>
  /** Each phantom's stored source, by id. */
  readonly sources: ReadonlyMap<string, string>
}

/** Where `mig sync` writes a phantom's stored source to import it: beside `versions/`, so its relative imports resolve as they did. */
export function phantomFile(directory: string, storedPath: string): string {
  return join(directory, '.mig-phantoms', basename(storedPath))
}

/**
 * The phantoms of a database at `rows`, from what its source table kept. Reads the source table
 * only when a row is not in the graph.
 *
 * @example (await readPhantoms(graph, ['a2'], stored, config.directory)).infos.map((p) => p.id) // ['a2', 'a1']
 */
export async function readPhantoms(graph: RevisionGraph, rows: readonly string[], stored: StoredState, directory: string): Promise<FoundPhantoms> {
  if (rows.every((id) => graph.get(id))) return { infos: [], phantoms: [], stored: new Map(), sources: new Map() }
  const entries = new Map((await stored.revisions()).map((entry) => [entry.revision, entry]))
  const unknown = [...entries.keys()].filter((id) => !graph.get(id))
  const sources = await stored.sources(unknown)
  const headers = new Map<string, RevisionHeader>()
  for (const [id, source] of sources) {
    const header = readHeader(source, phantomFile(directory, entries.get(id)!.path))
    if (header?.id === id) headers.set(id, header)
  }
  const phantoms = findPhantoms(graph, rows, headers)
  const infos = phantoms.map(({ id, header, row }): PhantomInfo => {
    const entry = entries.get(id)
    return {
      id,
      message: header?.message ?? '',
      file: entry?.path,
      appliedAt: entry?.appliedAt,
      branch: entry?.branch ?? null,
      commit: entry?.commit ?? null,
      hasSource: sources.has(id),
      row,
    }
  })
  return { infos, phantoms, stored: entries, sources }
}

/**
 * The applied revisions whose file differs from the source kept when they were applied: the
 * database may not be what the file says.
 *
 * @example editedRevisions(graph, await stored.revisions()) // ['ae1027a6acf']
 */
export function editedRevisions(graph: RevisionGraph, stored: readonly StoredRevision[]): string[] {
  return stored
    .filter((entry) => {
      const path = graph.get(entry.revision)?.path
      if (!path || path.includes('#')) return false
      try {
        return sourceHash(readFileSync(path, 'utf8')) !== entry.hash
      } catch {
        return false
      }
    })
    .map((entry) => entry.revision)
}

/**
 * `phantom: file missing, applied 2 h ago on branch feature/x` — what `current`, `check` and the
 * errors say about a phantom.
 */
export function phantomNote(phantom: PhantomInfo, now: Date = new Date()): string {
  if (!phantom.hasSource) return 'phantom: file missing, no stored source'
  const when = phantom.appliedAt ? `, applied ${timeAgo(new Date(phantom.appliedAt), now)}` : ''
  const where = phantom.branch ? ` on branch ${phantom.branch}` : phantom.commit ? ` at commit ${phantom.commit.slice(0, 12)}` : ''
  return `phantom: file missing${when}${where}`
}

/** The error `upgrade`, `downgrade` and `check` stop with: they never downgrade a phantom on their own. */
export function phantomError(phantoms: readonly PhantomInfo[], bind?: string): MigError {
  const listed = phantoms.map((phantom) => `${phantom.id} (${phantomNote(phantom)})`).join(', ')
  const where = bind ? ` ${bind}` : ''
  const fix = phantoms.every((phantom) => phantom.hasSource)
    ? "run 'mig sync' to downgrade them from their stored sources and upgrade to the heads"
    : "restore the missing files (git), or reset the version table with 'mig stamp --purge <revision>'"
  return new MigError('PHANTOM_REVISIONS', `The database${where} has revisions whose files are gone: ${listed}; ${fix}`, { revision: phantoms[0]?.id, ...(bind ? { bind } : {}) })
}

function timeAgo(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000))
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`
  if (seconds < 86400 * 2) return `${Math.round(seconds / 3600)} h ago`
  return `${Math.round(seconds / 86400)} days ago`
}
