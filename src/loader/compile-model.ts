import { createRequire } from 'node:module'
import { MigError } from '../errors.js'
import { designTypesAsTsc } from './design-types.js'
import type { ModuleFormat } from './module-format.js'
import { compilerSettingsFor } from './tsconfig.js'

type Swc = typeof import('@swc/core')
let swc: Swc | undefined

/**
 * Compiles one TypeScript module of the user's project the way their build does: swc (the
 * compiler MikroORM's CLI and NestJS use) with the file's own tsconfig settings, legacy
 * decorators with `design:type` metadata, and ES module or CommonJS output as Node will run the
 * file. An inline source map keeps stack traces (and MikroORM's entity paths) on the real
 * file and line. Synchronous, because CommonJS `require` is.
 *
 * @example
 * compileModel('/app/src/book.entity.ts', source, 'commonjs') // 'use strict'; ... require("@mikro-orm/core") ...
 */
export function compileModel(file: string, source: string, format: ModuleFormat): string {
  swc ??= createRequire(import.meta.url)('@swc/core') as Swc
  const settings = compilerSettingsFor(file)
  let code: string
  try {
    code = swc.transformSync(source, {
      filename: file,
      swcrc: false,
      configFile: false,
      sourceMaps: 'inline',
      isModule: true,
      jsc: {
        parser: { syntax: 'typescript', tsx: file.endsWith('x'), decorators: true },
        target: 'es2022',
        // MikroORM names entities after their classes.
        keepClassNames: true,
        transform: {
          legacyDecorator: settings.legacyDecorators,
          decoratorMetadata: settings.legacyDecorators && settings.emitDecoratorMetadata,
          useDefineForClassFields: settings.useDefineForClassFields,
          ...(settings.legacyDecorators ? {} : { decoratorVersion: '2022-03' as const }),
        },
      },
      module: format === 'commonjs' ? { type: 'commonjs', ignoreDynamic: settings.keepDynamicImport } : { type: 'es6' },
    }).code
  } catch (error) {
    throw new MigError('BAD_MODULE', syntaxErrorMessage(file, String((error as Error).message ?? error)))
  }
  return designTypesAsTsc(code, format)
}

// swc reports `  x Expected ';'\n   ,-[/app/x.ts:3:1]`; the user wants `/app/x.ts:3: Expected ';'`.
function syntaxErrorMessage(file: string, message: string): string {
  const reason = /x (.+)/.exec(message)?.[1]?.trim() ?? message.split('\n')[0]
  const line = /\[[^\]]*:(\d+):\d+\]/.exec(message)?.[1]
  return `${file}${line ? `:${line}` : ''}: ${reason}`
}
