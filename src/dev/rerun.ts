/**
 * Runs a piece of work one at a time. Asked again while it runs, it runs once more afterwards
 * (what it looks at may have changed after it began), and every caller waits for that run.
 *
 * @example
 * const check = new Rerun(async () => report(await checkStatus(config)))
 * void check.run()
 * await check.run() // waits for the first run and for one more after it
 */
export class Rerun {
  readonly #work: () => Promise<void>
  readonly #stopped: () => boolean
  #running: Promise<void> | undefined
  #again = false

  /** `stopped`: no further run starts once it says true (a closed server). */
  constructor(work: () => Promise<void>, stopped: () => boolean = () => false) {
    this.#work = work
    this.#stopped = stopped
  }

  /** The runs in progress, undefined when idle. */
  get running(): Promise<void> | undefined {
    return this.#running
  }

  /** Asks for one more run after the current one (the work found more to do). */
  again(): void {
    this.#again = true
  }

  run(): Promise<void> {
    if (this.#running) {
      this.#again = true
      return this.#running
    }
    const running = (async () => {
      try {
        do {
          this.#again = false
          await this.#work()
        } while (this.#again && !this.#stopped())
      } finally {
        this.#running = undefined
      }
    })()
    this.#running = running
    return running
  }
}
