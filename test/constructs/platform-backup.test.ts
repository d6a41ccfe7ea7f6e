import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupVaultLockMode, PlatformBackup, PlatformBackupProps, SecurityAlertTopic } from '../../index';

function build(props: PlatformBackupProps = {}) {
  const stack = new Stack(new App(), 'S');
  const backup = new PlatformBackup(stack, 'Backup', props);
  return { stack, backup, template: Template.fromStack(stack) };
}

describe('PlatformBackup defaults', () => {
  const { template } = build();

  test('the vault is encrypted with a new customer-managed key, retained, and denies deleting recovery points', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupKey'), 'Arn'] },
        AccessPolicy: {
          Statement: [Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'] })],
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('Vault Lock in governance mode keeps recovery points between 35 and 2555 days', () => {
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 2555 },
    });
    const lock = Object.values(template.findResources('AWS::Backup::BackupVault'))[0].Properties.LockConfiguration;
    expect(lock.ChangeableForDays).toBeUndefined();
  });

  test('backs up daily (kept 35 days) and monthly (kept a year) into the vault', () => {
    const plan = Object.values(template.findResources('AWS::Backup::BackupPlan'))[0].Properties.BackupPlan;
    expect(plan.BackupPlanRule).toEqual([
      expect.objectContaining({ RuleName: 'daily', ScheduleExpression: 'cron(0 5 * * ? *)', Lifecycle: { DeleteAfterDays: 35 }, StartWindowMinutes: 60, CompletionWindowMinutes: 1380 }),
      expect.objectContaining({ RuleName: 'monthly', ScheduleExpression: 'cron(0 5 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 } }),
    ]);
    expect(plan.BackupPlanRule[0].TargetBackupVault).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^BackupVault/), 'BackupVaultName'] });
  });

  test('selects every resource tagged BackupPlan=soc2ml-daily', () => {
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        SelectionName: 'tagged-resources',
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'BackupPlan', ConditionValue: 'soc2ml-daily' }],
        IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupRole'), 'Arn'] },
      },
    });
  });

  test('selects every SageMaker Studio home file system of the account and region, by the tag Studio puts on it', () => {
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        SelectionName: 'studio-home-file-systems',
        Resources: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticfilesystem:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':file-system/*']] }],
        Conditions: {
          StringLike: [{
            ConditionKey: 'aws:ResourceTag/ManagedByAmazonSageMakerResource',
            ConditionValue: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':domain/*']] },
          }],
        },
      },
    });
  });

  test('the backup role is AWS Backup\'s, with the documented managed policies for backup and restore, S3 included', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })] },
      ManagedPolicyArns: [
        'service-role/AWSBackupServiceRolePolicyForBackup',
        'service-role/AWSBackupServiceRolePolicyForRestores',
        'AWSBackupServiceRolePolicyForS3Backup',
        'AWSBackupServiceRolePolicyForS3Restore',
      ].map((name) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] })),
    });
  });

  test('has no alert rule without an alert topic', () => {
    template.resourceCountIs('AWS::Events::Rule', 0);
  });
});

describe('PlatformBackup options', () => {
  test('failed, aborted and expired backup jobs go to the alert topic', () => {
    const stack = new Stack(new App(), 'S');
    new PlatformBackup(stack, 'Backup', { alertTopic: new SecurityAlertTopic(stack, 'Alerts') });
    const rule = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule'))[0].Properties;
    expect(rule.EventPattern).toEqual({ 'source': ['aws.backup'], 'detail-type': ['Backup Job State Change'], 'detail': { state: ['FAILED', 'ABORTED', 'EXPIRED'] } });
    expect(rule.Targets[0].InputTransformer.InputTemplate).toMatch(/^"AWS Backup job <detail-backupJobId> ended <detail-state>/);
  });

  test('compliance mode locks after the changeable days', () => {
    const { template } = build({ vaultLock: { mode: BackupVaultLockMode.COMPLIANCE, minRetentionDays: 35, maxRetentionDays: 400, changeableForDays: 7 } });
    template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 400, ChangeableForDays: 7 } });
  });

  test('compliance mode defaults to the shortest grace time, 3 days', () => {
    const { template } = build({ vaultLock: { mode: BackupVaultLockMode.COMPLIANCE } });
    template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { ChangeableForDays: 3 } });
  });

  test('uses a key you pass and creates none', () => {
    const stack = new Stack(new App(), 'S');
    const key = new kms.Key(stack, 'Mine', { enableKeyRotation: true });
    new PlatformBackup(stack, 'Backup', { encryptionKey: key, dailyRetention: Duration.days(40) });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::Backup::BackupVault', { EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } });
  });

  test('markForBackup tags a construct and what it holds with the selection tag', () => {
    const stack = new Stack(new App(), 'S');
    const bucket = new s3.Bucket(stack, 'Data');
    PlatformBackup.markForBackup(bucket);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { Tags: [{ Key: 'BackupPlan', Value: 'soc2ml-daily' }] });
  });
});

describe('PlatformBackup rejects bad input', () => {
  test('daily backups kept less than 35 days', () => {
    expect(() => build({ dailyRetention: Duration.days(14) })).toThrow(/dailyRetention is 14 days: backups must be kept at least 35 days .* Pass Duration.days\(35\) or more/);
  });

  test('a lock minimum above its maximum', () => {
    expect(() => build({ vaultLock: { mode: BackupVaultLockMode.GOVERNANCE, minRetentionDays: 400, maxRetentionDays: 100 } }))
      .toThrow(/vaultLock.minRetentionDays \(400\) is greater than vaultLock.maxRetentionDays \(100\)/);
  });

  test('a retention outside the lock, which AWS Backup would reject', () => {
    expect(() => build({ monthlyRetention: Duration.days(3000) })).toThrow(/monthlyRetention is 3000 days, outside the vault lock's retention of 35 to 2555 days/);
    expect(() => build({ vaultLock: { mode: BackupVaultLockMode.GOVERNANCE, minRetentionDays: 60 } })).toThrow(/dailyRetention is 35 days, outside the vault lock's retention of 60 to 2555 days/);
  });

  test('a grace time in governance mode, or under 3 days in compliance mode', () => {
    expect(() => build({ vaultLock: { mode: BackupVaultLockMode.GOVERNANCE, changeableForDays: 3 } })).toThrow(/vaultLock.changeableForDays is 3, but the lock is in governance mode/);
    expect(() => build({ vaultLock: { mode: BackupVaultLockMode.COMPLIANCE, changeableForDays: 1 } })).toThrow(/vaultLock.changeableForDays is 1: pass a whole number of days from 3 to 36500/);
  });

  test('lock days that are not whole days, and an unknown mode', () => {
    expect(() => build({ vaultLock: { mode: BackupVaultLockMode.GOVERNANCE, maxRetentionDays: 36.5 } })).toThrow(/vaultLock.maxRetentionDays is 36.5: pass a whole number of days from 1 to 36500/);
    expect(() => build({ vaultLock: { mode: 'LEGAL_HOLD' as BackupVaultLockMode } })).toThrow(/vaultLock.mode is "LEGAL_HOLD": pass BackupVaultLockMode.GOVERNANCE or BackupVaultLockMode.COMPLIANCE/);
  });
});
