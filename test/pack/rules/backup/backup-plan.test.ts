import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'BackupPlanRetention';

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const vault = new backup.BackupVault(stack, 'Vault', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    const offsite = new backup.BackupVault(stack, 'Offsite', { encryptionKey: new kms.Key(stack, 'OffsiteKey', { enableKeyRotation: true }) });
    const plan = (id: string, rules: backup.BackupPlanRuleProps[]) => new backup.BackupPlan(stack, id, {
      backupVault: vault,
      backupPlanRules: rules.map((r) => new backup.BackupPlanRule({ scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }), ...r })),
    });
    plan('FiveWeeks', [{ ruleName: 'Daily', deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: offsite, deleteAfter: Duration.days(90) }] }]);
    plan('KeptUntilDeleted', [{ ruleName: 'Monthly' }]);
    plan('OneWeek', [{ ruleName: 'Daily', deleteAfter: Duration.days(7) }]);
    plan('ShortCopies', [{ ruleName: 'Daily', deleteAfter: Duration.days(35), copyActions: [{ destinationBackupVault: offsite, deleteAfter: Duration.days(14) }] }]);
    plan('SecondRuleShort', [{ ruleName: 'Monthly', deleteAfter: Duration.days(365) }, { ruleName: 'Hourly', deleteAfter: Duration.days(2) }]);
    const days = new CfnParameter(stack, 'RetentionDays', { type: 'Number' });
    (plan('ParameterDays', [{ ruleName: 'Daily', deleteAfter: Duration.days(35) }]).node.defaultChild as backup.CfnBackupPlan)
      .addPropertyOverride('BackupPlan.BackupPlanRule.0.Lifecycle.DeleteAfterDays', days.valueAsNumber);
    (plan('Override', [{ ruleName: 'Daily', deleteAfter: Duration.days(35) }]).node.defaultChild as backup.CfnBackupPlan)
      .addPropertyOverride('BackupPlan.BackupPlanRule.0.Lifecycle.DeleteAfterDays', 1);
  });
});

test('passes 35 days or more, copies included, and recovery points kept until deleted', () => {
  expect(run.verdict('Test/FiveWeeks/Resource', RULE)).toBe('passed');
  expect(run.verdict('Test/KeptUntilDeleted/Resource', RULE)).toBe('passed');
});

test('fails a rule or a copy kept less than 35 days, naming the rule and the days', () => {
  expect(run.detail('Test/OneWeek/Resource', RULE)).toBe('Its rule Daily deletes recovery points after 7 days, less than 35.');
  expect(run.detail('Test/ShortCopies/Resource', RULE)).toMatch(/^Its rule Daily deletes the copies it makes to .* after 14 days, less than 35\.$/);
  expect(run.detail('Test/SecondRuleShort/Resource', RULE)).toMatch(/rule Hourly deletes recovery points after 2 days/);
  expect(run.detail('Test/Override/Resource', RULE)).toMatch(/after 1 day,/);
});

test('fails a retention synth cannot know', () => {
  expect(run.detail('Test/ParameterDays/Resource', RULE)).toMatch(/cannot be known at synth/);
});
