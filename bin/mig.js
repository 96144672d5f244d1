#!/usr/bin/env node
import { main } from '../dist/cli/main.js'

const code = await main(process.argv.slice(2))
// After a failure a driver may still hold a connection open (MikroORM does not close the one it
// opened when its start fails): the error is printed, so end the process rather than hang. But
// only once stdout is written out: a pipe takes a large result (`mig lint --json` exiting 1)
// in pieces, and exiting at once would cut it.
if (code !== 0) process.stdout.write('', () => process.exit(code))
process.exitCode = code
