/**
 * mig's command line as a library: mount it in an application's own cac CLI, or drive it
 * in-process.
 *
 * @example
 * import { cac } from 'cac'
 * import { registerMigCommands } from 'mig/cli'
 *
 * const cli = cac('myapp')
 * registerMigCommands(cli, { group: 'db' }) // myapp db upgrade, myapp db heads, myapp db --help
 * cli.help()
 * cli.parse()
 */
export { registerMigCommands, type MountOptions } from './cli/mount.js'
export { createCLI, main } from './cli/main.js'
export type { ConfigSource } from './cli/config-source.js'
export type { Output } from './cli/io.js'
