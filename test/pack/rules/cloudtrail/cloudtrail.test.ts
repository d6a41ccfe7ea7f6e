import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPackOnStack } from '../../helpers';

const TRAIL_RULES = ['CloudTrailLogging', 'CloudTrailMultiRegion', 'CloudTrailLogFileValidation', 'CloudTrailKms', 'CloudTrailCloudWatchLogs'];

let run: PackRun;

/** The failed CloudTrail rules on a resource. */
function failures(path: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === path);
  if (!r) {
    throw new Error(`No resource at ${path}`);
  }
  return r.failed.map((f) => f.rule).filter((rule) => TRAIL_RULES.includes(rule)).sort();
}

beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    // What a careful user writes; every case below changes one thing of it.
    const hardened = (id: string, props: Partial<cloudtrail.TrailProps> = {}) => new cloudtrail.Trail(stack, id, {
      encryptionKey: key,
      sendToCloudWatchLogs: true,
      cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR,
      ...props,
    });
    const override = (trail: cloudtrail.Trail, property: string, value: unknown) =>
      (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride(property, value);
    const param = new CfnParameter(stack, 'Flag', { type: 'String', allowedValues: ['true', 'false'] });
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(param.valueAsString, 'true') });

    hardened('Hardened');
    hardened('HardenedExplicit', { isMultiRegionTrail: true, enableFileValidation: true, includeGlobalServiceEvents: true });
    hardened('WritesOnly', { managementEvents: cloudtrail.ReadWriteType.WRITE_ONLY });
    hardened('ReadsOnly', { managementEvents: cloudtrail.ReadWriteType.READ_ONLY });
    hardened('DataEventsOnly', { managementEvents: cloudtrail.ReadWriteType.NONE }).addS3EventSelector([{ bucket: new s3.Bucket(stack, 'Watched') }], { includeManagementEvents: false });
    override(hardened('AdvancedReadsOnly'), 'AdvancedEventSelectors', [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }]);
    override(hardened('AdvancedAll'), 'AdvancedEventSelectors', [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }]);
    override(hardened('SelectorsFromParameter'), 'EventSelectors', Fn.split(',', new CfnParameter(stack, 'Selectors').valueAsString));
    // An L1 trail with its own bucket, role and log group, as a user of CfnTrail writes it.
    const bucket = new s3.Bucket(stack, 'TrailBucket');
    const group = new logs.LogGroup(stack, 'TrailLogs');
    const role = new iam.Role(stack, 'TrailRole', { assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com') });
    const l1 = new cloudtrail.CfnTrail(stack, 'HardenedL1', {
      isLogging: true,
      s3BucketName: bucket.bucketName,
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: key.keyArn,
      cloudWatchLogsLogGroupArn: group.logGroupArn,
      cloudWatchLogsRoleArn: role.roleArn,
    });
    // CloudFormation also takes the string "true".
    l1.addPropertyOverride('IsMultiRegionTrail', 'true');

    // CloudTrailLogging
    override(hardened('NotLogging'), 'IsLogging', false);
    override(hardened('LoggingFromParameter'), 'IsLogging', param.valueAsString);
    override(hardened('LoggingOnlyInProd'), 'IsLogging', Fn.conditionIf(isProd.logicalId, true, false));

    // CloudTrailMultiRegion
    hardened('SingleRegion', { isMultiRegionTrail: false });
    override(hardened('MultiRegionFromParameter'), 'IsMultiRegionTrail', param.valueAsString);

    // CloudTrailLogFileValidation
    hardened('NoValidation', { enableFileValidation: false });
    override(hardened('ValidationOff'), 'EnableLogFileValidation', 'false');

    // CloudTrailKms
    hardened('NoKey', { encryptionKey: undefined });
    hardened('ImportedKey', { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', Fn.importValue('TrailKeyArn')) });
    override(hardened('AwsManagedAlias'), 'KMSKeyId', 'alias/aws/cloudtrail');

    // CloudTrailCloudWatchLogs
    hardened('NoCloudWatch', { sendToCloudWatchLogs: false, cloudWatchLogsRetention: undefined });
    hardened('OwnLogGroup', { cloudWatchLogGroup: new logs.LogGroup(stack, 'OwnGroup'), cloudWatchLogsRetention: undefined });
    override(hardened('RoleOnlyInProd'), 'CloudWatchLogsRoleArn', Fn.conditionIf(isProd.logicalId, role.roleArn, Fn.ref('AWS::NoValue')));
    (hardened('NoRole').node.defaultChild as cloudtrail.CfnTrail).addPropertyDeletionOverride('CloudWatchLogsRoleArn');
  });
});

describe('hardened trails', () => {
  test('an L2 trail with a key and CloudWatch Logs passes every CloudTrail rule', () => {
    expect(failures('Test/Hardened/Resource')).toEqual([]);
    expect(failures('Test/HardenedExplicit/Resource')).toEqual([]);
    for (const rule of TRAIL_RULES) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
  });

  test('an L1 trail with every control passes every CloudTrail rule', () => {
    expect(failures('Test/HardenedL1')).toEqual([]);
  });
});

describe('CloudTrailLogging', () => {
  const RULE = 'CloudTrailLogging';

  test('fails a trail that is not logging, and on nothing else', () => {
    expect(failures('Test/NotLogging/Resource')).toEqual([RULE]);
  });

  test('fails closed when logging comes from a parameter', () => {
    expect(run.verdict('Test/LoggingFromParameter/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/LoggingFromParameter/Resource', RULE)).toMatch(/cannot be known at synth/);
  });

  test('fails when a condition can stop logging', () => {
    expect(run.verdict('Test/LoggingOnlyInProd/Resource', RULE)).toBe('failed');
  });
});

describe('CloudTrailMultiRegion', () => {
  const RULE = 'CloudTrailMultiRegion';

  test('fails a single-Region trail, and on nothing else', () => {
    expect(failures('Test/SingleRegion/Resource')).toEqual([RULE]);
  });

  test('fails closed when it comes from a parameter', () => {
    expect(run.verdict('Test/MultiRegionFromParameter/Resource', RULE)).toBe('failed');
  });
});

describe('CloudTrailLogFileValidation', () => {
  const RULE = 'CloudTrailLogFileValidation';

  test('fails a trail without log file validation, and on nothing else', () => {
    expect(failures('Test/NoValidation/Resource')).toEqual([RULE]);
  });

  test('reads the string "false"', () => {
    expect(run.verdict('Test/ValidationOff/Resource', RULE)).toBe('failed');
  });
});

describe('CloudTrailKms', () => {
  const RULE = 'CloudTrailKms';

  test('fails a trail without a KMS key, and on nothing else', () => {
    expect(failures('Test/NoKey/Resource')).toEqual([RULE]);
  });

  test('a key given by an imported value counts as customer-managed', () => {
    expect(run.verdict('Test/ImportedKey/Resource', RULE)).toBe('passed');
  });

  test('fails an AWS-managed key alias set by an override', () => {
    expect(run.verdict('Test/AwsManagedAlias/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/AwsManagedAlias/Resource', RULE)).toMatch(/AWS-managed key/);
  });
});

describe('CloudTrailCloudWatchLogs', () => {
  const RULE = 'CloudTrailCloudWatchLogs';

  test('fails a trail that does not send to CloudWatch Logs, and on nothing else', () => {
    expect(failures('Test/NoCloudWatch/Resource')).toEqual([RULE]);
  });

  test('passes a trail sending to a log group of the user', () => {
    expect(run.verdict('Test/OwnLogGroup/Resource', RULE)).toBe('passed');
  });

  test('fails when the role is missing, or a condition can remove it', () => {
    expect(run.verdict('Test/NoRole/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/NoRole/Resource', RULE)).toMatch(/CloudWatchLogsRoleArn/);
    expect(run.verdict('Test/RoleOnlyInProd/Resource', RULE)).toBe('failed');
  });
});

describe('CloudTrailManagementWrites', () => {
  const verdict = (id: string) => run.verdict(`Test/${id}/Resource`, 'CloudTrailManagementWrites');

  test('passes CloudTrail\'s default (every management event), writes only, and an advanced selector without a readOnly filter', () => {
    expect(['Hardened', 'WritesOnly', 'AdvancedAll'].map(verdict)).toEqual(['passed', 'passed', 'passed']);
  });

  test('fails read-only management events, in basic and advanced selectors', () => {
    expect(['ReadsOnly', 'AdvancedReadsOnly'].map(verdict)).toEqual(['failed', 'failed']);
    expect(run.detail('Test/ReadsOnly/Resource', 'CloudTrailManagementWrites')).toMatch(/only read-only management events/);
  });

  test('does not apply to a trail of data events only (another trail records management events)', () => {
    expect(verdict('DataEventsOnly')).toBe('not-applicable');
  });

  test('fails closed on selectors synth cannot read', () => {
    expect(verdict('SelectorsFromParameter')).toBe('failed');
  });
});
