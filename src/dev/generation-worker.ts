/**
 * One generation of a dev loop outside Vite (`mig dev`, webpack, Rspack, esbuild, Rollup): a
 * worker thread that loads the project's models once, as they are now, and runs the dev loop on
 * them. Node cannot unload a module, and MikroORM keeps decorator metadata in a global store, so
 * an edited model gets a new worker instead of a re-import: every way of writing entities
 * (decorators, CommonJS, folder discovery, ts-morph) then reads the new source.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { loadConfig } from '../config/load.js'
import { DevLoop } from './loop.js'
import type { FromGeneration, GenerationData, ToGeneration } from './generation-protocol.js'

const data = workerData as GenerationData
const port = parentPort!
const send = (message: FromGeneration) => port.postMessage(message)

const loop = new DevLoop(
  {
    root: data.root,
    entry: data.entry,
    loadConfig: () => loadConfig(data.config),
    watch: (paths) => send({ type: 'watch', paths }),
    stale: (files) => send({ type: 'stale', files }),
    report: (status) => send({ type: 'status', status }),
  },
  data.options,
)
// A standby worker gets MikroORM into memory while it waits: most of a generation's start.
const warming = warmUp()

port.on('message', (message: ToGeneration) => {
  if (message.type === 'start') {
    void warming.then(() => {
      loop.start()
      // Outside a browser, the terminal or the bundler's output is always looking: server databases are followed all along.
      loop.database.setOpenPages(1)
    })
  }
  else if (message.type === 'file') loop.fileChanged(message.file)
  else if (message.type === 'close') {
    void loop.close().finally(() => {
      send({ type: 'closed' })
      port.close()
    })
  }
})

async function warmUp(): Promise<void> {
  const { importFromProject } = await import('../config/mikro-orm-import.js')
  await Promise.all([
    importFromProject(data.root, '@mikro-orm/core').catch(() => undefined),
    importFromProject(data.root, '@mikro-orm/knex').catch(() => undefined),
    import('../autogenerate/index.js'),
  ])
}
