import { join } from 'node:path'
import type { PackagedMigrations } from '../config/types.js'
import { MigError } from '../errors.js'
import type { RevisionHeader } from '../revision/types.js'
import { headerFrom } from './read-header.js'
import { provideRevisionModule } from './modules.js'

/**
 * Headers of bundled revisions, read from their exports: a bundler keeps exports but drops the
 * doc comment, so the message comes from the `message` export. Each module is handed to the
 * runtime under a stand-in path (`<directory>/index.ts#<id>`), which error messages and `show`
 * print, so the steps call the module's functions directly.
 *
 * @example
 * import * as migrations from './migrations/index.js'
 * packagedHeaders('/app/migrations', migrations) // [{ id: 'cf02980d4903', path: '/app/migrations/index.ts#cf02980d4903', ... }]
 */
export function packagedHeaders(directory: string, migrations: PackagedMigrations): RevisionHeader[] {
  if (!Array.isArray(migrations.revisions)) {
    throw new MigError('BAD_CONFIG', "config.migrations must be the module 'mig init --package' writes (it exports 'revisions', a list of revision modules)")
  }
  return migrations.revisions.map((module, index) => {
    if (typeof module?.revision !== 'string') {
      throw new MigError('BAD_REVISION_FILE', `Bundled revision #${index + 1} in config.migrations does not export a string 'revision'`)
    }
    const path = `${join(directory, 'index.ts')}#${module.revision}`
    provideRevisionModule(path, module)
    // The doc comment is gone; `show` prints the message in its place.
    const doc = typeof module.message === 'string' ? module.message : ''
    return headerFrom({ ...module, revision: module.revision, doc }, path)
  })
}
