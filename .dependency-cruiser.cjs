/**
 * The "never"s of ARCHITECTURE.md, checked by `npm test` (stage "boundaries"). A violation fails with the rule's
 * name. Product modules on each side: server/src/modules/<name>, web/src/features/<name>.
 */
const PRODUCT = '(factory|labor|talent|park|trade)';
const SERVER_MODULE = '(identity|factory|labor|talent|park|trade)';

module.exports = {
  forbidden: [
    {
      name: 'platform-not-to-modules',
      comment: 'server/src/platform is the floor every module stands on; it must not know any module (the composition root lists them).',
      severity: 'error',
      from: { path: '^server/src/platform/' },
      to: { path: '^server/src/(modules/|app\\.ts$|cli/)' },
    },
    {
      name: 'module-not-to-other-module',
      comment: 'A server module imports the platform, contracts and shared code, never another module. What two modules need lives in platform/ or shared/.',
      severity: 'error',
      from: { path: `^server/src/modules/${SERVER_MODULE}/` },
      to: { path: '^server/src/modules/([^/]+)/', pathNot: '^server/src/modules/$1/' },
    },
    {
      name: 'only-through-module-index',
      comment: 'Code outside a module (the composition root, the CLI, tests elsewhere) reaches it only through its index.ts.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: '^server/src/modules/[^/]+/' },
      to: { path: `^server/src/modules/${SERVER_MODULE}/.+`, pathNot: `^server/src/modules/${SERVER_MODULE}/index\\.ts$` },
    },
    {
      name: 'shared-is-neutral',
      comment: 'server/src/shared (e.g. the matching engine) is pure code any module may use; it imports no module and no platform.',
      severity: 'error',
      from: { path: '^server/src/shared/' },
      to: { path: '^server/src/(modules/|platform/|app\\.ts$|cli/)' },
    },
    {
      name: 'factory-quality-is-pure',
      comment:
        'server/src/modules/factory/quality (SPC, capability, .dfq and CSV readers) is pure: no I/O, no platform, nothing of the module outside the folder; contracts and plain libraries only.',
      severity: 'error',
      from: { path: '^server/src/modules/factory/quality/' },
      to: { path: '^server/src/', pathNot: '^server/src/modules/factory/(quality|test)/' },
    },
    {
      name: 'factory-quality-no-io',
      comment: 'The quality folder reads and writes no files, sockets or processes: callers hand it text or bytes (its tests may read fixtures).',
      severity: 'error',
      from: { path: '^server/src/modules/factory/quality/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-not-to-server',
      comment: 'The web app talks to the server over HTTP only; types come from contracts.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|sim|bench)/' },
    },
    {
      name: 'web-feature-not-to-other-feature',
      comment: "A web product feature imports the shell, auth, the admin's common parts and contracts — never another product feature.",
      severity: 'error',
      from: { path: `^web/src/features/${PRODUCT}/` },
      to: { path: `^web/src/features/${PRODUCT}/`, pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'product-not-to-simulator',
      comment: 'The product does not depend on the plant simulator at run time; demo mode may load it with a dynamic import, tests may drive it.',
      severity: 'error',
      from: { path: '^(server|web|contracts|plant)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^sim/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'contracts/ holds schemas shared by server and web, plant/ the demo plant as data: neither imports the server, the web or the simulator.',
      severity: 'error',
      from: { path: '^(contracts|plant)/' },
      to: { path: '^(server|web|sim|bench|e2e)/' },
    },
    {
      name: 'no-circular-modules',
      comment: 'No import cycle between folders of different modules.',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { circular: true, pathNot: '^server/src/modules/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types'] },
  },
};
