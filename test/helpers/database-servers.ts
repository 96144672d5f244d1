import { createRequire } from 'node:module'

/**
 * The repo's Vitest global setup (vite.config.ts): decides once per run which database servers
 * the PostgreSQL and MariaDB suites use, and says at the end of the run which were skipped and why.
 *
 * - `MIG_TEST_POSTGRES_URL` / `MIG_TEST_MYSQL_URL` exported: used as they are (CI); exported
 *   empty (`MIG_TEST_POSTGRES_URL= npm test`): that server's suites are skipped.
 * - not exported: the server's default local address is tried (a real connection and `select 1`,
 *   given {@link PROBE_TIMEOUT_MS}); when it answers, its URL is exported for the test workers and
 *   the processes they start, which fork after this runs and read the variables as CI sets them.
 */
export default async function setup(): Promise<() => void> {
  const found = await Promise.all(SERVERS.map(choose))
  return () => process.stdout.write(summary(found))
}

const require = createRequire(import.meta.url)
const PROBE_TIMEOUT_MS = 2_000

interface Server {
  readonly name: string
  readonly variable: string
  readonly address: string
  /** URLs tried in order when the variable is not exported. */
  readonly defaults: readonly string[]
  selectOne(url: string): Promise<void>
}

interface Choice {
  readonly server: Server
  readonly url?: string
  /** How the URL was chosen, or why the suites are skipped. */
  readonly why: string
}

const SERVERS: readonly Server[] = [
  {
    name: 'PostgreSQL',
    variable: 'MIG_TEST_POSTGRES_URL',
    address: '127.0.0.1:5432',
    defaults: ['postgresql://postgres@127.0.0.1:5432/test', 'postgresql://postgres@127.0.0.1:5432/postgres'],
    async selectOne(url) {
      const pg = require('pg') as typeof import('pg')
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS })
      client.on('error', () => {}) // a server going away mid-probe is an answer, not a crash
      try {
        await client.connect()
        await client.query('select 1')
      } finally {
        await client.end().catch(() => {})
      }
    },
  },
  {
    name: 'MariaDB',
    variable: 'MIG_TEST_MYSQL_URL',
    address: '127.0.0.1:3306',
    defaults: ['mysql://root@127.0.0.1:3306/test'],
    async selectOne(url) {
      const mysql = require('mysql2/promise') as typeof import('mysql2/promise')
      const connection = await mysql.createConnection({ uri: url, connectTimeout: PROBE_TIMEOUT_MS })
      try {
        await connection.query({ sql: 'select 1', timeout: PROBE_TIMEOUT_MS })
      } finally {
        await connection.end().catch(() => {})
      }
    },
  },
]

async function choose(server: Server): Promise<Choice> {
  const exported = process.env[server.variable]
  if (exported !== undefined) {
    return exported === ''
      ? { server, why: `${server.variable} is set empty` }
      : { server, url: exported, why: `from ${server.variable}` }
  }
  const failures: string[] = []
  for (const url of server.defaults) {
    try {
      await server.selectOne(url)
      process.env[server.variable] = url
      return { server, url, why: `found on its default port; ${server.variable} not set` }
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH') return { server, why: `nothing answered on ${server.address}; set ${server.variable}` }
      if (code === 'ETIMEDOUT' || /timeout/i.test(String((error as Error).message))) {
        return { server, why: `no answer from ${server.address} within ${PROBE_TIMEOUT_MS / 1000} s; set ${server.variable}` }
      }
      failures.push(`${url}: ${(error as Error).message}`)
    }
  }
  return { server, why: `${server.address} answered but ${failures.join('; ')}; set ${server.variable}` }
}

/** The end-of-run lines: what each server's suites ran on, or why they were skipped. */
function summary(choices: readonly Choice[]): string {
  const lines = choices.map((choice) =>
    choice.url === undefined
      ? `${choice.server.name} suites skipped: ${choice.why}`
      : `${choice.server.name} suites ran on ${redacted(choice.url)} (${choice.why})`,
  )
  const skipped = choices.filter((choice) => choice.url === undefined).length
  const head = skipped === 0 ? 'Database suites: none skipped (SQLite always runs).' : `Database suites: ${skipped} of ${choices.length} servers skipped (SQLite always runs).`
  return `\n${[head, ...lines.map((line) => `  ${line}`)].join('\n')}\n`
}

/** A URL as it may be printed: without its password. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
