import { defineConfig } from 'mig'

export default defineConfig({
  database: 'sqlite:playground.db',
  // Loaded only by commands that need the models (migrate, check, the dev-server check).
  orm: async () => {
    await import('reflect-metadata')
    return { entities: [...Object.values(await import('./src/models.js')), (await import('./src/tag.entity.js')).Tag] }
  },
})
