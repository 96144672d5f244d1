import type { MigUserConfig } from './types.js'

/**
 * Types a `mig.config.ts`. It returns its argument unchanged, so importing it costs nothing.
 *
 * @example
 * import { defineConfig } from 'mig'
 *
 * export default defineConfig({
 *   database: process.env.DATABASE_URL ?? 'sqlite:app.db',
 *   orm: async () => ({ entities: Object.values(await import('./src/models.js')) }),
 * })
 */
export function defineConfig<T extends MigUserConfig>(config: T): T {
  return config
}
