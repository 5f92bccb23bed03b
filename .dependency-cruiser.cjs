// Import rules for the server, checked by server/src/folder-cycles.spec.ts (and by hand with
// `npx depcruise server/src`). Feature folders depend on each other in one direction only:
// flows ← hypotheses ← experiments ← assignments, analysis; everyone may use common/, config/,
// database/ and jobs/, which use none of them.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Two server folders import each other (directly or through others): cut the cycle with a query class.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'Two files import each other (directly or through others).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^server/src/',
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
  },
};
