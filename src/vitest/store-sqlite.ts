import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseStore, StoreLocation } from './store.js'

/** SQLite: one file per database in the run's temporary folder (`home`). */
export function sqliteStore(location: StoreLocation): DatabaseStore {
  const file = (name: string) => join(location.home, `${name}.sqlite`)
  const removeFolder = () => rmSync(location.home, { recursive: true, force: true, maxRetries: 3 })
  return {
    dialect: 'sqlite',
    url: (name) => `sqlite:${file(name)}`,
    async createEmpty(name) {
      // A zero-byte file is a valid empty SQLite database.
      writeFileSync(file(name), '')
      return `sqlite:${file(name)}`
    },
    async copy(template, name, options = {}) {
      const target = file(name)
      if (options.replace || !existsSync(target)) {
        // Copied under a temporary name and renamed, so a reader never opens half a file.
        const partial = `${target}.${process.pid}.partial`
        copyFileSync(file(template), partial)
        renameSync(partial, target)
        for (const suffix of ['-journal', '-wal', '-shm']) rmSync(target + suffix, { force: true })
      }
      return `sqlite:${target}`
    },
    async drop(name) {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file(name) + suffix, { force: true })
    },
    async dropAll(prefix = '') {
      if (!existsSync(location.home)) return 0
      if (!prefix) {
        removeFolder()
        return 1
      }
      const files = readdirSync(location.home).filter((entry) => entry.startsWith(prefix))
      for (const entry of files) rmSync(join(location.home, entry), { force: true })
      return files.length
    },
    dropAllOnExit: removeFolder,
  }
}
