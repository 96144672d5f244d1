import { describe } from 'vitest'
import { POSTGRES_URL, SKIP_POSTGRES } from '../helpers/databases.js'
import { vitestScenarios } from './scenarios.js'

describe.runIf(POSTGRES_URL)(`mig/vitest on PostgreSQL${SKIP_POSTGRES}`, () => {
  vitestScenarios('postgresql', POSTGRES_URL)
})
