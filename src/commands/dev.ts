import type { LoadConfigOptions } from '../config/load.js'
import type { DevLoopOptions } from '../dev/loop.js'
import type { DevStatus } from '../dev/status.js'
import { WatchedDevLoop } from '../dev/watched-loop.js'

export interface DevOptions extends DevLoopOptions, Pick<LoadConfigOptions, 'cwd' | 'configFile' | 'directory'> {
  /** Each new state, with the files (relative to `cwd`) whose change led to it. */
  onStatus(status: DevStatus, changed: readonly string[]): void
}

/**
 * `mig dev`: the dev loop for a project without a bundler dev server. Watches the config, its
 * local modules, `versions/` and `watch`, checks in the background and calls `onStatus` once per
 * new state; with `autoUpgrade`/`autogenerate`/`autoSync` it also acts. Runs until `close()`.
 *
 * @example
 * const loop = await dev({ cwd: '/app', onStatus: (status) => console.log(statusLine(status)) })
 * process.once('SIGINT', () => void loop.close())
 */
export function dev(options: DevOptions): Promise<WatchedDevLoop> {
  const { onStatus, ...rest } = options
  return WatchedDevLoop.start({ ...rest, report: onStatus })
}
