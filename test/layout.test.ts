/*
 * Tests mirror sources, file for file (docs/development.md): `<dir>/<name>.ts` is tested by
 * `test/<dir>/<name>.test.ts`. Rules may be tested one file per service folder; Lambda handlers by
 * `test/handlers/<handler>.test.ts`; helpers in `private/` folders through the files that use
 * them. A test file may be a suite (`<name>.suite.ts`) that a test file imports, so that suites
 * sharing a costly warm-up run in one worker (test/platform/validated-apps.test.ts). Files that declare only types or constants, which the compiler checks, are listed below
 * with what tests them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './helpers/app-context';

const SOURCE_DIRS = ['core', 'constructs', 'settings', 'platform', 'pack', 'evidence', 'cli', 'handlers'];

/** Sources without a test file of their own, and why that is enough. */
const TESTED_ELSEWHERE: Readonly<Record<string, string>> = {
  'core/tags.ts': 'tag keys only: the constructs, rule and evidence tests assert the tags',
  'core/signature-format.ts': 'constants of the signature format: test/handlers and test/cli sign and verify with them',
  'constructs/key-purpose.ts': 'an enum: test/constructs/platform-key.test.ts creates a key of each purpose',
  'constructs/feature-group-definition.ts': 'types and an enum: test/constructs/feature-store.test.ts',
  'constructs/ml-access-scope.ts': 'an interface: test/constructs/ml-workload-roles.test.ts and ml-personas.test.ts',
  'constructs/persona.ts': 'an enum and a type: test/constructs/ml-personas.test.ts',
  'constructs/mirrored-config-rule.ts': 'an enum of managed-rule identifiers: test/constructs/continuous-compliance.test.ts',
  'cli/io.ts': 'the commands\' I/O types and exit codes: test/cli/*.test.ts run the commands through them',
  'pack/json.ts': 'JSON types and one guard: every rule test reads templates through it',
  'pack/rule.ts': 'the rule contract (types and three constructors): every rule test',
  'pack/rules-doc.ts': 'RULES.md\'s generator: test/pack/soc2-ml-checks.test.ts fails when RULES.md is stale',
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf-8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

/** The test file a source needs, or undefined when its folder's rule covers it. */
function expectedTest(source: string): string | undefined {
  if (source.includes('/private/') || source.endsWith('/private.ts')) {
    return undefined;
  }
  const rule = /^pack\/rules\/([^/]+)\//.exec(source);
  if (rule) {
    return `test/pack/rules/${rule[1]}/`;
  }
  const handler = /^handlers\/([^/]+)\/index\.ts$/.exec(source);
  if (handler) {
    return handler[1] === 'shared' ? undefined : `test/handlers/${handler[1]}.test.ts`;
  }
  if (source.startsWith('handlers/shared/') || source === 'pack/rules/index.ts') {
    return undefined;
  }
  return `test/${source.replace(/\.ts$/, '.test.ts')}`;
}

test('every source file has its test file (or its folder\'s, for rules)', () => {
  const missing: string[] = [];
  for (const source of SOURCE_DIRS.flatMap(sources)) {
    const expected = expectedTest(source);
    if (expected === undefined || TESTED_ELSEWHERE[source] !== undefined) {
      continue;
    }
    const found = expected.endsWith('/')
      ? fs.existsSync(path.join(REPO_ROOT, expected)) && fs.readdirSync(path.join(REPO_ROOT, expected)).some((f) => f.endsWith('.test.ts'))
      : fs.existsSync(path.join(REPO_ROOT, expected)) || fs.existsSync(path.join(REPO_ROOT, expected.replace(/\.test\.ts$/, '.suite.ts')));
    if (!found) {
      missing.push(`${source} → ${expected}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every exemption names a source that exists and has no test of its own', () => {
  for (const source of Object.keys(TESTED_ELSEWHERE)) {
    expect({ source, exists: fs.existsSync(path.join(REPO_ROOT, source)) }).toEqual({ source, exists: true });
    expect({ source, test: fs.existsSync(path.join(REPO_ROOT, expectedTest(source)!)) }).toEqual({ source, test: false });
  }
});

test('every suite is imported by a test file, so the runner runs it', () => {
  const files = sources('test');
  const importers = files.filter((f) => f.endsWith('.test.ts')).map((f) => ({ f, text: fs.readFileSync(path.join(REPO_ROOT, f), 'utf-8') }));
  const orphans = files.filter((f) => f.endsWith('.suite.ts')).filter((suite) => !importers.some(({ f, text }) => {
    const relative = path.posix.relative(path.posix.dirname(f), suite).replace(/\.ts$/, '');
    return text.includes(`import '${relative.startsWith('.') ? relative : `./${relative}`}';`);
  }));
  expect(files.filter((f) => f.endsWith('.suite.ts')).length).toBeGreaterThan(0);
  expect(orphans).toEqual([]);
});
