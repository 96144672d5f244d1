import { afterEach, describe, expect, it, vi } from 'vitest'
import setup from './helpers/database-servers.js'

const saved = { postgres: process.env.MIG_TEST_POSTGRES_URL, mysql: process.env.MIG_TEST_MYSQL_URL }
afterEach(() => {
  vi.restoreAllMocks()
  for (const [variable, value] of [['MIG_TEST_POSTGRES_URL', saved.postgres], ['MIG_TEST_MYSQL_URL', saved.mysql]] as const) {
    if (value === undefined) delete process.env[variable]
    else process.env[variable] = value
  }
})

/** The lines `npm test` ends with, for the variables as given. */
async function endOfRun(env: { postgres: string; mysql: string }): Promise<string> {
  process.env.MIG_TEST_POSTGRES_URL = env.postgres
  process.env.MIG_TEST_MYSQL_URL = env.mysql
  const teardown = await setup()
  let printed = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => ((printed += String(text)), true))
  teardown()
  return printed
}

// The repo's own global setup: which database server suites ran, and why the others did not.
describe('npm test says which database suites were skipped', () => {
  it('an exported URL wins and an empty one turns the suites off', async () => {
    expect(await endOfRun({ postgres: 'postgresql://ci:secret@db.example:5433/mig', mysql: '' })).toBe(
      '\nDatabase suites: 1 of 2 servers skipped (SQLite always runs).\n' +
        '  PostgreSQL suites ran on postgresql://ci:***@db.example:5433/mig (from MIG_TEST_POSTGRES_URL)\n' +
        '  MariaDB suites skipped: MIG_TEST_MYSQL_URL is set empty\n',
    )
    expect(process.env.MIG_TEST_POSTGRES_URL).toBe('postgresql://ci:secret@db.example:5433/mig')
    expect(process.env.MIG_TEST_MYSQL_URL).toBe('')
  })

  it('says when nothing is skipped', async () => {
    expect(await endOfRun({ postgres: 'postgresql://postgres@127.0.0.1:5432/test', mysql: 'mysql://root@127.0.0.1:3306/test' })).toBe(
      '\nDatabase suites: none skipped (SQLite always runs).\n' +
        '  PostgreSQL suites ran on postgresql://postgres@127.0.0.1:5432/test (from MIG_TEST_POSTGRES_URL)\n' +
        '  MariaDB suites ran on mysql://root@127.0.0.1:3306/test (from MIG_TEST_MYSQL_URL)\n',
    )
  })
})
