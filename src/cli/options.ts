import type { MigConfig } from '../config/types.js'
import { MigError } from '../errors.js'
import { loadCommandConfig, type ConfigSource } from './config-source.js'
import type { Output } from './io.js'

/** The options cac parsed for one command. */
export type Options = Record<string, unknown>

/** What every command module gets: where to write, and how to load the config for one run. */
export interface CommandContext {
  readonly output: Output
  /** The config the application mounting mig handed over, if any. */
  readonly source: ConfigSource
  /** The config for this run, from `--config`/`-d`, the mounting application, or `mig.config.ts`. */
  config(options: Options, required?: boolean): Promise<MigConfig>
}

/**
 * The context of a CLI writing to `output`.
 *
 * @example const context = commandContext(processOutput, undefined)
 */
export function commandContext(output: Output, source: ConfigSource): CommandContext {
  return {
    output,
    source,
    config: (options, required = true) =>
      loadCommandConfig({ configFile: text(options, 'config'), directory: text(options, 'directory'), required }, source),
  }
}

/**
 * The text of a value option (the CLI keeps every word as typed, see argv.ts); given twice, the
 * last wins. cac reports `--rev-id` without a value; given twice with the last bare, the list
 * holds `true`, caught here.
 *
 * @example text({ revId: ['0001'] }, 'revId') // '0001'
 */
export function text(options: Options, name: string): string | undefined {
  const list = texts(options, name)
  return list.length > 0 ? list[list.length - 1] : undefined
}

/**
 * Every value of a repeatable option (`--depends-on a --depends-on b`).
 *
 * @example texts({ dependsOn: ['a', 'b'] }, 'dependsOn') // ['a', 'b']
 */
export function texts(options: Options, name: string): string[] {
  const value = options[name]
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => {
    if (typeof item !== 'string') throw new MigError('USAGE', `Option \`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}\` needs a value`)
    return item
  })
}

/**
 * `-x` values as typed; the command parses them (a malformed one is a usage error, exit 2).
 *
 * @example xArgs({ xArg: ['tenant=acme'] }) // ['tenant=acme']
 */
export function xArgs(options: Options): string[] {
  return texts(options, 'xArg')
}

/**
 * Writes a result: as JSON with `--json`, else as `render` formats it (nothing for an empty text).
 *
 * @example print(output, false, result, () => result.revisions.map((r) => r.id).join('\n'))
 */
export function print(output: Output, json: boolean, result: unknown, render: () => string): void {
  const rendered = json ? JSON.stringify(result, null, 2) : render()
  if (rendered !== '') output.out(rendered)
}
