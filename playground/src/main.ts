interface Note { id: number; title: string; done: boolean }

const list = document.querySelector<HTMLUListElement>('#notes')!
const error = document.querySelector<HTMLParagraphElement>('#error')!

function render(notes: Note[] | { error: string }): void {
  if (!Array.isArray(notes)) {
    error.textContent = notes.error
    return
  }
  error.textContent = ''
  list.replaceChildren(...notes.map((note) => Object.assign(document.createElement('li'), { textContent: note.title, className: note.done ? 'done' : '' })))
}

document.querySelector<HTMLFormElement>('#add')!.addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = event.target as HTMLFormElement
  const title = new FormData(form).get('title')
  render(await (await fetch('/api/notes', { method: 'POST', body: JSON.stringify({ title }) })).json())
  form.reset()
})

render(await (await fetch('/api/notes')).json())
