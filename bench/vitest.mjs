// Vitest setup cost: the template database upgraded by 200 real revisions once per run, a copy
// per worker, and whole `vitest run`s with and without the plugin.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const TEST_FILES = 4

export async function benchVitest({ root, repo, linkProject, trivialRevisions, runs }) {
  const dir = linkProject(join(root, 'vitest-project'))
  writeFileSync(join(dir, 'mig.config.ts'), "import { defineConfig } from 'mig'\n\nexport default defineConfig({ database: 'sqlite:app.db' })\n")
  spawnSync(process.execPath, [join(repo, 'bin/mig.js'), 'init'], { cwd: dir })
  trivialRevisions(dir, 'ts')
  mkdirSync(join(dir, 'test'))
  for (let i = 0; i < TEST_FILES; i++) {
    writeFileSync(join(dir, 'test', `t${i}.test.ts`), "import { expect, test } from 'vitest'\n\ntest('adds', () => expect(1 + 1).toBe(2))\n")
  }

  const { loadConfig } = await import(pathToFileURL(join(repo, 'dist/index.js')).href)
  const { createTestDatabases } = await import(pathToFileURL(join(repo, 'dist/vitest/template.js')).href)
  const config = await loadConfig({ cwd: dir })
  const templateMs = []
  const copyMs = []
  for (let i = 0; i < runs; i++) {
    const databases = await createTestDatabases(config)
    try {
      const started = performance.now()
      await databases.migrate()
      templateMs.push(performance.now() - started)
      for (let pool = 1; pool <= 4; pool++) {
        const copyStarted = performance.now()
        await databases.worker(pool)
        copyMs.push(performance.now() - copyStarted)
      }
    } finally {
      await databases.dispose()
    }
  }

  const vitest = join(repo, 'node_modules/vitest/vitest.mjs')
  const wall = (configFile) => {
    const times = []
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const started = performance.now()
      const result = spawnSync(process.execPath, [vitest, 'run', '--config', configFile], { cwd: dir, encoding: 'utf8' })
      times.push(performance.now() - started)
      if (result.status !== 0) throw new Error(`vitest failed: ${result.stdout}${result.stderr}`)
    }
    return median(times)
  }
  writeFileSync(join(dir, 'plain.config.ts'), "import { defineConfig } from 'vitest/config'\n\nexport default defineConfig({})\n")
  writeFileSync(join(dir, 'mig.vitest.config.ts'), "import { defineConfig } from 'vitest/config'\nimport mig from 'mig/vitest'\n\nexport default defineConfig({ plugins: [mig()] })\n")
  return {
    templateMs: median(templateMs),
    copyMs: median(copyMs),
    without: wall('plain.config.ts'),
    with: wall('mig.vitest.config.ts'),
    testFiles: TEST_FILES,
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
