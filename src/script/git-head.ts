import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The git branch and commit a folder is checked out at (null where there is no git, or HEAD is detached). */
export interface GitHead {
  readonly branch: string | null
  readonly commit: string | null
}

/**
 * Reads `.git/HEAD` and the ref it names, from `folder` upward: no `git` process, so recording
 * where a revision came from costs a few file reads. A worktree's `.git` file is followed.
 *
 * @example gitHead('/app/migrations') // { branch: 'feature/x', commit: '3f2a…' }
 */
export function gitHead(folder: string): GitHead {
  const repository = findGitRepository(folder)
  if (!repository) return { branch: null, commit: null }
  try {
    const head = readFileSync(join(repository.gitDir, 'HEAD'), 'utf8').trim()
    const ref = /^ref: (.+)$/.exec(head)?.[1]
    if (!ref) return { branch: null, commit: /^[0-9a-f]{40,64}$/.test(head) ? head : null }
    return { branch: ref.replace(/^refs\/heads\//, ''), commit: readRef(repository, ref) }
  } catch {
    return { branch: null, commit: null }
  }
}

/** Where a checkout's git data is. */
export interface GitRepository {
  /** The folder holding `.git` (the worktree's top). */
  readonly worktree: string
  /** Its own git folder (`.git`, or a linked worktree's folder under the main one). */
  readonly gitDir: string
  /** The folder shared by every worktree: config, hooks, packed refs. */
  readonly commonDir: string
}

/** The git repository holding `start`, from it upward; a worktree's `.git` file is followed. */
export function findGitRepository(start: string): GitRepository | undefined {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    const dotGit = join(folder, '.git')
    if (existsSync(dotGit)) {
      let gitDir = dotGit
      if (!statSync(dotGit).isDirectory()) {
        const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]
        if (!pointer) return undefined
        gitDir = resolve(folder, pointer.trim())
      }
      const common = join(gitDir, 'commondir')
      return { worktree: folder, gitDir, commonDir: existsSync(common) ? resolve(gitDir, readFileSync(common, 'utf8').trim()) : gitDir }
    }
    if (dirname(folder) === folder) return undefined
  }
}

/** A ref's commit: its loose file (in the worktree's or the common git dir), else `packed-refs`; null for a branch with no commit yet. */
function readRef({ gitDir, commonDir }: GitRepository, ref: string): string | null {
  for (const dir of [gitDir, commonDir]) {
    const loose = join(dir, ref)
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim()
  }
  const packed = join(commonDir, 'packed-refs')
  if (!existsSync(packed)) return null
  const line = readFileSync(packed, 'utf8')
    .split('\n')
    .find((entry) => entry.endsWith(` ${ref}`))
  return line ? line.split(' ')[0]! : null
}
