/**
 * The browser side of the dev loop, served as the virtual module `virtual:mig-client`: a
 * `<mig-overlay>` element in a shadow root (the app's CSS cannot break it) that shows what the
 * dev server reports and offers the actions. The per-server token is baked in, so only pages
 * served by this dev server can ask it to write files or change the database.
 */
export function clientSource(token: string): string {
  return `const TOKEN = ${JSON.stringify(token)}
const STYLE = \`
:host { position: fixed; inset: auto 16px 16px auto; z-index: 2147483647; max-width: min(640px, calc(100vw - 32px));
  font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; color: #e8e8e8 }
.box { background: #181818; border: 1px solid #444; border-left: 4px solid var(--accent); border-radius: 6px; padding: 14px 16px;
  box-shadow: 0 8px 30px rgba(0,0,0,.45) }
h2 { margin: 0 0 8px; font-size: 14px; color: var(--accent) }
ul { margin: 6px 0 10px; padding-left: 18px } li.destructive { color: #ff8a80 }
code { display: block; background: #000; padding: 6px 8px; border-radius: 4px; color: #9cdcfe; margin: 6px 0 }
.file { color: #7fd3ff } .actions { display: flex; gap: 8px; align-items: center; margin-top: 8px }
button { font: inherit; background: var(--accent); color: #111; border: 0; border-radius: 4px; padding: 4px 10px; cursor: pointer }
button[disabled] { opacity: .5; cursor: default } input { font: inherit; flex: 1; background: #000; color: #eee; border: 1px solid #444; border-radius: 4px; padding: 3px 6px }
.note { color: #aaa; font-size: 12px } .close { background: transparent; color: #aaa; padding: 0 4px; margin-left: auto }\`

const TITLES = {
  'models-changed': ['#ffb86c', 'Models have changes that no migration covers'],
  'database-behind': ['#8be9fd', 'The database is behind the migrations'],
  'multiple-heads': ['#ff79c6', 'The migrations have several heads'],
  phantoms: ['#bd93f9', 'The database has revisions whose files are gone'],
  error: ['#ff5555', 'mig cannot check the migrations'],
}

function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
}

class MigOverlay extends HTMLElement {
  constructor() {
    super()
    this.root = this.attachShadow({ mode: 'open' })
  }
  show(status) {
    this.status = status
    const [accent, title] = TITLES[status.state]
    let body = ''
    if (status.state === 'models-changed') {
      body = '<ul>' + status.changes.map((c) => '<li class="' + (c.destructive ? 'destructive' : '') + '">' + escape(c.message.replace(/^Detected /, '')) + '</li>').join('') + '</ul>' +
        '<code>' + escape(status.command) + '</code>' +
        '<div class="actions"><input name="message" placeholder="migration message" value=""><button data-action="generate">Generate migration</button></div>'
    } else if (status.state === 'database-behind') {
      body = '<ul>' + status.pending.map((p) => '<li>' + escape(p.id + ' ' + p.message) + '</li>').join('') + '</ul>' +
        '<code>' + escape(status.command) + '</code><div class="actions"><button data-action="apply">Apply</button></div>'
    } else if (status.state === 'phantoms') {
      body = '<ul>' + status.phantoms.map((p) => '<li>' + escape((p.bind ? p.bind + ': ' : '') + p.id + ' ' + p.message) + ' <span class="note">' + escape(p.note) + '</span></li>').join('') + '</ul>' +
        '<code>' + escape(status.command) + '</code><div class="actions"><button data-action="sync">Sync</button>' +
        '<span class="note">downgrades them from their stored sources, then upgrades to the heads</span></div>'
    } else if (status.state === 'multiple-heads') {
      body = '<ul>' + status.heads.map((h) => '<li>' + escape(h) + '</li>').join('') + '</ul><code>' + escape(status.command) + '</code>'
    } else if (status.state === 'error') {
      body = '<p>' + escape(status.message) + '</p>' + (status.file ? '<div class="file">' + escape(status.file) + '</div>' : '')
    }
    this.root.innerHTML = '<style>' + STYLE + '</style><div class="box" style="--accent:' + accent + '"><div class="actions" style="margin:0">' +
      '<h2>' + escape(title) + '</h2><button class="close" title="hide until the next change">✕</button></div>' + body + '<div class="note" hidden></div></div>'
    this.root.querySelector('.close').onclick = () => this.remove()
    for (const button of this.root.querySelectorAll('button[data-action]')) button.onclick = () => this.act(button)
  }
  async act(button) {
    const note = this.root.querySelector('.note')
    button.disabled = true
    note.hidden = false
    note.textContent = { generate: 'generating...', apply: 'applying...', sync: 'syncing...' }[button.dataset.action]
    const input = this.root.querySelector('input[name=message]')
    try {
      const response = await fetch('/__mig/' + button.dataset.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mig-token': TOKEN },
        body: JSON.stringify({ message: input && input.value ? input.value : undefined }),
      })
      const result = await response.json()
      note.textContent = response.ok ? result.summary : 'failed: ' + result.error
    } catch (error) {
      note.textContent = 'failed: ' + error.message
    } finally {
      button.disabled = false
    }
  }
}
if (!customElements.get('mig-overlay')) customElements.define('mig-overlay', MigOverlay)

let overlay
function render(status) {
  if (status.state === 'clean' || status.state === 'checking') {
    overlay?.remove()
    overlay = undefined
    return
  }
  if (!overlay || !overlay.isConnected) {
    overlay = document.createElement('mig-overlay')
    document.body.appendChild(overlay)
  }
  overlay.show(status)
}

if (import.meta.hot) {
  const hot = import.meta.hot
  hot.on('mig:status', render)
  hot.send('mig:hello')
  // Back from the terminal: the database may have moved meanwhile (the server reads its version rows).
  const visible = () => document.visibilityState === 'visible' && hot.send('mig:visible')
  document.addEventListener('visibilitychange', visible)
  window.addEventListener('focus', visible)
}
`
}
