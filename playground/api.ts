import type { Plugin, ViteDevServer } from 'vite'

/**
 * The playground's backend: `/api/notes` reads and writes through MikroORM, with the models and
 * the database from mig.config.ts (loaded through Vite, so edited models are picked up).
 */
export function notesApi(): Plugin {
  return {
    name: 'playground-notes-api',
    configureServer(server) {
      server.middlewares.use('/api/notes', async (request, response) => {
        let orm
        try {
          orm = await openOrm(server)
          const em = orm.em.fork()
          if (request.method === 'POST') {
            const body = JSON.parse(await readBody(request)) as { title?: string }
            em.create('Note', { title: String(body.title ?? 'untitled') })
            await em.flush()
          }
          const notes = await em.find('Note', {}, { orderBy: { id: 'asc' } })
          response.setHeader('content-type', 'application/json')
          response.end(JSON.stringify(notes))
        } catch (error) {
          response.statusCode = 500
          response.setHeader('content-type', 'application/json')
          response.end(JSON.stringify({ error: (error as Error).message }))
        } finally {
          await orm?.close()
        }
      })
    },
  }
}

async function openOrm(server: ViteDevServer) {
  const { MikroORM } = await import('@mikro-orm/better-sqlite')
  const { default: config } = (await server.ssrLoadModule('./mig.config.ts')) as { default: { orm: () => Promise<object> } }
  return MikroORM.init({ ...(await config.orm()), dbName: `${server.config.root}/playground.db` })
}

async function readBody(request: AsyncIterable<Buffer | string>): Promise<string> {
  let text = ''
  for await (const chunk of request) text += chunk
  return text || '{}'
}
