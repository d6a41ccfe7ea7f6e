import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Stack, Validations } from 'aws-cdk-lib';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { ResourceVerdicts, VERDICTS_FILE } from '../../pack/verdicts';

/** A violation of our plugin, as the validation report lists it. */
export interface ReportedViolation {
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly constructPaths: string[];
}

export interface PackRun {
  readonly app: App;
  readonly outdir: string;
  /** Unacknowledged violations of Soc2Ml. */
  readonly violations: ReportedViolation[];
  /** Acknowledged violations of Soc2Ml. */
  readonly acknowledged: (ReportedViolation & { reason: string })[];
  readonly verdicts: ResourceVerdicts[];
  /** The verdict of a rule on the resource at a construct path (the L1's path). */
  verdict(constructPath: string, rule: string): 'passed' | 'failed' | 'not-applicable' | 'unchecked';
  /** The detail of a failed verdict. */
  detail(constructPath: string, rule: string): string | undefined;
}

/**
 * Synthesize an app with the pack attached and read what it concluded. Synth does not throw on
 * violations here (the report is read instead); tests of the throwing behaviour live in
 * pack.test.ts.
 */
export function runPack(build: (app: App) => void, appProps: AppProps = {}): PackRun {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-pack-'));
  const app = new App({
    outdir,
    ...appProps,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, ...appProps.context },
  });
  Validations.of(app).addPlugins(new Soc2MlChecks(app));
  build(app);
  app.synth();
  return readRun(app, outdir);
}

/** Build a single stack named `Test` under the pack. */
export function runPackOnStack(build: (stack: Stack) => void, appProps: AppProps = {}): PackRun {
  return runPack((app) => build(new Stack(app, 'Test')), appProps);
}

export function readRun(app: App, outdir: string): PackRun {
  const reportFile = path.join(outdir, 'validation-report.json');
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf-8')) : { pluginReports: [] };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ours = report.pluginReports.find((p: any) => p.pluginName === 'Soc2Ml') ?? { violations: [], suppressedViolations: [] };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const toViolation = (v: any): ReportedViolation => ({
    ruleName: v.ruleName,
    severity: v.severity,
    description: v.description,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructPaths: v.violatingConstructs.map((c: any) => c.constructPath),
  });
  const verdicts: ResourceVerdicts[] = JSON.parse(fs.readFileSync(path.join(outdir, VERDICTS_FILE), 'utf-8')).resources;
  const find = (constructPath: string) => verdicts.find((r) => r.constructPath === constructPath);
  return {
    app,
    outdir,
    violations: ours.violations.map(toViolation),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    acknowledged: (ours.suppressedViolations ?? []).map((v: any) => ({ ...toViolation(v), reason: v.reason })),
    verdicts,
    verdict(constructPath, rule) {
      const r = find(constructPath);
      if (!r) {
        throw new Error(`No resource at ${constructPath}; resources: ${verdicts.map((v) => v.constructPath).join(', ')}`);
      }
      if (r.passed.includes(rule)) return 'passed';
      if (r.notApplicable.includes(rule)) return 'not-applicable';
      if (r.failed.some((f) => f.rule === rule)) return 'failed';
      return 'unchecked';
    },
    detail(constructPath, rule) {
      return find(constructPath)?.failed.find((f) => f.rule === rule)?.detail;
    },
  };
}
