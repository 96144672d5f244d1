/** What the dev server knows about the migrations, as sent to the browser overlay. */
export type DevStatus =
  | { state: 'checking' }
  | { state: 'clean'; head: string | undefined }
  | { state: 'models-changed'; changes: Array<{ message: string; table: string; column?: string; destructive: boolean }>; command: string }
  | { state: 'database-behind'; pending: Array<{ id: string; message: string }>; command: string }
  | { state: 'multiple-heads'; heads: string[]; command: string }
  /** Revisions applied to the database whose files are gone (a git switch): `note` says since when and from which branch. */
  | { state: 'phantoms'; phantoms: Array<{ id: string; message: string; note: string; bind?: string }>; command: string }
  | { state: 'error'; message: string; file?: string }

/** The one terminal line for a state (printed when the state changes). */
export function statusLine(status: DevStatus): string {
  switch (status.state) {
    case 'checking':
      return 'checking models against migrations...'
    case 'clean':
      return `models match the migrations${status.head ? ` (head ${status.head})` : ''}`
    case 'models-changed':
      return `${status.changes.length} model change(s) not in a migration: ${status.changes.map(changeText).join(', ')} → ${status.command}`
    case 'database-behind':
      return `database is ${status.pending.length} revision(s) behind (${status.pending.map((p) => p.id).join(', ')}) → ${status.command}`
    case 'multiple-heads':
      return `several heads (${status.heads.join(', ')}) → ${status.command}`
    case 'phantoms':
      return `the database has revisions whose files are gone: ${status.phantoms.map((p) => `${p.id} (${p.note})`).join(', ')} → ${status.command}`
    case 'error':
      return `error: ${status.message}${status.file ? ` (${status.file})` : ''}`
  }
}

/** `Detected added column 'user.email'` → `user.email added`, as the overlay lists changes. */
export function changeText(change: { message: string }): string {
  return change.message.replace(/^Detected /, '')
}

/** A stable key: the terminal prints a line only when this changes. */
export function statusKey(status: DevStatus): string {
  return JSON.stringify(status)
}

/** A state as a bundler reports it: a warning or an error, a title and detail lines; none when all is well. */
export interface Diagnostic {
  readonly level: 'warning' | 'error'
  readonly title: string
  /** One line per change, revision or head, then the command to run. */
  readonly details: readonly string[]
  /** The title and the details as one text (webpack's overlay, Rollup's warnings). */
  readonly text: string
}

/**
 * The state as a bundler's diagnostic (webpack's overlay, esbuild's and Rollup's watch output):
 * the same facts as the Vite overlay, one item per line, and the command to run.
 *
 * @example
 * diagnosticOf({ state: 'database-behind', pending: [{ id: 'ae1027a6acf', message: 'add rating' }], command: 'mig upgrade' })?.text
 * // 'mig: the database is behind the migrations\n  ae1027a6acf add rating\nRun: mig upgrade'
 */
export function diagnosticOf(status: DevStatus): Diagnostic | undefined {
  const diagnostic = (level: Diagnostic['level'], title: string, items: string[], command?: string): Diagnostic => {
    const details = [...items.map((item) => `  ${item}`), ...(command ? [`Run: ${command}`] : [])]
    return { level, title: `mig: ${title}`, details, text: [`mig: ${title}`, ...details].join('\n') }
  }
  switch (status.state) {
    case 'checking':
    case 'clean':
      return undefined
    case 'models-changed':
      return diagnostic('warning', 'the models have changes that no migration covers', status.changes.map(changeText), status.command)
    case 'database-behind':
      return diagnostic('warning', 'the database is behind the migrations', status.pending.map((p) => `${p.id} ${p.message}`.trim()), status.command)
    case 'multiple-heads':
      return diagnostic('warning', 'the migrations have several heads', status.heads, status.command)
    case 'phantoms':
      return diagnostic('warning', 'the database has revisions whose files are gone', status.phantoms.map((p) => `${p.bind ? `${p.bind}: ` : ''}${p.id} ${p.message} (${p.note})`), status.command)
    case 'error':
      return diagnostic('error', `cannot check the migrations: ${status.message}${status.file ? ` (${status.file})` : ''}`, [])
  }
}
