import { spawn, type ChildProcess } from 'node:child_process'
import { BIN } from './project.js'

export interface LongProcess {
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output(): string
  /** Waits until its output after `from` (a length of `output()`) matches `pattern`; returns the match. */
  waitFor(pattern: RegExp, from?: number, timeout?: number): Promise<RegExpMatchArray>
  /** Waits for it to end by itself (a one-off build); fails when it runs longer than `timeout`. */
  exited(timeout?: number): Promise<number | null>
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts `mig ...args` in `cwd` as a user would in a terminal, and keeps it running. */
export function startMig(cwd: string, args: string[], env: Record<string, string> = {}): LongProcess {
  return startNode(cwd, [BIN, ...args], env)
}

/** Starts `node ...args` in `cwd` (a project's own script) and keeps it running. */
export function startNode(cwd: string, args: string[], env: Record<string, string> = {}): LongProcess {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, MIG_DEBUG: '', MIG_CONFIG: '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let exit: Promise<number | null> = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return {
    output: () => output,
    waitFor(pattern, from = 0, timeout = 30_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now()
        const look = () => {
          const match = output.slice(from).match(pattern)
          if (match) return resolve(match)
          if (child.exitCode !== null) return reject(new Error(`mig exited (${child.exitCode}) before ${pattern}:\n${output}`))
          if (Date.now() - started > timeout) return reject(new Error(`no ${pattern} within ${timeout} ms:\n${output}`))
          setTimeout(look, 25)
        }
        look()
      })
    },
    async exited(timeout = 30_000) {
      const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${timeout} ms:\n${output}`)), timeout).unref())
      return Promise.race([exit, timer])
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const code = await exit
      clearTimeout(timer)
      exit = Promise.resolve(code)
      return code
    },
  }
}
