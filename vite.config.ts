import { defineConfig } from 'vitest/config'

// The project's own test configuration. Database tests run on SQLite always and on
// PostgreSQL/MariaDB when MIG_TEST_POSTGRES_URL / MIG_TEST_MYSQL_URL are set, or, when they are
// not exported, when those servers answer on their default local ports (the global setup decides
// and says at the end of the run which server's suites were skipped and why).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/helpers/database-servers.ts'],
  },
})
