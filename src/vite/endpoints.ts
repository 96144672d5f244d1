import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DevStatus } from '../dev/status.js'

export interface DevActions {
  readonly token: string
  status(): DevStatus
  /** How the dev server follows the database: open pages, polling, watched files, reads and checks so far. */
  watch(): Record<string, unknown>
  /** Writes a revision from the model changes; returns a one-line summary. */
  generate(message: string | undefined): Promise<string>
  /** Applies pending revisions; returns a one-line summary. */
  apply(): Promise<string>
  /** Downgrades the phantoms from their stored sources and upgrades to the heads (`mig sync`); returns a one-line summary. */
  sync(): Promise<string>
}

type Next = (error?: unknown) => void

/**
 * `GET /__mig/status`, `GET /__mig/watch`, and `POST /__mig/generate|apply|sync`. A POST is accepted only from a page of
 * this dev server: its Origin must be this server's own and it must carry the per-server token
 * that only the served client module knows.
 */
export function devMiddleware(actions: DevActions) {
  return async (request: IncomingMessage, response: ServerResponse, next: Next): Promise<void> => {
    const url = request.url ?? ''
    if (!url.startsWith('/__mig/')) return next()
    const path = url.split('?')[0]
    if (request.method === 'GET' && path === '/__mig/status') return send(response, 200, actions.status())
    if (request.method === 'GET' && path === '/__mig/watch') return send(response, 200, actions.watch())
    const action = ({ '/__mig/generate': 'generate', '/__mig/apply': 'apply', '/__mig/sync': 'sync' } as const)[path ?? '']
    if (!action || request.method !== 'POST') return send(response, 404, { error: 'unknown mig endpoint' })
    const refusal = refuse(request, actions.token)
    if (refusal) return send(response, 403, { error: refusal })
    try {
      const body = await readJson(request)
      const message = typeof body.message === 'string' && body.message.trim() !== '' ? body.message.trim() : undefined
      const summary = action === 'generate' ? await actions.generate(message) : await actions[action]()
      send(response, 200, { summary })
    } catch (error) {
      send(response, 500, { error: (error as Error).message })
    }
  }
}

function refuse(request: IncomingMessage, token: string): string | undefined {
  const origin = request.headers.origin
  const host = request.headers.host
  if (!origin || !host) return 'missing Origin: actions are accepted only from the dev server page'
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return 'bad Origin'
  }
  if (originHost !== host) return `cross-origin request from ${origin} refused`
  if (request.headers['sec-fetch-site'] === 'cross-site') return 'cross-site request refused'
  if (request.headers['x-mig-token'] !== token) return 'missing or wrong mig token'
  return undefined
}

function send(response: ServerResponse, code: number, body: unknown): void {
  response.statusCode = code
  response.setHeader('content-type', 'application/json')
  response.setHeader('cache-control', 'no-store')
  response.end(JSON.stringify(body))
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return {}
  const parsed: unknown = JSON.parse(text)
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
}
