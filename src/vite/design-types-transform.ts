import { designTypesAsTsc } from '../loader/design-types.js'

/**
 * A Vite transform that gives decorator metadata compiled by Vite's own TypeScript transform
 * (oxc, one file at a time) what tsc writes, as mig's CLI does: `design:type` of an imported
 * enum is Number or String, not the enum object. Without it, the dev server's check and the
 * `orm` fixture in tests would read a different model from the one `mig migrate` read.
 * Runs after Vite's transform (`enforce: 'post'`), on the project's TypeScript only.
 */
export const designTypesTransform = {
  filter: { id: { include: /\.(c|m)?tsx?$/, exclude: /\/node_modules\// }, code: '=== "undefined" ? Object :' },
  handler: (code: string) => ({ code: designTypesAsTsc(code, 'module'), map: null }),
}
