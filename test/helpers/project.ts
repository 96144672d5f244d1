import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = join(REPO, 'bin', 'mig.js')

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

export interface TempProject {
  readonly dir: string
  /** Runs the built `mig` binary in the project, as a user would. */
  mig(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<RunResult>
  write(path: string, content: string): void
  read(path: string): string
  /** Files in a folder of the project, sorted. */
  list(path: string): string[]
  remove(): void
}

/**
 * A throwaway project folder whose node_modules links to this repo's packages, and `mig` to the
 * repo itself (so its `bin` and `dist` are what users get).
 */
export function createProject(config?: string): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'mig-test-'))
  linkModules(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }))
  if (config !== undefined) writeFileSync(join(dir, 'mig.config.ts'), config)
  return {
    dir,
    mig: (args, options = {}) => runMig(dir, args, options),
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), content)
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    list: (path) => readdirSync(join(dir, path)).sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Gives a project folder a node_modules that links to this repo's packages, and `mig` to the repo itself. */
export function linkModules(dir: string): void {
  const modules = join(dir, 'node_modules')
  mkdirSync(modules)
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (entry === '.bin' || entry === '.cache' || entry.startsWith('.')) continue
    symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry))
  }
  symlinkSync(REPO, join(modules, 'mig'))
}

export function runMig(cwd: string, args: string[], options: { env?: Record<string, string>; input?: string; timeout?: number } = {}): Promise<RunResult> {
  return runNode(cwd, [BIN, ...args], options)
}

/** Runs a Node script in `cwd` as a separate process, with mig's debug and config variables cleared. */
export function runNode(cwd: string, args: string[], options: { env?: Record<string, string>; input?: string; timeout?: number } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, MIG_DEBUG: '', MIG_CONFIG: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    // A process that never exits is a failure to report, not a test to hang on.
    const timer = options.timeout ? setTimeout(() => {
      stderr += `\n[still running after ${options.timeout} ms: killed]\n`
      child.kill('SIGKILL')
    }, options.timeout) : undefined
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code: code ?? -1, stdout, stderr })
    })
    child.stdin.end(options.input ?? '')
  })
}

/** A config for a SQLite file in the project. */
export function sqliteConfig(file = 'app.db', extra = ''): string {
  return `import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: 'sqlite:${file}',\n${extra}})\n`
}

/** A config for a server database URL. */
export function urlConfig(url: string, extra = ''): string {
  return `import { defineConfig } from 'mig'\n\nexport default defineConfig({\n  database: ${JSON.stringify(url)},\n${extra}})\n`
}
