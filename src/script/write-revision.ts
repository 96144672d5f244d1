import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MigError } from '../errors.js'
import { updatePackageIndex } from './package-index.js'
import { renderTemplate } from './render-template.js'
import type { Repository } from './repository.js'

export interface NewRevision {
  id: string
  /** The user's message; undefined renders as `empty message` and an empty slug (as Alembic). */
  message: string | undefined
  downRevisions: readonly string[]
  branchLabels: readonly string[]
  dependsOn: readonly string[]
  /** Body lines of `upgrade`/`downgrade` (indented by the writer). */
  upgrades?: readonly string[]
  downgrades?: readonly string[]
  /** Extra import lines for the file head. */
  imports?: readonly string[]
  /** Folder to write into; default the repository's `versions/`. */
  versionDir?: string
  createDate?: Date
}

const ILLEGAL_ID = /[@\-+:\s/\\'"]/

/** 12 random lowercase hex characters, as Alembic. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex')
}

export function checkRevisionId(id: string): void {
  if (id === '' || ILLEGAL_ID.test(id) || ['head', 'heads', 'base', 'current'].includes(id)) {
    throw new MigError('USAGE', `Revision id '${id}' is not allowed: ids cannot be empty, a keyword or contain @ - + : quotes or spaces`)
  }
}

/** Message → file-name slug: lower case, non-word runs → `_`, at most 40 characters at a word boundary. */
export function slugify(message: string | undefined): string {
  const words = (message ?? '').toLowerCase().match(/\w+/g) ?? []
  let slug = words.join('_')
  if (slug.length > 40) slug = `${slug.slice(0, 40).replace(/_[^_]*$/, '')}_`
  return slug
}

/**
 * Writes a revision file from the repository's template and returns its path.
 *
 * @example
 * writeRevision(repo, { id: newRevisionId(), message: 'add email', downRevisions: ['cf02980d4903'], branchLabels: [], dependsOn: [] })
 */
export function writeRevision(repo: Repository, revision: NewRevision): string {
  if (repo.packaged) {
    throw new MigError('BAD_CONFIG', "Cannot write revisions while config.migrations (a bundled index) is set; leave 'migrations' out of mig.config.ts")
  }
  checkRevisionId(revision.id)
  const template = readTemplate(repo.templateFile)
  const dir = revision.versionDir ?? repo.versionDirs[0]!
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${revision.id}_${slugify(revision.message)}.ts`)
  if (existsSync(path)) throw new MigError('DUPLICATE_REVISION', `Revision file '${path}' already exists`)
  const message = (revision.message ?? 'empty message').replace(/\*\//g, '* /')
  const values = {
    message,
    revision: revision.id,
    revises: revision.downRevisions.join(', '),
    createDate: formatDate(revision.createDate ?? new Date()),
    revisionLiteral: literal(revision.id),
    messageLiteral: stringLiteral(revision.message ?? 'empty message'),
    downRevision: listLiteral(revision.downRevisions, true),
    branchLabels: listLiteral(revision.branchLabels, false),
    dependsOn: listLiteral(revision.dependsOn, false),
    imports: (revision.imports ?? []).map((line) => `${line}\n`).join(''),
    upgrades: body(revision.upgrades, "// write the upgrade here, e.g. await op.addColumn('user', { name: 'email', type: 'string' })"),
    downgrades: body(revision.downgrades, "// write the downgrade here, e.g. await op.dropColumn('user', 'email')"),
  }
  writeFileSync(path, renderTemplate(template, values, repo.templateFile))
  // `init --package` repositories keep their index listing every revision file.
  updatePackageIndex(repo)
  return path
}

function readTemplate(file: string): string {
  if (!existsSync(file)) {
    throw new MigError('BAD_TEMPLATE', `Revision template '${file}' is missing; copy it from a fresh 'mig init'`)
  }
  return readFileSync(file, 'utf8')
}

function body(lines: readonly string[] | undefined, placeholder: string): string {
  const content = lines && lines.length > 0 ? lines : [placeholder]
  return content.map((line) => (line === '' ? '' : `  ${line}`)).join('\n')
}

function literal(value: string): string {
  return `'${value}'`
}

/** Any text as a single-quoted TS string (messages may hold quotes, backslashes, newlines). */
function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n')}'`
}

/** A single parent stays a string (as Alembic writes it); several become a list. */
function listLiteral(values: readonly string[], singleAsString: boolean): string {
  if (values.length === 0) return 'null'
  if (values.length === 1 && singleAsString) return literal(values[0]!)
  return `[${values.map(literal).join(', ')}]`
}

/** `2026-11-25 08:47:56.492121`, Alembic's format. */
function formatDate(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`
}
