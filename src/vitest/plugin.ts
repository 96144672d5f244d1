import { fileURLToPath } from 'node:url'
import type { Plugin, UserConfig } from 'vite'
import type { MigSetupOptions } from './provided.js'

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
 * plugin's options for the global setup, and mig/vitest's own modules for Vitest to run
 * itself (see `runner-import.ts`).
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
      server: { deps: { inline: [/[\\/]mig[\\/]dist[\\/]vitest(?:\.js$|[\\/])/] } },
    },
  }
  return settings as UserConfig
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
    config(user) {
      if (!isVitest(user)) return undefined
      return vitestSettings(user, options)
    },
  }
}
