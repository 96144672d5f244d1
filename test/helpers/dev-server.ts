import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { REPO, type TempProject } from './project.js'

export interface DevServer {
  url: string
  output: () => string
  /** What the plugin reports at `GET /__mig/status`. */
  status(): Promise<{ state: string }>
  /** Polls the status until the plugin reports `state`. */
  waitForState(state: string): Promise<void>
  stop(): Promise<void>
}

/** Debian's Chromium, headless, as the browser tests drive it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

export interface BrowserSession {
  readonly project: TempProject
  readonly server: DevServer
  readonly browser: Browser
}

/**
 * For the tests of one file: the project `prepare` makes, under the real `vite` CLI, and a
 * Chromium; started before the tests, stopped and removed after them.
 */
export function devServerInBrowser(prepare: () => Promise<TempProject>): BrowserSession {
  let session: { project?: TempProject; server?: DevServer; browser?: Browser } = {}
  beforeAll(async () => {
    session.project = await prepare()
    session.server = await startDevServer(session.project.dir)
    session.browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await session.browser?.close()
    await session.server?.stop()
    session.project?.remove()
    session = {}
  })
  return {
    get project() {
      return session.project!
    },
    get server() {
      return session.server!
    },
    get browser() {
      return session.browser!
    },
  }
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
  const status = async () => (await fetch(`${url}/__mig/status`)).json() as Promise<{ state: string }>
  return {
    url,
    output: () => output,
    status,
    async waitForState(state) {
      await expect.poll(async () => (await status()).state, { timeout: 20_000, interval: 50 }).toBe(state)
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
