import type { LoadConfigOptions } from '../config/load.js'
import type { DevLoopOptions, WatchedPaths } from './loop.js'
import type { DevStatus } from './status.js'

/** What a generation worker is started with (its `workerData`). */
export interface GenerationData {
  readonly config: Pick<LoadConfigOptions, 'cwd' | 'configFile' | 'directory'>
  readonly root: string
  readonly entry: string
  readonly options: DevLoopOptions
}

/** Messages to a generation worker. */
export type ToGeneration =
  /** Load the models and check (a standby worker waits for this). */
  | { readonly type: 'start' }
  /** A file in `versions/` changed. */
  | { readonly type: 'file'; readonly file: string }
  /** Let go of the database and end. */
  | { readonly type: 'close' }

/** Messages from a generation worker. */
export type FromGeneration =
  | { readonly type: 'status'; readonly status: DevStatus }
  | { readonly type: 'watch'; readonly paths: WatchedPaths }
  /** Modules written after the check read them: a new generation must read them. */
  | { readonly type: 'stale'; readonly files: string[] }
  | { readonly type: 'closed' }
