import { execFileSync, spawnSync } from 'node:child_process'

/** Runs git in `dir` as a user would, with an identity so commits work on a bare machine; returns stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Like `git`, but also what it (and its hooks) wrote to stderr, and its exit code. */
export function gitWithOutput(dir: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: GIT_ENV })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

const GIT_ENV = { ...process.env, MIG_DEBUG: '', MIG_CONFIG: '', GIT_AUTHOR_NAME: 'mig test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'mig test', GIT_COMMITTER_EMAIL: 'test@example.com' }

/** Makes `dir` a git repository on branch `main`, with everything in it committed. */
export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'start')
}
