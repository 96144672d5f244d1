import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { decoratorConfig, writeDecoratorProject } from '../helpers/decorator-project.js'
import { createProject, type RunResult, type TempProject } from '../helpers/project.js'

/** The config of the bundler tests: the decorator project's, plus a marker file written whenever the config is loaded. */
const markedConfig = `import { writeFileSync } from 'node:fs'\n${decoratorConfig}\nwriteFileSync(new URL('./config-was-loaded', import.meta.url), '')\n`

/** Whether mig loaded the project's config (and so could have opened its database) since the project was made. */
export const MARKER = 'config-was-loaded'

function ok(result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`mig failed:\n${result.stderr}`)
  return result
}

/**
 * The decorator project (ESM, reflect-metadata) migrated to its models, with a tiny browser app
 * (`src/main.js`, `public/index.html`) for a bundler to build; the marker file removed.
 */
export async function bundlerProject(files: Record<string, string>): Promise<TempProject> {
  const project = createProject(markedConfig)
  writeDecoratorProject(project)
  project.write('src/main.js', "document.querySelector('h1').textContent = 'Books'\n")
  project.write('public/index.html', '<!doctype html>\n<html><body><h1>loading</h1><script src="/main.js"></script></body></html>\n')
  for (const [path, content] of Object.entries(files)) project.write(path, content)
  ok(await project.mig(['init']))
  ok(await project.mig(['migrate', '-m', 'init']))
  ok(await project.mig(['upgrade']))
  rmSync(join(project.dir, MARKER))
  return project
}

/** Whether the marker file exists: the config was loaded. */
export function configWasLoaded(project: TempProject): boolean {
  return existsSync(join(project.dir, MARKER))
}
