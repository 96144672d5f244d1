import { MigError } from '../errors.js'
import type { LintConfig } from './types.js'

/**
 * `lint: { ignore, targetVersion }` of mig.config.ts, checked, and whether the config sets a
 * `lockTimeout` for every revision (then no revision misses one).
 *
 * @example lintConfig({ lint: { ignore: ['MIG301'] } }) // { ignore: ['MIG301'], lockTimeout: false }
 */
export function lintConfig(options: Readonly<Record<string, unknown>>): LintConfig & { readonly lockTimeout: boolean } {
  const value = options.lint
  const lockTimeout = options.lockTimeout !== undefined && options.lockTimeout !== null
  if (value === undefined) return { lockTimeout }
  const lint = value as LintConfig
  const ignoreOk = lint?.ignore === undefined || (Array.isArray(lint.ignore) && lint.ignore.every((code) => typeof code === 'string'))
  if (value === null || typeof value !== 'object' || !ignoreOk || (lint.targetVersion !== undefined && typeof lint.targetVersion !== 'string')) {
    throw new MigError('BAD_CONFIG', "'lint' in mig.config.ts is { ignore?: ['MIG301', ...], targetVersion?: '14' }")
  }
  return { ...lint, lockTimeout }
}
