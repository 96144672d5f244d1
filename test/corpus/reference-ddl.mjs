// MikroORM's own DDL for a corpus project, as the project's production build sees it: run with
// plain Node in a folder where `tsc` already wrote the project's output, it imports the compiled
// MikroORM config, points it at the given database, and prints `getCreateSchemaSQL()`.
//
//   node reference-ddl.mjs <compiled config> <sqlite|postgresql|mysql> <database url or SQLite file>
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [configFile, dialect, database] = process.argv.slice(2)
const require = createRequire(resolve('package.json'))
const drivers = {
  sqlite: ['@mikro-orm/better-sqlite', 'BetterSqliteDriver'],
  postgresql: ['@mikro-orm/postgresql', 'PostgreSqlDriver'],
  mysql: ['@mikro-orm/mysql', 'MySqlDriver'],
}
const [driverPackage, driverName] = drivers[dialect]
const { MikroORM } = require('@mikro-orm/core')
const driver = require(driverPackage)[driverName]

let config = (await import(pathToFileURL(resolve(configFile)).href)).default
// A compiled CommonJS module's default export arrives wrapped once more.
if (config && typeof config === 'object' && 'default' in config && !('entities' in config)) config = config.default
if (typeof config === 'function') config = await config()
config = await config

const connection = dialect === 'sqlite' ? { dbName: database, clientUrl: undefined } : { clientUrl: database, dbName: undefined }
const orm = await MikroORM.init({ ...config, ...connection, driver, debug: false, connect: false, extensions: [] })
try {
  process.stdout.write(await orm.schema.getCreateSchemaSQL({ wrap: false }))
} finally {
  await orm.close()
}
