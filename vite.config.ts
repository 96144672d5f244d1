import { defineConfig } from 'vitest/config'

// The project's own test configuration. Database tests run on SQLite always and on
// PostgreSQL/MariaDB when MIG_TEST_POSTGRES_URL / MIG_TEST_MYSQL_URL are set.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
