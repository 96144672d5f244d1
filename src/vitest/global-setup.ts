/**
 * mig's Vitest global setup (the plugin adds it to `test.globalSetup`). It runs once per
 * `vitest` process, in the main process: migrates the template with the real revisions,
 * provides the run to the workers, re-migrates in watch mode, and drops everything at the end.
 */
import { join, sep } from 'node:path'
import type { TestProject } from 'vitest/node'
import { loadConfig } from '../config/load.js'
import { isMigError } from '../errors.js'
import { openRepository, type Repository } from '../script/repository.js'
import { createTestDatabases, type TestDatabases } from './template.js'

/** Projects already set up: `mig/vite` and `mig/vitest` may both have added this file. */
const started = new WeakSet<object>()

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (started.has(project)) return undefined
  started.add(project)
  const options = project.getProvidedContext().migSetup ?? {}
  const config = await loadConfig({ cwd: project.config.root, configFile: options.config })
  let databases: TestDatabases
  try {
    databases = await createTestDatabases(config)
  } catch (error) {
    if (!isMigError(error) || error.code !== 'UNSUPPORTED') throw error
    // A MySQL project that has mig/vite in its Vite config still gets its tests run; only
    // mig/vitest's fixtures fail, with this reason.
    console.warn(`[mig] ${error.message}; the tests run without mig's test databases`)
    return undefined
  }
  try {
    project.provide('mig', await databases.migrate())
  } catch (error) {
    // Vitest calls no teardown for a setup that threw.
    await databases.dispose()
    throw error
  }
  if (project.vitest.config.watch) rerunOnNewRevisions(project, databases, openRepository(config))
  return () => databases.dispose()
}

/**
 * Watch mode: a revision or `env.ts` added or edited reruns every test (they are in no test's
 * import graph, hence `forceRerunTriggers`), and the template is migrated again before the rerun.
 */
function rerunOnNewRevisions(project: TestProject, databases: TestDatabases, repo: Repository): void {
  const folders = [repo.directory, ...repo.versionDirs.filter((dir) => !dir.startsWith(repo.directory + sep))]
  project.vitest.config.forceRerunTriggers.push(...folders.map((dir) => join(dir, '**')))
  // The watcher only sees the project's root by default; the migrations may be elsewhere.
  project.vitest.vite.watcher.add(folders)
  project.onTestsRerun(async () => {
    if (await databases.refresh()) project.provide('mig', databases.run)
  })
}
