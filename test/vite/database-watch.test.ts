import { describe, expect, it, onTestFinished } from 'vitest'
import { environmentArgs, openRun } from '../../dist/commands/common.js'
import { resolveConfig } from '../../dist/index.js'
import { DatabaseWatch } from '../../dist/dev/database-watch.js'
import { DATABASE_TARGETS, type OpenedTarget } from '../helpers/databases.js'
import { createProject, type TempProject } from '../helpers/project.js'
import { tableRevision } from '../helpers/revisions.js'

// The dev loop's database watch on its own, as a future `mig dev` would use it: real databases,
// changed by the real CLI in its own process. What it reports is "the version rows moved".

let project: TempProject
let opened: OpenedTarget
let watch: DatabaseWatch

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

for (const target of DATABASE_TARGETS) {
  describe.skipIf(!target.enabled)(`the database watch on ${target.name}`, () => {
    /** A project with one revision, not applied, and a watch on its database that has seen the empty version table. */
    async function watched(pollMs: number): Promise<{ changes: () => number }> {
      const created = (project = createProject())
      onTestFinished(() => created.remove())
      const database = (opened = await target.open(() => created.dir))
      onTestFinished(() => database.drop())
      project.write('mig.config.ts', opened.config)
      expect((await project.mig(['init'])).code).toBe(0)
      project.write('migrations/versions/aaa_first.ts', tableRevision('aaa', null))
      const config = await resolveConfig({ database: opened.url }, { root: project.dir })
      let changes = 0
      watch = new DatabaseWatch({ open: () => openRun(config, 'check', environmentArgs({})), changed: () => changes++, pollMs })
      const following = watch
      onTestFinished(() => following.close())
      const run = await openRun(config, 'check', environmentArgs({}))
      try {
        watch.seen(await run.readVersions())
      } finally {
        await run.close()
      }
      return { changes: () => changes }
    }

    it('a terminal upgrade is one change; reading again finds none', async () => {
      const { changes } = await watched(60_000)
      const asked = () => {
        // SQLite follows its files by itself; a server database is read when a page asks.
        if (target.dialect !== 'sqlite') watch.refresh()
      }
      expect((await project.mig(['upgrade'])).code).toBe(0)
      asked()
      await expect.poll(changes, { timeout: 10_000, interval: 20 }).toBe(1)
      const reads = watch.reads
      asked()
      if (target.dialect !== 'sqlite') await expect.poll(() => watch.reads, { timeout: 10_000, interval: 20 }).toBeGreaterThan(reads)
      await sleep(300)
      expect(changes()).toBe(1)

      expect((await project.mig(['downgrade', 'base'])).code).toBe(0)
      asked()
      await expect.poll(changes, { timeout: 10_000, interval: 20 }).toBe(2)
    })

    it('polls only while a page is open', async () => {
      const { changes } = await watched(50)
      await sleep(300)
      const idle = watch.reads
      // SQLite is followed through its files, never polled.
      expect(watch.state.polling).toBe(false)
      watch.setOpenPages(1)
      if (target.dialect === 'sqlite') {
        await sleep(300)
        expect(watch.reads).toBe(idle)
        return
      }
      await expect.poll(() => watch.reads, { timeout: 10_000, interval: 20 }).toBeGreaterThan(idle + 2)
      expect((await project.mig(['upgrade'])).code).toBe(0)
      await expect.poll(changes, { timeout: 10_000, interval: 20 }).toBe(1)

      watch.setOpenPages(0)
      expect(watch.state.polling).toBe(false)
      // No page, no connection held: the server's session list has none for this database.
      if (target.dialect === 'postgresql') {
        const sessions = () => opened.query('select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')
        await expect.poll(async () => (await sessions())[0]!.n, { timeout: 10_000 }).toBe(0)
      }
      const stopped = watch.reads
      await sleep(300)
      expect(watch.reads).toBe(stopped)
    })
  })
}
