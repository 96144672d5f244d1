#!/usr/bin/env node
import { main } from '../dist/cli/main.js'

const code = await main(process.argv.slice(2))
// After a failure a driver may still hold a connection open (MikroORM does not close the one it
// opened when its start fails): the error is printed, so end the process rather than hang.
if (code !== 0) process.exit(code)
process.exitCode = code
