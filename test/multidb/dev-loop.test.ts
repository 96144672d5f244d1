import { afterEach, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../helpers/dev-server.js'
import { createProject, type TempProject } from '../helpers/project.js'
import { MODELS, multidbConfig } from './helpers.js'

let project: TempProject | undefined
let server: DevServer | undefined
afterEach(async () => {
  await server?.stop()
  project?.remove()
})

interface Status {
  state: string
  changes?: Array<{ message: string; table: string; column?: string }>
  pending?: Array<{ id: string }>
}

async function waitForStatus(url: string, state: string): Promise<Status> {
  let last: Status = { state: 'none' }
  await expect
    .poll(async () => {
      last = (await (await fetch(`${url}/__mig/status`)).json()) as Status
      return last.state
    }, { timeout: 20_000, interval: 50 })
    .toBe(state)
  return last
}

describe('the Vite dev loop with binds', () => {
  it('checks every database and names the bind of each change', async () => {
    project = createProject(multidbConfig())
    project.write('src/models.ts', MODELS)
    project.write('vite.config.ts', "import { defineConfig } from 'vite'\nimport mig from 'mig/vite'\n\nexport default defineConfig({ plugins: [mig()] })\n")
    project.write('index.html', '<!doctype html><title>binds</title>')
    expect((await project.mig(['init', '--multidb'])).code).toBe(0)
    expect((await project.mig(['migrate', '-m', 'initial'])).code).toBe(0)
    server = await startDevServer(project.dir)

    // The revision exists but neither database has it yet.
    const behind = await waitForStatus(server.url, 'database-behind')
    expect(behind.pending!.length).toBe(1)
    expect((await project.mig(['upgrade'])).code).toBe(0)
    project.write('src/models.ts', MODELS.replace('name: p.string().length(128) }', 'name: p.string().length(128), age: p.integer().nullable() }'))
    const changed = await waitForStatus(server.url, 'models-changed')
    expect(changed.changes).toEqual([{ message: "Detected in users: added column 'user.age'", table: 'user', column: 'age', destructive: false }])
  })
})
