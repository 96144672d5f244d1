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
  const gitDir = findGitDir(resolve(folder))
  if (!gitDir) return { branch: null, commit: null }
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim()
    const ref = /^ref: (.+)$/.exec(head)?.[1]
    if (!ref) return { branch: null, commit: /^[0-9a-f]{40,64}$/.test(head) ? head : null }
    return { branch: ref.replace(/^refs\/heads\//, ''), commit: readRef(gitDir, ref) }
  } catch {
    return { branch: null, commit: null }
  }
}

/** The `.git` folder of the repository holding `start` (a worktree's own one), if any. */
export function findGitDir(start: string): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    const dotGit = join(folder, '.git')
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return dotGit
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]
      return pointer ? resolve(folder, pointer.trim()) : undefined
    }
    if (dirname(folder) === folder) return undefined
  }
}

/** A ref's commit: its loose file (in the worktree's or the common git dir), else `packed-refs`; null for a branch with no commit yet. */
function readRef(gitDir: string, ref: string): string | null {
  const commonDir = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir
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
