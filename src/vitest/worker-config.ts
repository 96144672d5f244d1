import { resolveConfig } from '../config/load.js'
import type { MigConfig, MigUserConfig } from '../config/types.js'
import type { MigTestRun } from './provided.js'
import { importThroughVitest } from './runner-import.js'

let loaded: { key: string; config: Promise<MigConfig> } | undefined

/**
 * The project's mig config inside a test worker, imported through Vitest (so a model change
 * is seen on the next run) and resolved as the CLI resolves it. Loaded once per test file.
 *
 * @example
 * const config = await loadWorkerConfig(inject('mig'))
 */
export function loadWorkerConfig(run: MigTestRun): Promise<MigConfig> {
  const key = `${run.configFile}\0${run.ormConfigFile}\0${run.root}`
  if (loaded?.key !== key) {
    loaded = {
      key,
      config: (async () => {
        const module = run.configFile ? await importThroughVitest<{ default?: MigUserConfig }>(run.configFile) : {}
        const ormConfigFile = run.ormConfigFile
        // No mig config: the models come from the MikroORM config, imported as the tests import them.
        const user = module.default ?? (ormConfigFile ? { orm: () => importThroughVitest(ormConfigFile) } : {})
        return resolveConfig(user, { root: run.root, configFile: run.configFile, ormConfigFile })
      })(),
    }
  }
  return loaded.config
}
