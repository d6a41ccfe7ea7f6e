import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { evidenceStream } from '../../core/evidence-streams';
import { BackupAssurance, EvidenceArchive, PlatformBackup, SecurityAlertTopic } from '../../index';
import { runPack } from '../pack/helpers';

/** What a restore test's restore job looks like on EventBridge (AWS Backup's restore testing validation guide). */
const RESTORE_TEST_EVENT = {
  'source': 'aws.backup',
  'detail-type': 'Restore Job State Change',
  'detail': {
    restoreJobId: '7B8B1A1B-7D8B-4B1B-9B1B-1B1B1B1B1B1B',
    status: 'COMPLETED',
    resourceType: 'S3',
    restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111111111111:restore-testing-plan:soc2ml_monthly-abc',
    createdResourceArn: 'arn:aws:s3:::awsbackup-restore-test-123',
  },
} as const;

/** Whether an event matches an EventBridge pattern of value lists, `exists` and nested objects (enough for the patterns here). */
function matches(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = event[key];
    if (Array.isArray(expected)) {
      return expected.some((e) => (typeof e === 'object' && e !== null && 'exists' in e ? (actual !== undefined) === e.exists : e === actual));
    }
    return typeof actual === 'object' && actual !== null && matches(expected as Record<string, unknown>, actual as Record<string, unknown>);
  });
}

function build(stack: Stack, withArchive = true): { assurance: BackupAssurance; backup: PlatformBackup; archive: EvidenceArchive; alerts: SecurityAlertTopic } {
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const archive = new EvidenceArchive(stack, 'Archive', { alertTopic: alerts });
  const backup = new PlatformBackup(stack, 'Backup', { alertTopic: alerts });
  const assurance = new BackupAssurance(stack, 'Assurance', { backup, alertTopic: alerts, evidenceArchive: withArchive ? archive : undefined });
  return { assurance, backup, archive, alerts };
}

describe('BackupAssurance', () => {
  const stack = new Stack(new App(), 'S');
  const { assurance, backup, archive, alerts } = build(stack);
  const template = Template.fromStack(stack);
  const id = (c: { node: { defaultChild?: unknown } } | unknown) => stack.getLogicalId(((c as { node?: { defaultChild?: unknown } }).node?.defaultChild ?? c) as never);

  test('a monthly restore-testing plan picks a recovery point at random from the last 30 days of the platform vault, tagged with A1.3', () => {
    template.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      RestoreTestingPlanName: Match.stringLikeRegexp('^[A-Za-z0-9_]{1,50}$'),
      ScheduleExpression: 'cron(0 6 15 * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowHours: 24,
      RecoveryPointSelection: {
        Algorithm: 'RANDOM_WITHIN_WINDOW',
        IncludeVaults: [{ 'Fn::GetAtt': [id(backup.vault), 'BackupVaultArn'] }],
        RecoveryPointTypes: ['SNAPSHOT'],
        SelectionWindowDays: 30,
      },
      Tags: [{ Key: 'Soc2Criteria', Value: 'A1.3' }],
    });
  });

  test('it tests the marked S3 buckets and Studio home file systems with the backup role, keeping each copy 24 hours', () => {
    const plan = assurance.restoreTestingPlan.restoreTestingPlanName;
    template.resourceCountIs('AWS::Backup::RestoreTestingSelection', 2);
    template.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
      RestoreTestingPlanName: plan,
      ProtectedResourceType: 'S3',
      ProtectedResourceArns: ['*'],
      ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/BackupPlan', Value: 'soc2ml-daily' }] },
      IamRoleArn: { 'Fn::GetAtt': [id(backup.role), 'Arn'] },
      ValidationWindowHours: 24,
    });
    template.hasResourceProperties('AWS::Backup::RestoreTestingSelection', { RestoreTestingPlanName: plan, ProtectedResourceType: 'EFS', ProtectedResourceArns: ['*'] });
    // Named literally (CloudFormation's name for it), so created after the plan explicitly.
    template.hasResource('AWS::Backup::RestoreTestingSelection', { DependsOn: [id(assurance.restoreTestingPlan)] });
  });

  test('a restore test\'s restore job reaches the archive\'s restore-jobs stream, and a failed one the alert topic', () => {
    const stream = evidenceStream('restore-jobs')!;
    expect(stream.criteria).toEqual(['A1.3']);
    expect(matches(stream.pattern as Record<string, unknown>, RESTORE_TEST_EVENT)).toBe(true);
    const rule = Object.values(template.findResources('AWS::Events::Rule', { Properties: { Description: Match.stringLikeRegexp('restore tests') } }));
    expect(rule).toHaveLength(1);
    const pattern = rule[0].Properties.EventPattern as Record<string, unknown>;
    expect(rule[0].Properties.Targets[0].Arn).toEqual({ Ref: id(alerts.topic) });
    expect(matches(pattern, { ...RESTORE_TEST_EVENT, detail: { ...RESTORE_TEST_EVENT.detail, status: 'FAILED' } })).toBe(true);
    expect(matches(pattern, RESTORE_TEST_EVENT)).toBe(false);
    // An ordinary restore (no restore-testing plan) is archived, not alerted as a test.
    const ordinary: Record<string, string> = { ...RESTORE_TEST_EVENT.detail };
    delete ordinary.restoreTestingPlanArn;
    expect(matches(pattern, { ...RESTORE_TEST_EVENT, detail: { ...ordinary, status: 'FAILED' } })).toBe(false);
  });

  test('the Backup Audit Manager framework checks encryption, retention, deletion, frequency, protection, vault lock and the last recovery point', () => {
    const scope = { Tags: [{ Key: 'BackupPlan', Value: 'soc2ml-daily' }] };
    template.hasResourceProperties('AWS::Backup::Framework', {
      FrameworkDescription: Match.stringLikeRegexp('SOC 2 A1.2, A1.3'),
      FrameworkControls: [
        { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
        { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
        { ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '35' }] },
        {
          ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
          ControlInputParameters: [
            { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'days' },
            { ParameterName: 'requiredFrequencyValue', ParameterValue: '1' },
            { ParameterName: 'requiredRetentionDays', ParameterValue: '35' },
          ],
        },
        { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', ControlScope: scope },
        { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK', ControlScope: scope },
        {
          ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
          ControlInputParameters: [{ ParameterName: 'recoveryPointAgeUnit', ParameterValue: 'days' }, { ParameterName: 'recoveryPointAgeValue', ParameterValue: '1' }],
          ControlScope: scope,
        },
      ],
    });
  });

  test('five report plans deliver CSV and JSON under backup-reports/ of an inbox that replicates into the archive under its key', () => {
    const inbox = assurance.reportInbox!;
    template.resourceCountIs('AWS::Backup::ReportPlan', 5);
    for (const t of ['BACKUP_JOB_REPORT', 'RESTORE_JOB_REPORT', 'COPY_JOB_REPORT']) {
      template.hasResourceProperties('AWS::Backup::ReportPlan', {
        ReportSetting: { ReportTemplate: t },
        ReportDeliveryChannel: { S3BucketName: { Ref: id(inbox.bucket) }, S3KeyPrefix: `backup-reports/${t.toLowerCase()}`, Formats: ['CSV', 'JSON'] },
        ReportPlanDescription: Match.stringLikeRegexp('A1.2, A1.3'),
      });
    }
    for (const t of ['CONTROL_COMPLIANCE_REPORT', 'RESOURCE_COMPLIANCE_REPORT']) {
      template.hasResourceProperties('AWS::Backup::ReportPlan', { ReportSetting: { ReportTemplate: t, FrameworkArns: [{ 'Fn::GetAtt': [id(assurance.framework), 'FrameworkArn'] }] } });
    }
    template.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: { Rules: [Match.objectLike({ Destination: Match.objectLike({ Bucket: { 'Fn::GetAtt': [id(archive.bucket.bucket), 'Arn'] } }) })] },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 35 })]) },
    });
    expect(inbox.encryptionKey).toBe(archive.encryptionKey);
  });

  test('the inbox admits only Backup Audit Manager\'s service-linked role, on the reports\' prefix, giving the bucket owner control', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(assurance.reportInbox!.bucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Sid: 'BackupAuditManagerReportDelivery',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(assurance.reportInbox!.bucket), 'Arn'] }, '/backup-reports/*']] },
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports']] } },
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      })]) },
    });
  });

  test('without an archive there are no report plans; the framework follows the plan\'s daily retention', () => {
    const s = new Stack(new App(), 'NoArchive');
    const alerts = new SecurityAlertTopic(s, 'Alerts');
    const b = new PlatformBackup(s, 'Backup', { dailyRetention: Duration.days(60) });
    const a = new BackupAssurance(s, 'Assurance', { backup: b, alertTopic: alerts, restoreTestSchedule: events.Schedule.cron({ minute: '30', hour: '2', weekDay: 'SUN' }) });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::Backup::ReportPlan', 0);
    expect(a.reportInbox).toBeUndefined();
    t.hasResourceProperties('AWS::Backup::RestoreTestingPlan', { ScheduleExpression: 'cron(30 2 ? * SUN *)' });
    t.hasResourceProperties('AWS::Backup::Framework', { FrameworkControls: Match.arrayWith([{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '60' }] }]) });
  });

  test('bad props are refused, naming the prop, the value and the fix', () => {
    const s = new Stack(new App(), 'Bad');
    const b = new PlatformBackup(s, 'Backup');
    expect(() => new BackupAssurance(s, 'A1', { backup: b, validationWindowHours: 200 })).toThrow(/validationWindowHours is 200: pass a whole number from 0 to 168/);
    expect(() => new BackupAssurance(s, 'A2', { backup: b, selectionWindowDays: 0 })).toThrow(/selectionWindowDays is 0: pass a whole number from 1 to 365/);
    expect(() => new BackupAssurance(s, 'A3', { backup: b, restoreTestSchedule: events.Schedule.rate(Duration.days(7)) })).toThrow(/restoreTestSchedule is rate\(7 days\): .*cron expression only/);
    expect(() => new BackupAssurance(s, 'A4', {} as never)).toThrow(/backup is required/);
  });
});

describe('BackupAssurance under the pack', () => {
  test('adds no Soc2Ml finding', () => {
    const run = runPack((app) => build(new Stack(app, 'Test')));
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Assurance')))).toEqual([]);
  });
});
