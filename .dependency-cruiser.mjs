// The layering of docs/architecture.md, checked on the imports of src/ by dependency-cruiser
// (`npx depcruise src` by hand; test/architecture.test.ts runs the same rules under `npm test`).
// Type-only imports count: they tie the files together for a reader too. Lazy `await import()`s
// do not: they are how a module defers a dependency it does not always need.

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'has no import cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'nothing imports cli/ but cli/ and the cli entry',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli/|cli\\.ts$)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'runtime-reaches-down',
      comment: 'runtime/ reaches down only: not into the script folder, the revision graph, commands or the CLI',
      severity: 'error',
      from: { path: '^src/runtime/' },
      to: { path: '^src/(script|revision|commands|cli)/' },
    },
    {
      name: 'connections-stay-in-runtime',
      comment: 'only runtime/ and operations/ hold a connection: nothing else imports runtime/connection.ts',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(runtime|operations)/' },
      to: { path: '^src/runtime/connection\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { dynamic: true },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
}
