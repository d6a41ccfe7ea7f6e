/*
 * The audit-trail constructs under every pack the default app applies: our Soc2MlChecks and
 * cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1. No unacknowledged
 * error, and each acknowledgement on the narrowest construct.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import {
  AuditTrail, AuditTrailScope, DataClassification, KeyPurpose, PlatformKey, SecureBucket, SecurityAlertTopic, SecurityChangeAlarms,
} from '../../index';
import { PackRun, runPack, runPackOnStack } from '../pack/helpers';

const CDK_NAG_PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/*
 * The reasons a composition gives for keeping these buckets in one region (MlEnvironment gives its
 * own for the environment's buckets); docs/audit-trail.md proposes them for the account baseline.
 */
const TRAIL_BUCKET_REPLICATION_REASON = 'The account baseline is deployed to one region by design, and its trails deliver there. The trail bucket keeps every log and digest file under Object Lock in compliance mode for at least 365 days, versioned, retained on stack deletion and with a 365-day noncurrent-version retention; AuditTrailBucket offers cross-region replication where a second region is approved.';
const ACCESS_LOGS_REPLICATION_REASON = 'The account baseline is deployed to one region by design. This bucket holds only the server access logs of the baseline\'s buckets (the trail bucket\'s among them); it is versioned, retained on stack deletion and keeps noncurrent versions 90 days.';

function addCdkNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app));
}

function acknowledgeSingleRegion(scope: IConstruct, reason: string): void {
  Validations.of(scope).acknowledge(
    { id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled', reason },
    { id: 'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled', reason },
    { id: 'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled', reason },
  );
}

/** Every unacknowledged error of every pack, as `pack rule on paths`. */
function errors(run: PackRun): string[] {
  const report = JSON.parse(fs.readFileSync(path.join(run.outdir, 'validation-report.json'), 'utf-8'));
  const nag = (report.pluginReports as { pluginName: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[])
    .filter((r) => CDK_NAG_PACKS.includes(r.pluginName))
    .flatMap((r) => r.violations.filter((v) => v.severity === 'error').map((v) => `${r.pluginName} ${v.ruleName} on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
  const ours = run.violations.filter((v) => v.severity === 'error').map((v) => `Soc2Ml ${v.ruleName} on ${v.constructPaths.join(', ')}`);
  return [...ours, ...nag];
}

/** Our pack's failed verdicts on the resources under a construct path, acknowledged or not. */
function failedUnder(run: PackRun, prefix: string): string[] {
  return run.verdicts
    .filter((r) => r.constructPath.startsWith(`${prefix}/`))
    .flatMap((r) => r.failed.map((f) => `${f.rule} on ${r.constructPath}`));
}

describe('the account trail, its alarms and a classified bucket in one stack', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      addCdkNag(stack.node.root as App);
      const trail = new AuditTrail(stack, 'AuditTrail', { environmentName: 'account-baseline' });
      const alerts = new SecurityAlertTopic(stack, 'Alerts');
      new SecurityChangeAlarms(stack, 'ChangeAlarms', { logGroup: trail.logGroup, alertTopic: alerts.topic });
      const training = new SecureBucket(stack, 'TrainingData', { dataClassification: DataClassification.CONFIDENTIAL });
      acknowledgeSingleRegion(trail.node.findChild('Bucket'), TRAIL_BUCKET_REPLICATION_REASON);
      acknowledgeSingleRegion(stack.node.findChild('Soc2MlAccessLogs'), ACCESS_LOGS_REPLICATION_REASON);
      acknowledgeSingleRegion(training, 'A test bucket in a single-region test stack; the default app acknowledges its environment buckets in MlEnvironment.');
    });
  });

  test('no pack reports an unacknowledged error', () => {
    expect(errors(run)).toEqual([]);
  });

  test('our pack finds nothing at all to fault in the trail, its key, bucket, log group and role, nor in the alarms', () => {
    expect(failedUnder(run, 'Test/AuditTrail')).toEqual([]);
    expect(failedUnder(run, 'Test/ChangeAlarms')).toEqual([]);
    for (const rule of ['CloudTrailLogging', 'CloudTrailMultiRegion', 'CloudTrailLogFileValidation', 'CloudTrailKms', 'CloudTrailCloudWatchLogs']) {
      expect({ rule, verdict: run.verdict('Test/AuditTrail/Resource', rule) }).toEqual({ rule, verdict: 'passed' });
    }
    for (const rule of ['LogGroupRetention', 'LogGroupKmsEncryption', 'LogGroupRetained']) {
      expect({ rule, verdict: run.verdict('Test/AuditTrail/LogGroup/Resource', rule) }).toEqual({ rule, verdict: 'passed' });
    }
    expect(run.verdict('Test/AuditTrail/Bucket/Bucket/Bucket/Resource', 'S3BucketKmsEncryption')).toBe('passed');
    expect(run.verdict('Test/AuditTrail/Bucket/Bucket/Bucket/Resource', 'S3BucketTlsOnly')).toBe('passed');
  });

  test('the app-wide audit-trail warning is satisfied', () => {
    expect(run.violations.filter((v) => v.ruleName === 'AppHasAuditTrail')).toEqual([]);
  });

  test('the constructs acknowledge only the delivery role\'s log-stream wildcard, on its policy', () => {
    const acks = run.app.node.findAll()
      .filter((c) => c.node.path.startsWith('Test/AuditTrail') || c.node.path.startsWith('Test/ChangeAlarms'))
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => ({ at: c.node.path, ids: Object.keys(m.data as object) })))
      .filter((a) => a.at !== 'Test/AuditTrail/Bucket');
    expect(acks).toEqual([{ at: 'Test/AuditTrail/LogsPolicy', ids: [expect.stringMatching(/^AwsSolutions::AwsSolutions-IAM5\[Resource::arn:.*:log-stream:<AWS::AccountId>_CloudTrail_\*\]$/)] }]);
  });
});

describe('the account baseline and an environment, each with its trail', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPack((app) => {
      addCdkNag(app);
      const baseline = new Stack(app, 'Baseline');
      const trail = new AuditTrail(baseline, 'AuditTrail', { environmentName: 'account-baseline' });
      const alerts = new SecurityAlertTopic(baseline, 'AccountAlerts');
      new SecurityChangeAlarms(baseline, 'ChangeAlarms', { logGroup: trail.logGroup, alertTopic: alerts.topic });
      acknowledgeSingleRegion(trail.node.findChild('Bucket'), TRAIL_BUCKET_REPLICATION_REASON);
      acknowledgeSingleRegion(baseline.node.findChild('Soc2MlAccessLogs'), ACCESS_LOGS_REPLICATION_REASON);

      const env = new Stack(app, 'Dev');
      env.addStackDependency(baseline);
      const logsKey = new PlatformKey(env, 'LogsKey', { purpose: KeyPurpose.LOGS, environmentName: 'dev' });
      const training = new SecureBucket(env, 'TrainingData', { dataClassification: DataClassification.CONFIDENTIAL });
      new AuditTrail(env, 'DataEventsTrail', { environmentName: 'dev', trailScope: AuditTrailScope.DATA_EVENTS, bucket: trail.bucket, encryptionKey: logsKey.key });
      acknowledgeSingleRegion(training, 'A test bucket in a single-region test stack; the default app acknowledges its environment buckets in MlEnvironment.');
      acknowledgeSingleRegion(env.node.findChild('Soc2MlAccessLogs'), 'A test bucket in a single-region test stack; the default app acknowledges its environment buckets in MlEnvironment.');
    });
  });

  test('no pack reports an unacknowledged error, and the stacks synthesize without a reference cycle', () => {
    expect(errors(run)).toEqual([]);
    expect(failedUnder(run, 'Dev/DataEventsTrail')).toEqual([]);
    expect(failedUnder(run, 'Baseline/AuditTrail')).toEqual([]);
  });
});
