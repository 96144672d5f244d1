import { statSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { RunDatabase } from '../runtime/migration-run.js'
import { Rerun } from './rerun.js'

/** The version rows of every database, as a migration run reads them. */
export type VersionReading = ReadonlyArray<{ readonly database: RunDatabase; readonly rows: readonly string[] }>

/** What the watch reads the version rows through: a migration run it keeps open (`openRun`). */
export interface VersionSource {
  readonly databases: readonly RunDatabase[]
  readVersions(): Promise<VersionReading>
  close(): Promise<void>
}

export interface DatabaseWatchOptions {
  /** Opens a source on the configured databases, through `env.ts` as a command would. */
  open(): Promise<VersionSource>
  /** The version rows moved (or could be read again, or no longer): run the full check. */
  changed(): void
  /** How often server databases are read while a page is open. Default {@link POLL_MS}. */
  pollMs?: number
}

/** Short enough that the overlay follows a terminal's `mig upgrade` within a second; two small queries each. */
export const POLL_MS = 500
// Folds the writes of one commit (pages, journal, WAL frames) into one read.
const SETTLE_MS = 20
const UNREADABLE = 'unreadable'
const ABSENT = 'absent'

/**
 * Follows the dev databases between checks, so what the dev loop shows follows whatever changes
 * them (a terminal's `mig upgrade`, another process, the app's own tests). Its fingerprint is the
 * version rows, the one thing a migration, a stamp or a sync always changes; the full check runs
 * only when they differ from what the last check or read saw, so the app's own writes, and the
 * check's own connections, cost one tiny read and never a check.
 *
 * - SQLite: the database file, its `-wal` and its `-journal` are watched (a commit touches one of
 *   them); each change is followed by one read of the rows.
 * - Server databases: the rows are read every `pollMs` while at least one page is open, and when
 *   a page asks (`refresh()`, on focus or when it becomes visible); nothing is read, and no
 *   connection held, while no page is open.
 *
 * The rows are read on one kept connection per database. A SQLite file's is opened as soon as
 * the file is known and stays open: closing the last connection of a WAL database checkpoints it,
 * which would touch the files and wake the watch again, and while the watch holds one no other
 * connection (the check's, a terminal's) is the last. A server database's is opened by the first
 * read and closed when the last page closes. Nothing here knows Vite: the caller says how many
 * pages are open and calls `seen` after each check.
 *
 * @example
 * const watch = new DatabaseWatch({ open: () => openRun(config, 'check', environmentArgs({})), changed: () => loop.schedule() })
 * watch.seen(await run.readVersions()) // after each full check
 * watch.setOpenPages(1) // polls a PostgreSQL database until setOpenPages(0)
 */
export class DatabaseWatch {
  readonly #options: DatabaseWatchOptions
  #source: Promise<VersionSource> | undefined
  /** The databases the open source reads, and each SQLite file's inode then (a file replaced since needs a new connection). */
  #sourceTargets = ''
  #inodes = new Map<string, number>()
  #targets = ''
  /** The fingerprint the last check or read saw; undefined before the first. */
  #last: string | undefined
  #sqliteFiles: string[] = []
  /** Until the databases are known, they are treated as servers (polled while a page is open). */
  #polls = true
  #pages = 0
  #reads = 0
  readonly #reading = new Rerun(() => this.#readOnce(), () => this.#closed)
  #settle: NodeJS.Timeout | undefined
  #poll: NodeJS.Timeout | undefined
  /** Each watched folder, and the names in it whose change means a commit. */
  #folders = new Map<string, { watcher: FSWatcher; names: Set<string> }>()
  #closed = false
  /** Set while `suspend` runs work that needs the database to itself. */
  #suspended = false

  constructor(options: DatabaseWatchOptions) {
    this.#options = options
  }

  /** How many times the rows were read. */
  get reads(): number {
    return this.#reads
  }

  /** What is followed and how, for a human or a test (the dev server's `GET /__mig/watch`). */
  get state(): { pages: number; polling: boolean; files: string[]; reads: number } {
    const files = [...this.#folders].flatMap(([folder, { names }]) => [...names].map((name) => join(folder, name)))
    return { pages: this.#pages, polling: this.#poll !== undefined, files, reads: this.#reads }
  }

  /** A full check read these rows: they are the fingerprint to compare with, and say what to follow. */
  seen(reading: VersionReading): void {
    this.#last = fingerprint(reading)
    const databases = reading.map(({ database }) => database)
    if (this.#source && this.#sourceTargets !== targetsKey(databases)) void this.#closeSource()
    this.#follow(databases)
  }

  /** How many pages are open (Vite's hot channel clients): server databases are polled while there is one. */
  setOpenPages(count: number): void {
    this.#pages = count
    if (count > 0) return this.#schedulePoll()
    clearTimeout(this.#poll)
    this.#poll = undefined
    void this.#releaseIdle()
  }

  /** Reads the rows soon (a page came back into view, a file changed): a full check follows if they moved. */
  refresh(): void {
    if (this.#closed) return
    clearTimeout(this.#settle)
    this.#settle = setTimeout(() => void this.#read(), SETTLE_MS)
  }

  /**
   * Runs `work` with no connection of the watch open and no read started meanwhile: copying a
   * PostgreSQL database (`mig sync`'s snapshot) needs it to have no other session. Reads resume after.
   */
  async suspend<T>(work: () => Promise<T>): Promise<T> {
    this.#suspended = true
    try {
      while (this.#reading.running) await this.#reading.running
      await this.#closeSource()
      return await work()
    } finally {
      this.#suspended = false
      this.refresh()
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#settle)
    clearTimeout(this.#poll)
    for (const { watcher } of this.#folders.values()) watcher.close()
    this.#folders.clear()
    while (this.#reading.running) await this.#reading.running
    await this.#closeSource()
  }

  /** Learns the databases: which files to watch and whether to poll. */
  #follow(databases: readonly RunDatabase[]): void {
    const targets = targetsKey(databases)
    if (targets === this.#targets || this.#closed) return
    this.#targets = targets
    this.#sqliteFiles = databases.flatMap(({ target }) => (target.dialect === 'sqlite' && target.file && target.file !== ':memory:' ? [target.file] : []))
    const watched = this.#watchFiles(this.#sqliteFiles)
    // Held from now on, so that no other connection's close is the last one (which checkpoints a WAL
    // database). A connection counts once it has read, so this opens it with a read.
    if (this.#sqliteFiles.length > 0 && !this.#source) void this.#read()
    this.#polls = !watched || databases.some(({ target }) => target.dialect !== 'sqlite')
    if (this.#polls) return this.#schedulePoll()
    clearTimeout(this.#poll)
    this.#poll = undefined
  }

  /**
   * Watches the folder of each SQLite file for writes to the file, its `-wal` or its `-journal`;
   * false where the platform cannot watch one (those databases are polled instead).
   */
  #watchFiles(files: readonly string[]): boolean {
    const wanted = new Map<string, Set<string>>()
    for (const file of files) {
      const names = wanted.get(dirname(file)) ?? new Set()
      for (const suffix of ['', '-wal', '-journal']) names.add(basename(file) + suffix)
      wanted.set(dirname(file), names)
    }
    for (const [folder, { watcher }] of this.#folders) {
      if (!wanted.has(folder)) {
        watcher.close()
        this.#folders.delete(folder)
      }
    }
    let all = true
    for (const [folder, names] of wanted) {
      const known = this.#folders.get(folder)
      if (known) {
        known.names = names
        continue
      }
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name === null || this.#folders.get(folder)?.names.has(name)) this.refresh()
        })
        watcher.on('error', () => {
          watcher.close()
          this.#folders.delete(folder)
        })
        this.#folders.set(folder, { watcher, names })
      } catch {
        all = false
      }
    }
    return all
  }

  #schedulePoll(): void {
    if (this.#closed || this.#pages === 0 || !this.#polls || this.#poll) return
    const timer: NodeJS.Timeout = setTimeout(() => {
      void this.#read().finally(() => {
        // setOpenPages may have stopped this chain and started another meanwhile.
        if (this.#poll !== timer) return
        this.#poll = undefined
        this.#schedulePoll()
      })
    }, this.#options.pollMs ?? POLL_MS)
    this.#poll = timer
  }

  /** One read at a time; a request during a read reads once more after it (the commit may have come after it began). */
  #read(): Promise<void> {
    return this.#closed || this.#suspended ? Promise.resolve() : this.#reading.run()
  }

  async #readOnce(): Promise<void> {
    const value = await this.#fingerprint()
    if (this.#closed) return
    const moved = this.#last !== undefined && value !== this.#last
    this.#last = value
    if (moved) this.#options.changed()
  }

  async #fingerprint(): Promise<string> {
    this.#reads++
    // Never create a database file the developer just removed: that is the check's business.
    if (this.#sqliteFiles.some((file) => inode(file) === undefined)) {
      await this.#closeSource()
      return ABSENT
    }
    if ([...this.#inodes].some(([file, ino]) => inode(file) !== ino)) await this.#closeSource()
    // A kept connection may have been dropped (a server restart) or closed by a retarget: one fresh try.
    for (const last of [false, true]) {
      try {
        return fingerprint(await (await this.#open()).readVersions())
      } catch {
        await this.#closeSource()
        if (last) break
      }
    }
    return UNREADABLE
  }

  #open(): Promise<VersionSource> {
    this.#source ??= this.#options.open().then((source) => {
      this.#sourceTargets = targetsKey(source.databases)
      this.#inodes = new Map(source.databases.flatMap(({ target }) => (target.dialect === 'sqlite' && target.file ? [[target.file, inode(target.file) ?? -1] as const] : [])))
      this.#follow(source.databases)
      return source
    })
    return this.#source
  }

  /** With no page open, a server database's connection is let go (SQLite's stays: see the class). */
  async #releaseIdle(): Promise<void> {
    while (this.#reading.running) await this.#reading.running
    if (this.#pages === 0 && this.#sqliteFiles.length === 0) await this.#closeSource()
  }

  async #closeSource(): Promise<void> {
    const source = this.#source
    this.#source = undefined
    this.#sourceTargets = ''
    this.#inodes = new Map()
    await source?.then((opened) => opened.close()).catch(() => {})
  }
}

/** The version rows of every database, in one string that changes exactly when they do. */
function fingerprint(reading: VersionReading): string {
  return JSON.stringify(reading.map(({ database, rows }) => [database.name, [...rows].sort()]))
}

function inode(file: string): number | undefined {
  try {
    return statSync(file).ino
  } catch {
    return undefined
  }
}

function targetsKey(databases: readonly RunDatabase[]): string {
  return databases.map(({ name, target }) => `${name}=${target.display}`).join('\n')
}
