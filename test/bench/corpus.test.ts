/*
 * The independent corpus (bench/corpus.ts) under the pack: every hardened case is quiet, every
 * broken variant fails, every warning variant warns without failing. Two synths: the hardened
 * cases with the warning variants (with validation errors failing synth, so warnings alone are
 * shown not to), and the broken variants.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildVariants, FAMILY_MODULES, isUnder, relativePath, Variant, variants } from '../../bench/corpus';
import { cdkJsonContext } from '../helpers/app-context';
import { PackRun, ReportedViolation, runPack } from '../pack/helpers';

// The feature flags `cdk init` writes, as a careful user's app has them.
const context = cdkJsonContext({ '@aws-cdk/core:failSynthOnValidationErrors': false });

const QUIET = variants(['hardened', 'warning']);
const BROKEN = variants(['break']);

let quiet: PackRun;
let broken: PackRun;

beforeAll(() => {
  // Throws if anything in the quiet cases raises an error; warnings must not fail it.
  quiet = runPack((app) => buildVariants(app, QUIET), { context: { ...context, '@aws-cdk/core:failSynthOnValidationErrors': true } });
  broken = runPack((app) => buildVariants(app, BROKEN), { context });
});

/** `rule relative-path` of each finding of a severity on a resource under the variant. */
function findings(run: PackRun, id: string, severity: string): string[] {
  const out = new Set<string>();
  for (const v of run.violations.filter((x: ReportedViolation) => x.severity === severity)) {
    for (const p of v.constructPaths.filter((c) => isUnder(c, id))) {
      out.add(`${v.ruleName} ${relativePath(p)}`);
    }
  }
  return [...out].sort();
}

const name = (v: Variant) => v.id;

test('every family file of bench/corpus is listed, and only those', () => {
  const dir = path.join(__dirname, '..', '..', 'bench', 'corpus');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'kit.ts').map((f) => f.replace(/\.ts$/, '')).sort();
  expect(Object.keys(FAMILY_MODULES)).toEqual(files);
});

describe('hardened corpus cases', () => {
  test.each(QUIET.filter((v) => v.kind === 'hardened').map((v) => [name(v), v] as const))('%s has no Soc2Ml error', (_id, v) => {
    expect(findings(quiet, v.id, 'error')).toEqual([]);
    // Not quiet by being unread: the pack judged the resource under test (a schedule that names
    // its job definition is judged not applicable, by the control list).
    const judged = quiet.verdicts.filter((r) => isUnder(r.constructPath, v.id) && r.type === v.corpusCase.kind);
    expect(judged.some((r) => r.passed.length + r.notApplicable.length > 0)).toBe(true);
  });
});

describe('broken corpus variants', () => {
  test.each(BROKEN.map((v) => [name(v), v] as const))('%s has a Soc2Ml error its hardened twin lacks', (_id, v) => {
    const twin = new Set(findings(quiet, v.twinId, 'error'));
    expect(findings(broken, v.id, 'error').filter((f) => !twin.has(f))).not.toEqual([]);
  });
});

describe('warning corpus variants', () => {
  const warned = QUIET.filter((v) => v.kind === 'warning');

  test.each(warned.map((v) => [name(v), v] as const))('%s warns, and has no Soc2Ml error', (_id, v) => {
    const twin = new Set(findings(quiet, v.twinId, 'warning'));
    expect(findings(quiet, v.id, 'warning').filter((f) => !twin.has(f))).not.toEqual([]);
    expect(findings(quiet, v.id, 'error')).toEqual([]);
  });

  test('warnings alone do not fail synth', () => {
    expect(quiet.app.node.tryGetContext('@aws-cdk/core:failSynthOnValidationErrors')).toBe(true);
    expect(quiet.violations.filter((v) => v.severity === 'warning').length).toBeGreaterThan(0);
    const report = JSON.parse(fs.readFileSync(path.join(quiet.outdir, 'validation-report.json'), 'utf-8')) as { pluginReports: { pluginName: string; conclusion: string }[] };
    expect(report.pluginReports.find((p) => p.pluginName === 'Soc2Ml')?.conclusion).toBe('success');
  });
});
