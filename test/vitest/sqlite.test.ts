import { describe } from 'vitest'
import { vitestScenarios } from './scenarios.js'

describe('mig/vitest on SQLite', () => {
  vitestScenarios('sqlite')
})
