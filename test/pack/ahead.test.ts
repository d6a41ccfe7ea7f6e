/*
 * Judging ahead of validation (pack/ahead.ts): the worker's analysis is used, and gives what the
 * plugin computes itself; it is not used when the templates, their facts or the day of synth differ
 * from what the worker judged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationPlugin, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AnalysisAhead, aheadPossible, workerReady } from '../../pack/ahead';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { SYNTH_DATE_VARIABLE } from '../../pack/rules/lambda/runtime-support';
import { VERDICTS_FILE } from '../../pack/verdicts';
import { tempOutdir } from '../helpers/app-context';

interface Run {
  readonly report: PolicyValidationPluginReport;
  readonly verdicts: string;
  /** Whether the worker's analysis was used. */
  readonly ahead: boolean;
}

/** Synthesize an app with violations of resource, stack and IAM rules, the pack judging ahead or not; `before` runs as a plugin just before the pack. */
function run(judgeAhead: boolean, before?: (templatePaths: readonly string[]) => void): Run {
  const outdir = tempOutdir();
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const pack = new Soc2MlChecks(app, { judgeAhead });
  let report: PolicyValidationPluginReport | undefined;
  const recorder: IPolicyValidationPlugin = {
    name: pack.name,
    version: pack.version,
    validate: (context) => {
      report = pack.validate(context);
      return report;
    },
  };
  const first: IPolicyValidationPlugin = { name: 'Before', validate: (c) => (before?.(c.templatePaths), { success: true, violations: [] }) };
  Validations.of(app).addPlugins(first, recorder);
  const stack = new Stack(app, 'Data');
  new s3.Bucket(stack, 'Plain');
  const role = new iam.Role(stack, 'Wide', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*', 'cloudtrail:StopLogging'], resources: ['*'] }));
  new cloudtrail.Trail(stack, 'Trail');
  new lambda.Function(new Stack(app, 'Compute'), 'Old', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') });
  const spy = vi.spyOn(AnalysisAhead.prototype, 'collect');
  try {
    app.synth();
    return { report: report!, verdicts: fs.readFileSync(path.join(outdir, VERDICTS_FILE), 'utf-8'), ahead: spy.mock.results.some((r) => r.value !== undefined) };
  } finally {
    spy.mockRestore();
  }
}

const ruleNames = (r: Run) => r.report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0].constructPath}`);

describe.runIf(aheadPossible())('judging ahead of validation', () => {
  beforeAll(() => {
    // A synth that comes before the worker can take jobs is judged in the validating thread.
    expect(workerReady(60_000)).toBe(true);
  });

  test('the worker judges the app, and its findings and verdicts are those the plugin computes itself', () => {
    const ahead = run(true);
    const inThread = run(false);
    expect(ahead.ahead).toBe(true);
    expect(inThread.ahead).toBe(false);
    expect(ahead.report).toEqual(inThread.report);
    expect(ahead.verdicts).toBe(inThread.verdicts);
    // The app breaks resource, IAM and segregation-of-duties rules, so each kind crossed the thread.
    expect(ruleNames(ahead)).toEqual(expect.arrayContaining([
      'S3BucketKmsEncryption Data/Plain/Resource',
      expect.stringMatching(/^IamLeastPrivilege Data\/Wide\/DefaultPolicy/),
      expect.stringMatching(/^IamSegregationOfDuties /),
    ]));
  });

  test('a template changed after the worker read it is judged as it is at validation', () => {
    // A plugin before the pack makes the bucket public after the worker has read the templates.
    const changed = run(true, (templatePaths) => {
      const file = templatePaths.find((p) => p.endsWith('Data.template.json'))!;
      const template = JSON.parse(fs.readFileSync(file, 'utf-8'));
      const bucket = Object.values(template.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>).find((r) => r.Type === 'AWS::S3::Bucket')!;
      bucket.Properties = { ...bucket.Properties, PublicAccessBlockConfiguration: { BlockPublicAcls: false } };
      fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
    });
    expect(changed.ahead).toBe(false);
    expect(ruleNames(changed)).toContain('S3BucketPublicAccessBlocked Data/Plain/Resource');
    expect(ruleNames(run(true))).not.toContain('S3BucketPublicAccessBlocked Data/Plain/Resource');
  });

  test('a day of synth set after the worker judged is the day the runtimes are judged against', () => {
    const saved = process.env[SYNTH_DATE_VARIABLE];
    process.env[SYNTH_DATE_VARIABLE] = '2020-01-01';
    try {
      const early = run(true);
      expect(early.ahead).toBe(true);
      expect(ruleNames(early)).not.toContain('LambdaRuntimeSupported Compute/Old/Resource');
      // The worker judged on 2020-01-01; validation runs on a day the runtime is deprecated.
      const late = run(true, () => {
        process.env[SYNTH_DATE_VARIABLE] = '2030-01-01';
      });
      expect(late.ahead).toBe(false);
      expect(ruleNames(late)).toContain('LambdaRuntimeSupported Compute/Old/Resource');
    } finally {
      if (saved === undefined) {
        delete process.env[SYNTH_DATE_VARIABLE];
      } else {
        process.env[SYNTH_DATE_VARIABLE] = saved;
      }
    }
  });
});
