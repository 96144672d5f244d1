import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO } from './project.js'

export interface DevServer {
  url: string
  output: () => string
  stop(): Promise<void>
}

/** Starts the real `vite` CLI in a project folder, as a user would, on a free port. */
export async function startDevServer(cwd: string): Promise<DevServer> {
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), '--port', '0', '--host', '127.0.0.1'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite did not start:\n${output}`)), 30_000)
    const look = () => {
      const match = /Local:\s+(http:\/\/[^\s/]+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', look)
    child.on('exit', () => reject(new Error(`vite exited:\n${output}`)))
  })
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
