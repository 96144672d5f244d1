import { describe, it } from 'vitest'
import { DIALECTS } from './helpers/harness.js'
import { runScenario } from './helpers/scenario.js'
import { SCENARIOS } from './scenarios.js'

// Generate on a real database, snapshot the revision, upgrade, find nothing left to do,
// downgrade, and find the schema and the rows as they were.
for (const { dialect, name, enabled } of DIALECTS) {
  describe.skipIf(!enabled)(`autogenerate round trip on ${name}`, () => {
    for (const scenario of SCENARIOS) {
      it(scenario.name, () => runScenario(scenario, dialect))
    }
  })
}
