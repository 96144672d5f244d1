import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { MigError } from '../errors.js'
import { findGitRepository } from './git-head.js'

const BEGIN = '# >>> mig sync (installed by mig init --git-hook)'
const END = '# <<< mig sync'

/**
 * Installs a git `post-checkout` hook that runs `mig sync --hook` in the project at `root` after
 * a branch checkout that changed the migrations, so the dev database follows the branch. Kept
 * beside any hook already there (mig's block is replaced, never duplicated); honours
 * `core.hooksPath` (husky and the like).
 *
 * @example installGitHook('/app', '/app/migrations') // '/app/.git/hooks/post-checkout'
 */
export function installGitHook(root: string, directory: string): string {
  const repository = findGitRepository(root)
  if (!repository) throw new MigError('USAGE', `--git-hook: ${root} is not in a git repository`)
  const { worktree, commonDir } = repository
  const hooks = hooksPath(commonDir, worktree) ?? join(commonDir, 'hooks')
  const file = join(hooks, 'post-checkout')
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '#!/bin/sh\n'
  const kept = existing.replace(new RegExp(`\\n?${escape(BEGIN)}[\\s\\S]*?${escape(END)}\\n?`), '\n').replace(/\n+$/, '\n')
  mkdirSync(hooks, { recursive: true })
  writeFileSync(file, `${kept}${hookBlock(relative(worktree, root) || '.', relative(worktree, join(directory, 'versions')))}`)
  chmodSync(file, 0o755)
  return file
}

/** Runs only for a branch checkout (`$3` = 1) whose commits differ in `versions/`: nothing to do costs no Node start. */
function hookBlock(project: string, versions: string): string {
  const mig = 'if [ -x node_modules/.bin/mig ]; then node_modules/.bin/mig sync --hook; else npx --no-install mig sync --hook; fi'
  return [
    BEGIN,
    `if [ "$3" = "1" ] && ! git diff --quiet "$1" "$2" -- ${shellQuote(versions)} 2>/dev/null; then`,
    `  (cd ${shellQuote(project)} && ${mig})`,
    'fi',
    END,
    '',
  ].join('\n')
}

/** `core.hooksPath` from the repository's config, resolved against the worktree. */
function hooksPath(commonDir: string, worktree: string): string | undefined {
  const config = existsSync(join(commonDir, 'config')) ? readFileSync(join(commonDir, 'config'), 'utf8') : ''
  const value = /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(config)?.[1]
  return value ? resolve(worktree, value.replace(/^"|"$/g, '')) : undefined
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
