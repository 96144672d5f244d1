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
