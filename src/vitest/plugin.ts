import { fileURLToPath } from 'node:url'
import type { Plugin, UserConfig } from 'vite'
import type { MigSetupOptions } from './provided.js'
import { designTypesTransform } from '../vite/design-types-transform.js'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/** Options of `mig()` from `mig/vitest`. */
export interface MigVitestOptions {
  /** The mig config file; default `mig.config.*` found from Vitest's root upward (or `MIG_CONFIG`). */
  config?: string
}

/** Vite's config with Vitest's `test` block, kept loose: Vitest's types are not needed to build it. */
type ConfigWithTest = { test?: object }

/**
 * Whether Vite is being configured by Vitest. `process.env.VITEST` alone is not enough: a
 * `vite` dev server started from inside a test inherits it.
 */
export function isVitest(config: { plugins?: unknown }): boolean {
  const plugins = [config.plugins].flat(Infinity as 1) as unknown[]
  return plugins.some((plugin) => {
    const name = (plugin as { name?: unknown } | null)?.name
    return name === 'vitest' || name === 'vitest:project'
  })
}

/**
 * The Vitest settings that wire mig in: the global setup (template database), the setup file
 * (the worker's copy, placed before the project's own setup files so they can use it), the
 * plugin's options for the global setup, and which of mig's modules Vitest runs itself.
 */
export function vitestSettings(user: object, options: MigSetupOptions): UserConfig {
  const setupFile = here('./setup.js')
  const test = ((user as ConfigWithTest).test ??= {}) as { setupFiles?: string | string[] }
  const own = test.setupFiles === undefined ? [] : [test.setupFiles].flat()
  test.setupFiles = [setupFile, ...own.filter((file) => file !== setupFile)]
  const settings: ConfigWithTest = {
    test: {
      globalSetup: [here('./global-setup.js')],
      provide: { migSetup: { config: options.config } },
      server: { deps: { inline: [migFiles(RUNNER_CHAIN)], external: [migFiles('.*')] } },
    },
  }
  return settings as UserConfig
}

/**
 * The modules from `mig/vitest` down to `runner-import.js` (relative to `dist`, no extension):
 * Vitest must run them itself, for their `import()` to be the runner's (see runner-import.ts).
 */
const RUNNER_CHAIN = 'vitest|vitest/(?:fixtures|migration-tests|worker-orm|worker-config|runner-import)'

/**
 * A pattern for mig's built files. Every other module of mig is external: Node loads it as it
 * is, instead of Vite transforming it module by module — in the main process that was most of
 * what mig cost a run (the global setup's whole import graph), since a linked checkout or a
 * workspace package is not under `node_modules` and Vitest would inline all of it. Matched where
 * this file runs from, and under any `node_modules/mig` (a symlink Vite did not resolve).
 */
function migFiles(relative: string): RegExp {
  const dist = fileURLToPath(new URL('..', import.meta.url)).replaceAll('\\', '/')
  const escaped = dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^(?:${escaped}|.*/node_modules/mig/dist/)(?:${relative})\\.js$`.replaceAll('/', '[\\\\/]'))
}

/**
 * The Vite plugin for a separate `vitest.config.ts`: every `vitest` run gets a throwaway
 * database upgraded to the heads by the real migrations, one copy per worker, dropped at the end.
 * (`mig()` from `mig/vite` does the same when Vitest runs; use one of them.)
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import mig from 'mig/vitest'
 *
 * export default defineConfig({ plugins: [mig()] })
 */
export function mig(options: MigVitestOptions = {}): Plugin {
  return {
    name: 'mig:vitest',
    enforce: 'post',
    transform: designTypesTransform,
    config(user) {
      if (!isVitest(user)) return undefined
      return vitestSettings(user, options)
    },
  }
}
