import { CfnCondition, CfnParameter, CfnResource, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LOGS_RULES } from '../../../../pack/rules/logs';
import { logGroupAuditRetention } from '../../../../pack/rules/logs/LogGroupAuditRetention';
import { Soc2MlChecks } from '../../../../pack/soc2-ml-checks';
import { StackTemplate } from '../../../../pack/template';
import { PackRun, runPackOnStack } from '../../helpers';

const RETENTION = 'LogGroupRetention';
const KMS = 'LogGroupKmsEncryption';
const RETAINED = 'LogGroupRetained';
const LOGS_IDS = new Set(LOGS_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => LOGS_IDS.has(id)).sort();
}

describe('log group controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const group = (id: string, props: logs.LogGroupProps = {}) =>
        new logs.LogGroup(stack, id, { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN, ...props });
      const l1 = (g: logs.LogGroup) => g.node.defaultChild as logs.CfnLogGroup;
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });

      group('Hardened');

      // Retention
      group('DefaultRetention', { retention: undefined });
      group('NeverExpire', { retention: logs.RetentionDays.INFINITE });
      group('SixMonths', { retention: logs.RetentionDays.SIX_MONTHS });
      l1(group('RetentionOverridden')).addPropertyOverride('RetentionInDays', 7);
      l1(group('RetentionString')).addPropertyOverride('RetentionInDays', '400');
      const days = new CfnParameter(stack, 'Days', { type: 'Number' });
      l1(group('RetentionByParameter')).addPropertyOverride('RetentionInDays', days.valueAsNumber);
      const allowedDays = new CfnParameter(stack, 'AllowedDays', { type: 'Number', allowedValues: ['365', '3653'] });
      l1(group('RetentionByAllowedParameter')).addPropertyOverride('RetentionInDays', allowedDays.valueAsNumber);
      l1(group('RetentionConditional')).addPropertyOverride('RetentionInDays', Fn.conditionIf(useFeature.logicalId, 30, Fn.ref('AWS::NoValue')));

      // Encryption
      group('Unencrypted', { encryptionKey: undefined });
      group('ImportedKey', { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', Fn.importValue('SharedLogKeyArn')) });
      l1(group('KeyConditional')).addPropertyOverride('KmsKeyId', Fn.conditionIf(useFeature.logicalId, key.keyArn, Fn.ref('AWS::NoValue')));

      // Deletion
      group('Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
      new logs.CfnLogGroup(stack, 'L1Default', { kmsKeyId: key.keyArn });
      l1(group('DeletionOverridden')).addOverride('DeletionPolicy', 'Delete');
      l1(group('DeletionConditional')).addOverride('DeletionPolicy', Fn.conditionIf(useFeature.logicalId, 'Retain', 'Delete'));

      // Retention set by CDK's logRetention prop (Custom::LogRetention)
      const fn = (id: string, logRetention: logs.RetentionDays) => new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'), logRetention,
      });
      fn('WeekFn', logs.RetentionDays.ONE_WEEK);
      fn('YearFn', logs.RetentionDays.ONE_YEAR);
      fn('ForeverFn', logs.RetentionDays.INFINITE);
      const overridden = fn('OverriddenFn', logs.RetentionDays.ONE_YEAR).node.findChild('LogRetention').node.defaultChild as CfnResource;
      overridden.addPropertyOverride('RetentionInDays', 30);
      new logs.LogRetention(stack, 'MonthRetention', { logGroupName: '/ml/training', retention: logs.RetentionDays.ONE_MONTH });
    });
  });

  test('a fully hardened log group fails no rule', () => {
    expect(run.verdicts.find((r) => r.constructPath === 'Test/Hardened/Resource')!.failed).toEqual([]);
    for (const rule of [RETENTION, KMS, RETAINED]) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/SixMonths/Resource')).toEqual([RETENTION]);
    expect(failedRules(run, 'Test/Unencrypted/Resource')).toEqual([KMS]);
    expect(failedRules(run, 'Test/Destroyed/Resource')).toEqual([RETAINED]);
  });

  describe(RETENTION, () => {
    test('passes a year, the L2 default (two years), never-expire and a numeric string', () => {
      expect(run.verdict('Test/Hardened/Resource', RETENTION)).toBe('passed');
      expect(run.verdict('Test/DefaultRetention/Resource', RETENTION)).toBe('passed');
      expect(run.verdict('Test/NeverExpire/Resource', RETENTION)).toBe('passed');
      expect(run.verdict('Test/RetentionString/Resource', RETENTION)).toBe('passed');
    });
    test('fails less than a year, and an override shortening it', () => {
      expect(run.verdict('Test/SixMonths/Resource', RETENTION)).toBe('failed');
      expect(run.detail('Test/SixMonths/Resource', RETENTION)).toMatch(/180/);
      expect(run.verdict('Test/RetentionOverridden/Resource', RETENTION)).toBe('failed');
    });
    test('a parameter passes only when all its AllowedValues are long enough', () => {
      expect(run.verdict('Test/RetentionByParameter/Resource', RETENTION)).toBe('failed');
      expect(run.verdict('Test/RetentionByAllowedParameter/Resource', RETENTION)).toBe('passed');
    });
    test('fails a condition with a short branch', () => {
      expect(run.verdict('Test/RetentionConditional/Resource', RETENTION)).toBe('failed');
    });
  });

  describe(`${RETENTION} on logRetention (Custom::LogRetention)`, () => {
    test('passes a year and never-expire, fails a week', () => {
      expect(run.verdict('Test/YearFn/LogRetention/Resource', RETENTION)).toBe('passed');
      expect(run.verdict('Test/ForeverFn/LogRetention/Resource', RETENTION)).toBe('passed');
      expect(run.verdict('Test/WeekFn/LogRetention/Resource', RETENTION)).toBe('failed');
      expect(run.detail('Test/WeekFn/LogRetention/Resource', RETENTION)).toMatch(/7 days/);
    });
    test('fails an override to 30 days and the LogRetention construct set to a month', () => {
      expect(run.verdict('Test/OverriddenFn/LogRetention/Resource', RETENTION)).toBe('failed');
      expect(run.verdict('Test/MonthRetention/Resource', RETENTION)).toBe('failed');
    });
  });

  describe(KMS, () => {
    test('passes a key of the stack and an imported key ARN', () => {
      expect(run.verdict('Test/Hardened/Resource', KMS)).toBe('passed');
      expect(run.verdict('Test/ImportedKey/Resource', KMS)).toBe('passed');
    });
    test('fails an unencrypted group and a condition that may drop the key', () => {
      expect(run.verdict('Test/Unencrypted/Resource', KMS)).toBe('failed');
      expect(run.verdict('Test/KeyConditional/Resource', KMS)).toBe('failed');
    });
  });

  describe(RETAINED, () => {
    test('passes RETAIN (the L2 default)', () => {
      expect(run.verdict('Test/Hardened/Resource', RETAINED)).toBe('passed');
      expect(run.verdict('Test/DefaultRetention/Resource', RETAINED)).toBe('passed');
    });
    test('fails DESTROY and an L1 group without a DeletionPolicy', () => {
      expect(run.verdict('Test/Destroyed/Resource', RETAINED)).toBe('failed');
      expect(run.verdict('Test/L1Default', RETAINED)).toBe('failed');
    });
    test('fails an override to Delete and a condition with a Delete branch', () => {
      expect(run.verdict('Test/DeletionOverridden/Resource', RETAINED)).toBe('failed');
      expect(run.verdict('Test/DeletionConditional/Resource', RETAINED)).toBe('failed');
    });
  });
});

describe('LogGroupAuditRetention', () => {
  /** A stack with a trail and a flow log delivering to two log groups, and one that receives nothing. */
  function verdicts(retentionInDays: number | undefined, minDays: number) {
    const group = { Type: 'AWS::Logs::LogGroup', Properties: (retentionInDays === undefined ? {} : { RetentionInDays: retentionInDays }) as Record<string, number> };
    const t = new StackTemplate('S', '/tmp/S.json', { Resources: {
      TrailLogs: group, FlowLogs: group, Other: group,
      Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['TrailLogs', 'Arn'] } } },
      Flow: { Type: 'AWS::EC2::FlowLog', Properties: { LogGroupName: { Ref: 'FlowLogs' } } },
    } });
    const rule = logGroupAuditRetention(minDays);
    return Object.fromEntries(['TrailLogs', 'FlowLogs', 'Other'].map((id) => [id, rule.check(t.resources.get(id)!).verdict]));
  }

  test('a trail\'s and a flow log\'s log group keeping events the audit log retention pass; others are not applicable', () => {
    expect(verdicts(731, 731)).toEqual({ TrailLogs: 'passed', FlowLogs: 'passed', Other: 'not-applicable' });
    expect(verdicts(undefined, 731)).toEqual({ TrailLogs: 'passed', FlowLogs: 'passed', Other: 'not-applicable' });
  });

  test('the same log groups keeping them less fail, naming what delivers to them', () => {
    expect(verdicts(365, 731)).toEqual({ TrailLogs: 'failed', FlowLogs: 'failed', Other: 'not-applicable' });
    const t = new StackTemplate('S', '/tmp/S.json', { Resources: {
      L: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
      Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['L', 'Arn'] } } },
    } });
    expect(logGroupAuditRetention(731).check(t.resources.get('L')!).detail).toMatch(/AWS::CloudTrail::Trail Trail\) and keeps them 365 days, less than the audit log retention of 731 days/);
  });

  test('Soc2MlChecks takes auditLogRetentionDays, and refuses a value that is not a number of days', () => {
    expect(() => new Soc2MlChecks(undefined, { auditLogRetentionDays: 731 })).not.toThrow();
    expect(() => new Soc2MlChecks(undefined, { auditLogRetentionDays: 0 })).toThrow(/auditLogRetentionDays is 0: pass a whole number of days/);
  });
});
