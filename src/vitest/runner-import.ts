/**
 * Imports a module through Vitest's module runner. The plugin has Vitest inline the modules from
 * mig/vitest down to this one (`server.deps.inline`; a module Node loads natively would import
 * natively too), so Vite rewrites the `import()` below to the runner's: TypeScript loads, and
 * the project's config and models are the very module instances the test files import —
 * MikroORM must meet the same entity classes the tests use.
 */
export function importThroughVitest<T = Record<string, unknown>>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>
}
