/*
 * The account baseline: once per account and region, whatever the environments' placement; the
 * adoption of singletons that exist; and the baseline under every check the default app applies.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { EVIDENCE_STREAMS } from '../../core/evidence-streams';
import { ConfigRecorderSetup, GuardDutySetup, MacieSetup, RegistryScanningSetup, SecurityHubSetup, Soc2MlChecks } from '../../index';
import { AccountBaselineStack } from '../../platform/account-baseline-stack';
import { tempOutdir } from '../helpers/app-context';
import { controlTowerFindings } from '../helpers/control-tower';
import { buildUnchecked } from '../helpers/unchecked-app';
import { ON_CALL_CONTEXT } from '../fixtures/default-app-variants';

/** What AWS allows once per account and region. */
const SINGLETONS = [
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
  'AWS::Config::ConfigurationRecorder',
  'AWS::Config::DeliveryChannel',
  'AWS::ECR::RegistryScanningConfiguration',
  'AWS::Macie::Session',
];

const pin = (env: string, account: string, region: string) => ({
  // A pinned production environment must alert someone.
  [`soc2ml:${env}:alertEmails`]: 'security@example.com',
  [`soc2ml:${env}:account`]: account,
  [`soc2ml:${env}:region`]: region,
  [`soc2ml:${env}:availabilityZones`]: `${region}a,${region}b,${region}c`,
});

/** For each account/region of the app, how many of each singleton its stacks define. */
function singletonsByPlacement(context: Record<string, unknown>) {
  const app = new App({ outdir: tempOutdir(), context });
  const built = buildUnchecked(app);
  const assembly = app.synth();
  const counts = new Map<string, Record<string, number>>();
  for (const stack of [...built.baselines, ...built.environments]) {
    const key = `${stack.account}/${stack.region}`;
    const resources = Object.values(assembly.getStackByName(stack.stackName).template.Resources as Record<string, { Type: string }>);
    const entry = counts.get(key) ?? Object.fromEntries(SINGLETONS.map((t) => [t, 0]));
    for (const r of resources) {
      if (SINGLETONS.includes(r.Type)) {
        entry[r.Type] += 1;
      }
    }
    counts.set(key, entry);
  }
  return { built, counts };
}

const once = Object.fromEntries(SINGLETONS.map((t) => [t, 1]));

describe('the account baseline is created once per account and region', () => {
  test('all environments in one account and region share one baseline, with one of each singleton', () => {
    const { built, counts } = singletonsByPlacement({
      ...pin('dev', '111111111111', 'eu-west-1'), ...pin('staging', '111111111111', 'eu-west-1'), ...pin('prod', '111111111111', 'eu-west-1'), ...ON_CALL_CONTEXT,
    });
    expect(built.baselines.map((b) => b.stackName)).toEqual(['soc2ml-baseline-111111111111-eu-west-1']);
    expect(Object.fromEntries(counts)).toEqual({ '111111111111/eu-west-1': once });
  });

  test('one account per environment gets one baseline each, with one of each singleton', () => {
    const { built, counts } = singletonsByPlacement({
      ...pin('dev', '111111111111', 'eu-west-1'), ...pin('staging', '222222222222', 'eu-west-1'), ...pin('prod', '333333333333', 'eu-west-1'), ...ON_CALL_CONTEXT,
    });
    expect(built.baselines.map((b) => b.stackName).sort()).toEqual([
      'soc2ml-baseline-111111111111-eu-west-1', 'soc2ml-baseline-222222222222-eu-west-1', 'soc2ml-baseline-333333333333-eu-west-1',
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      '111111111111/eu-west-1': once, '222222222222/eu-west-1': once, '333333333333/eu-west-1': once,
    });
  });

  test('no environment stack defines a singleton, and the baseline references no environment stack', () => {
    const app = new App({ outdir: tempOutdir() });
    const built = buildUnchecked(app);
    const assembly = app.synth();
    for (const env of built.environments) {
      const types = Object.values(assembly.getStackByName(env.stackName).template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((t) => SINGLETONS.includes(t))).toEqual([]);
    }
    for (const baseline of built.baselines) {
      expect(baseline.dependencies).toEqual([]);
      expect(JSON.stringify(assembly.getStackByName(baseline.stackName).template)).not.toContain('Fn::ImportValue');
    }
  });
});

describe('the account baseline adopts existing singletons', () => {
  test('with every singleton adopted it creates none, and still alerts and evaluates', () => {
    const app = new App();
    const baseline = new AccountBaselineStack(app, 'Baseline', {
      guardDuty: GuardDutySetup.adopt('12abc34d567e8fa901bc2d34e56789f0'),
      securityHub: SecurityHubSetup.EXISTING,
      configRecorder: ConfigRecorderSetup.EXISTING,
      registryScanning: RegistryScanningSetup.EXISTING,
      macie: MacieSetup.EXISTING,
      alertTopicArns: ['arn:aws:sns:eu-west-1:111111111111:central-security'],
    });
    const template = Template.fromStack(baseline);
    for (const type of SINGLETONS) {
      template.resourceCountIs(type, 0);
    }
    // An existing topic given by ARN receives the account's alerts through a pipe.
    template.hasResourceProperties('AWS::Pipes::Pipe', { Target: 'arn:aws:sns:eu-west-1:111111111111:central-security' });
    expect(baseline.threatDetection.detectorId).toBe('12abc34d567e8fa901bc2d34e56789f0');
    // GuardDuty findings, Inspector findings, backup failures and Macie findings still reach the alert topic.
    // (and every evidence stream still reaches the archive, non-compliant resources and high
    // Security Hub findings the alert topic, the quarterly access review reminder is sent and its
    // exception check archived, and failed restore tests alerted).
    template.resourceCountIs('AWS::Events::Rule', 4 + EVIDENCE_STREAMS.length + 5);
    // Macie's classification jobs are created in the Macie that exists.
    template.resourceCountIs('Custom::MacieClassificationJob', 2);
    expect(Object.keys(template.findResources('AWS::Config::ConfigRule')).length).toBeGreaterThan(50);
    template.resourceCountIs('AWS::Backup::BackupVault', 1);
  });

  test('by default it creates every singleton, the backup vault and the alert topic', () => {
    const template = Template.fromStack(new AccountBaselineStack(new App(), 'Baseline'));
    for (const type of SINGLETONS) {
      template.resourceCountIs(type, 1);
    }
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
  });
});

interface PluginReport {
  pluginName: string;
  violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  suppressedViolations?: { ruleName: string; reason: string }[];
}

describe('the account baseline under every check the default app applies', () => {
  let reports: PluginReport[];
  let outdir: string;
  let app: App;

  beforeAll(() => {
    outdir = tempOutdir();
    app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new Soc2MlChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app));
    new AccountBaselineStack(app, 'soc2ml-baseline');
    app.synth();
    reports = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8')).pluginReports;
  });

  test('no pack reports an unacknowledged error', () => {
    const errors = reports.flatMap((r) => r.violations.filter((v) => v.severity === 'error')
      .map((v) => `${r.pluginName} ${v.ruleName} on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
    expect(errors).toEqual([]);
  });

  test('our pack warns only that the app has no flow-logged VPC, which the baseline alone cannot have (its own trail answers the other)', () => {
    const warnings = reports.filter((r) => r.pluginName === 'Soc2Ml').flatMap((r) => r.violations.map((v) => v.ruleName)).sort();
    expect(warnings).toEqual(['AppHasFlowLoggedNetwork']);
  });

  test('acknowledges exactly the documented findings, each with a reason an auditor can read', () => {
    const acknowledged = reports.flatMap((r) => (r.suppressedViolations ?? []).map((v) => ({ id: v.ruleName, reason: v.reason })));
    expect([...new Set(acknowledged.map((a) => a.id))].sort()).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'AwsSolutions-IAM5[Resource::<BackupAssuranceReportInboxBucketF967FA47.Arn>/*]',
      'AwsSolutions-IAM5[Resource::<ContinuousComplianceDeliveryBucketBCB0E603.Arn>/*]',
      'AwsSolutions-IAM5[Resource::<ContinuousComplianceDeliveryBucketBCB0E603.Arn>/AWSLogs/<AWS::AccountId>/Config/*]',
      'AwsSolutions-IAM5[Resource::<EvidenceArchiveBucket3D873F54.Arn>/*]',
      'AwsSolutions-IAM5[Resource::<EvidenceArchiveBucket3D873F54.Arn>/records/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<AuditTrailLogGroup28BB9333>:log-stream:<AWS::AccountId>_CloudTrail_*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:macie2:<AWS::Region>:<AWS::AccountId>:classification-job/*]',
      'HIPAA.Security-LambdaInsideVPC',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'NIST.800.53.R5-LambdaInsideVPC',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'PCI.DSS.321-LambdaInsideVPC',
      'PCI.DSS.321-S3BucketReplicationEnabled',
      'PCI.DSS.321-S3DefaultEncryptionKMS',
    ]);
    for (const a of acknowledged) {
      expect(a.reason.length).toBeGreaterThan(60);
    }
  });

  test('acknowledgements sit on the construct that causes them, never on the stack', () => {
    const at: string[] = [];
    for (const c of app.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type === 'aws:cdk:acknowledged-rules') {
          at.push(c.node.path);
        }
      }
    }
    expect([...new Set(at)].sort()).toEqual([
      'soc2ml-baseline/AccessReview/ExceptionReviews/Function',
      'soc2ml-baseline/AuditTrail/Bucket',
      'soc2ml-baseline/AuditTrail/LogsPolicy',
      'soc2ml-baseline/Backup/Role',
      'soc2ml-baseline/BackupAssurance/ReportInbox/ReplicationPolicy',
      'soc2ml-baseline/ContinuousCompliance/DeliveryBucket/ReplicationPolicy',
      'soc2ml-baseline/ContinuousCompliance/DeliveryPolicy',
      'soc2ml-baseline/ContinuousCompliance/RecorderRole',
      'soc2ml-baseline/EvidenceArchive/Bucket',
      'soc2ml-baseline/EvidenceArchive/Writer/Function',
      'soc2ml-baseline/EvidenceArchive/Writer/Policy',
      'soc2ml-baseline/PersonalDataDiscovery/Function',
      'soc2ml-baseline/PersonalDataDiscovery/Policy',
      'soc2ml-baseline/Soc2MlAccessLogs/Bucket',
    ]);
  });

  test('AWS Control Tower proactive controls flag only the findings platform/control-tower.ts justifies', () => {
    const templatePaths = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
    const elements = app.node.findAll().filter(CfnElement.isCfnElement);
    const pathOf = (logicalId: string) => elements.find((e) => Stack.of(e).resolve(e.logicalId) === logicalId)!.node.path.replace(/^soc2ml-baseline\//, '');
    const found = [...controlTowerFindings(templatePaths)].map((f) => {
      const [, logicalId, control] = f.split(' ');
      return `${control} ${pathOf(logicalId)}`;
    });
    expect([...new Set(found)].sort()).toEqual([
      'CT.GUARDDUTY.PR.1 ThreatDetection/Detector',
      'CT.LAMBDA.PR.3 AccessReview/ExceptionReviews/Function/Resource',
      'CT.LAMBDA.PR.3 EvidenceArchive/Writer/Function/Resource',
      'CT.LAMBDA.PR.3 PersonalDataDiscovery/Function/Resource',
      'CT.S3.PR.10 Soc2MlAccessLogs/Bucket/Resource',
      'CT.S3.PR.2 Soc2MlAccessLogs/Bucket/Resource',
      'CT.S3.PR.9 BackupAssurance/ReportInbox/Bucket/Resource',
      'CT.S3.PR.9 ContinuousCompliance/DeliveryBucket/Bucket/Resource',
      'CT.S3.PR.9 Soc2MlAccessLogs/Bucket/Resource',
    ]);
  });
});

describe('audit-relevant logs are kept at least as long as the evidence', () => {
  test('soc2ml:evidenceRetentionDays sets the archive lock, and the trails, flow logs, gate and writer logs and the trail bucket lock round up to a CloudWatch value', () => {
    const app = new App({ outdir: tempOutdir(), context: { 'soc2ml:environments': 'prod', 'soc2ml:evidenceRetentionDays': 1000 } });
    const built = buildUnchecked(app);
    const baseline = Template.fromStack(built.baselines[0]);
    baseline.hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1000 } } } });
    baseline.hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1096 } } } });
    const retentions = (t: Template) => Object.values(t.findResources('AWS::Logs::LogGroup')).map((r) => r.Properties.RetentionInDays);
    // The account trail's and the archive writer's (the Macie job manager's logs are not audit records: a year).
    expect(retentions(baseline).filter((d) => d === 1096)).toHaveLength(2);
    const prod = Template.fromStack(built.environments[0]);
    // Flow logs and the data-events trail (the gate's function logs too, with model families).
    expect(retentions(prod).filter((d) => d === 1096)).toHaveLength(2);
  });
});
