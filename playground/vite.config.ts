import { defineConfig } from 'vite'
import mig from 'mig/vite'
import { notesApi } from './api.ts'

export default defineConfig({
  plugins: [mig(), notesApi()],
  server: { port: 5173 },
})
