/**
 * mig's Vitest setup file (the plugin adds it to `test.setupFiles`, first): before each test
 * file, the worker's own copy of the template is made if this slot has none yet.
 */
import { inject } from 'vitest'
import { currentRun, prepareWorkerDatabase } from './worker-database.js'

// No run at all (a database mig/vitest cannot copy): files that do not use mig's fixtures still
// run. A run with an error (a revision that no longer migrates, in watch mode) fails every file.
if (inject('mig')) await prepareWorkerDatabase(currentRun())
