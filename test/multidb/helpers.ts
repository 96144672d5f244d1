import Database from 'better-sqlite3'
import { join } from 'node:path'

/** Two models, one per database: `post` lives in the main database, `user` in bind `users`. */
export const MODELS = `import { defineEntity, p } from '@mikro-orm/core'

export const Post = defineEntity({ name: 'Post', tableName: 'post', properties: { id: p.integer().primary(), title: p.string().length(200) } })
export const User = defineEntity({ name: 'User', tableName: 'user', properties: { id: p.integer().primary(), name: p.string().length(128) } })
`

/** A multidb config: the main database holds `Post`, bind `users` holds `User`. */
export function multidbConfig(main = 'sqlite:main.db', users = 'sqlite:users.db'): string {
  return `import { defineConfig } from 'mig'

export default defineConfig({
  database: ${JSON.stringify(main)},
  orm: async () => ({ entities: [(await import('./src/models.js')).Post] }),
  binds: {
    users: { database: ${JSON.stringify(users)}, orm: async () => ({ entities: [(await import('./src/models.js')).User] }) },
  },
})
`
}

/** Table names and version rows of a SQLite file in the project. */
export function sqliteState(dir: string, file: string): { tables: string[]; versions: string[] } {
  const db = new Database(join(dir, file), { readonly: true })
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>
    const names = tables.map((row) => row.name)
    const versions = names.includes('mig_version') ? (db.prepare('select version_num from mig_version').all() as Array<{ version_num: string }>) : []
    return { tables: names, versions: versions.map((row) => row.version_num) }
  } finally {
    db.close()
  }
}

/** A hand-written multidb revision: `sections` maps a bind to its upgrade lines. */
export function bindRevision(id: string, down: string | null, sections: Record<string, string[]>, downgrades: Record<string, string[]> = {}): string {
  const body = (map: Record<string, string[]>) =>
    Object.entries(map).map(([bind, lines]) => `  if (bind === '${bind}') {\n${lines.map((line) => `    ${line}`).join('\n')}\n  }`).join('\n')
  return `/**
 * ${id}
 *
 * Revision ID: ${id}
 * Revises: ${down ?? ''}
 * Create Date: 2026-11-25 08:47:50.441280
 */
import type { MigrationContext } from 'mig'

export const revision = '${id}'
export const downRevision = ${down === null ? 'null' : `'${down}'`}
export const branchLabels = null
export const dependsOn = null

export async function upgrade({ op, bind }: MigrationContext): Promise<void> {
${body(sections)}
}

export async function downgrade({ op, bind }: MigrationContext): Promise<void> {
${body(downgrades)}
}
`
}
