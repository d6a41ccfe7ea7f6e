import { App, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AuditTrail, AuditTrailBucket, AuditTrailProps, AuditTrailScope, DataClassification, KeyPurpose, ObjectLockMode, PlatformKey,
  SageMakerDataEventResource, SecureBucket,
} from '../../index';


type Statement = { Sid?: string; Effect: string; Action: string | string[]; Principal?: unknown; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> };
type Selector = { Name: string; FieldSelectors: { Field: string; Equals?: string[]; StartsWith?: unknown[] }[] };

const ARN = (parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const PARTITION = { Ref: 'AWS::Partition' };
const REGION = { Ref: 'AWS::Region' };
const ACCOUNT = { Ref: 'AWS::AccountId' };
const trailArn = (name: string) => ARN(['arn:', PARTITION, ':cloudtrail:', REGION, ':', ACCOUNT, `:trail/${name}`]);

function logicalId(stack: Stack, c: { node: { defaultChild?: unknown } } | unknown): string {
  const child = (c as { node?: { defaultChild?: unknown } }).node?.defaultChild ?? c;
  return stack.getLogicalId(child as never);
}

function trailOf(template: Template): { Properties: Record<string, unknown>; DependsOn?: string[] } {
  const trails = Object.values(template.findResources('AWS::CloudTrail::Trail'));
  expect(trails).toHaveLength(1);
  return trails[0] as { Properties: Record<string, unknown>; DependsOn?: string[] };
}

function keyStatements(template: Template, id: string): Statement[] {
  return template.toJSON().Resources[id].Properties.KeyPolicy.Statement;
}

function bucketPolicyStatements(template: Template, bucketId: string): Statement[] {
  return Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }))[0].Properties.PolicyDocument.Statement;
}

describe('AuditTrail for the account', () => {
  const stack = new Stack(new App(), 'Baseline');
  const trail = new AuditTrail(stack, 'AuditTrail', { environmentName: 'account-baseline' });
  // Defined after the trail, in the four ways a bucket gets classified.
  const restricted = new SecureBucket(stack, 'Restricted', { dataClassification: DataClassification.RESTRICTED });
  const internal = new SecureBucket(stack, 'Internal', { dataClassification: DataClassification.INTERNAL });
  const raw = new s3.CfnBucket(stack, 'Raw', { tags: [{ key: 'DataClassification', value: 'confidential' }] });
  const taggedLater = new s3.Bucket(stack, 'TaggedLater');
  Tags.of(taggedLater).add('DataClassification', 'restricted');
  const miscased = new s3.Bucket(stack, 'Miscased');
  Tags.of(miscased).add('DataClassification', 'Confidential');
  const template = Template.fromStack(stack);
  const resource = trailOf(template);
  const keyId = logicalId(stack, trail.encryptionKey);
  const bucketId = logicalId(stack, trail.bucket);
  const name = 'soc2ml-account-baseline-audit-trail';

  test('is multi-region, records global service events, validates log files and is logging', () => {
    expect(resource.Properties).toMatchObject({
      TrailName: name,
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
    });
    expect(trail.trailName).toBe(name);
    expect(stack.resolve(trail.trailArn)).toEqual(trailArn(name));
  });

  test('encrypts log files with its own customer-managed key and delivers to its own tamper-evident bucket under its name', () => {
    expect(resource.Properties.KMSKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(resource.Properties.S3BucketName).toEqual({ Ref: bucketId });
    expect(resource.Properties.S3KeyPrefix).toBe(name);
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 }, DeletionPolicy: 'Retain' });
    expect(template.toJSON().Resources[bucketId].Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 365 });
    expect(trail.bucket.encryptionKey).toBe(trail.encryptionKey);
  });

  test('uses advanced event selectors only: management events, classified buckets\' objects, SageMaker data events', () => {
    expect(resource.Properties.EventSelectors).toBeUndefined();
    const arnOf = (b: unknown) => ARN([{ 'Fn::GetAtt': [logicalId(stack, b), 'Arn'] }, '/']);
    expect(resource.Properties.AdvancedEventSelectors).toEqual([
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: 'S3 object events of confidential and restricted buckets',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          // Not the internal bucket, the miscased tag, the access-log bucket or the trail's own bucket.
          { Field: 'resources.ARN', StartsWith: [arnOf(restricted.bucket), arnOf(raw), arnOf(taggedLater)] },
        ],
      },
      ...['AWS::SageMaker::Endpoint', 'AWS::SageMaker::FeatureGroup', 'AWS::SageMaker::ExperimentTrialComponent', 'AWS::SageMaker::MlflowTrackingServer'].map((type) => ({
        Name: `SageMaker data events: ${type}`,
        FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [type] }],
      })),
    ]);
    expect(trail.dataEventBucketArns().map((a) => stack.resolve(a))).not.toContainEqual({ 'Fn::GetAtt': [logicalId(stack, internal.bucket), 'Arn'] });
  });

  test('the key admits CloudTrail for this trail only (source ARN, source account, CloudTrail encryption context) and CloudWatch Logs', () => {
    const statements = keyStatements(template, keyId);
    const cloudTrail = statements.filter((s) => JSON.stringify(s.Principal) === '{"Service":"cloudtrail.amazonaws.com"}');
    expect(cloudTrail).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': trailArn(name), 'aws:SourceAccount': ACCOUNT },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': ARN(['arn:', PARTITION, ':cloudtrail:*:', ACCOUNT, ':trail/*']) },
        },
      }),
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'kms:DescribeKey',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn(name), 'aws:SourceAccount': ACCOUNT } },
      }),
    ]);
    expect(statements.filter((s) => s.Sid === 'AllowCloudWatchLogsForThisAccountsLogGroups')).toHaveLength(1);
    expect(statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal) === '{"AWS":"*"}')).toEqual([]);
  });

  test('the bucket lets this trail (by source ARN and account) check its ACL and write under its own prefix', () => {
    const allows = bucketPolicyStatements(template, bucketId).filter((s) => s.Effect === 'Allow');
    const source = { 'aws:SourceArn': trailArn(name), 'aws:SourceAccount': ACCOUNT };
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: { StringEquals: source },
      }),
      expect.objectContaining({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: ARN([{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${name}/AWSLogs/`, ACCOUNT, '/*']),
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...source } },
      }),
    ]);
  });

  test('delivers to a log group encrypted with the key, kept a year and retained', () => {
    const groupId = logicalId(stack, trail.logGroup);
    expect(resource.Properties.CloudWatchLogsLogGroupArn).toEqual({ 'Fn::GetAtt': [groupId, 'Arn'] });
    expect(template.toJSON().Resources[groupId]).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('through a role CloudTrail assumes, whose only permission is to write the trail\'s log streams', () => {
    const roleId = logicalId(stack, trail.logsRole);
    expect(resource.Properties.CloudWatchLogsRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    const role = template.toJSON().Resources[roleId].Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }]);
    expect(role.Policies).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: ARN(['arn:', PARTITION, ':logs:', REGION, ':', ACCOUNT, ':log-group:', { Ref: logicalId(stack, trail.logGroup) }, ':log-stream:', ACCOUNT, '_CloudTrail_*']),
        }],
      },
    });
  });

  test('acknowledges the log-stream wildcard on its policy only, by the exact cdk-nag finding', () => {
    const policy = trail.node.findChild('LogsPolicy');
    const acks = policy.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data as Record<string, string>);
    const groupId = logicalId(stack, trail.logGroup);
    expect(Object.assign({}, ...acks)).toEqual({
      [`AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<${groupId}>:log-stream:<AWS::AccountId>_CloudTrail_*]`]: expect.stringMatching(/^CloudTrail writes a multi-region trail to one log stream per source region/),
    });
    expect(trail.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')).toEqual([]);
  });

  test('is created after its bucket policy and its logs policy, which CloudTrail checks', () => {
    expect(resource.DependsOn).toEqual(expect.arrayContaining([
      logicalId(stack, trail.node.findChild('LogsPolicy')),
      stack.getLogicalId(trail.bucket.policy!.node.defaultChild as never),
    ]));
  });
});

describe('AuditTrail per environment, data events only, beside the account trail', () => {
  const app = new App();
  const baseline = new Stack(app, 'Baseline');
  const accountTrail = new AuditTrail(baseline, 'AuditTrail', { environmentName: 'account-baseline' });
  const env = new Stack(app, 'Dev');
  env.addStackDependency(baseline);
  const logsKey = new PlatformKey(env, 'LogsKey', { purpose: KeyPurpose.LOGS, environmentName: 'dev' });
  const training = new SecureBucket(env, 'TrainingData', { dataClassification: DataClassification.CONFIDENTIAL });
  const dataTrail = new AuditTrail(env, 'DataEventsTrail', {
    environmentName: 'dev',
    trailScope: AuditTrailScope.DATA_EVENTS,
    bucket: accountTrail.bucket,
    encryptionKey: logsKey.key,
  });
  const base = Template.fromStack(baseline);
  const dev = Template.fromStack(env);
  const name = 'soc2ml-dev-data-events';

  test('records no management events and no SageMaker data events, only the environment\'s classified buckets', () => {
    expect(trailOf(dev).Properties.AdvancedEventSelectors).toEqual([{
      Name: 'S3 object events of confidential and restricted buckets',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        { Field: 'resources.ARN', StartsWith: [ARN([{ 'Fn::GetAtt': [logicalId(env, training.bucket), 'Arn'] }, '/'])] },
      ],
    }]);
    expect(dataTrail.trailName).toBe(name);
    expect(trailOf(dev).Properties).toMatchObject({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true, S3KeyPrefix: name });
  });

  test('delivers to the baseline\'s tamper-evident bucket, encrypted with the environment\'s logs key', () => {
    expect(trailOf(dev).Properties.S3BucketName).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Baseline:ExportsOutputRefAuditTrailBucket/) });
    expect(trailOf(dev).Properties.KMSKeyId).toEqual({ 'Fn::GetAtt': [logicalId(env, logsKey.key), 'Arn'] });
    dev.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [logicalId(env, logsKey.key), 'Arn'] }, RetentionInDays: 365 });
    dev.resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('the baseline bucket admits the environment trail by name, with no reference back to the environment stack', () => {
    const allows = bucketPolicyStatements(base, logicalId(baseline, accountTrail.bucket)).filter((s) => s.Effect === 'Allow');
    expect(allows.map((s) => s.Condition?.StringEquals['aws:SourceArn'])).toEqual([
      trailArn('soc2ml-account-baseline-audit-trail'), trailArn('soc2ml-account-baseline-audit-trail'), trailArn(name), trailArn(name),
    ]);
    expect(JSON.stringify(base.toJSON())).not.toMatch(/Fn::ImportValue/);
    expect(env.dependencies).toEqual([baseline]);
    expect(baseline.dependencies).toEqual([]);
  });

  test('the environment key admits its own trail; the baseline key is left alone', () => {
    const envKey = keyStatements(dev, logicalId(env, logsKey.key));
    expect(envKey.filter((s) => JSON.stringify(s.Condition ?? {}).includes(`trail/${name}`))).toHaveLength(2);
    const baseKey = keyStatements(base, logicalId(baseline, accountTrail.encryptionKey));
    expect(JSON.stringify(baseKey)).not.toMatch(/data-events/);
  });

  test('each trail records only its own stack\'s buckets, so no data event is recorded twice', () => {
    const accountSelectors = trailOf(base).Properties.AdvancedEventSelectors as Selector[];
    expect(accountSelectors.map((s) => s.Name)).not.toContain('S3 object events of confidential and restricted buckets');
    expect(accountTrail.dataEventBucketArns()).toEqual([]);
  });
});

describe('AuditTrail options', () => {
  test('SageMaker data events and buckets can be passed in; a bucket found and passed is recorded once', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const features = new SecureBucket(stack, 'Features', { dataClassification: DataClassification.CONFIDENTIAL });
    const imported = s3.Bucket.fromBucketAttributes(stack, 'Landing', { bucketName: 'landing-111111111111', account: '111111111111', region: 'eu-west-1' });
    const later = s3.Bucket.fromBucketName(stack, 'Later', 'later-bucket');
    const trail = new AuditTrail(stack, 'Trail', {
      trailScope: AuditTrailScope.DATA_EVENTS,
      sageMakerDataEvents: [SageMakerDataEventResource.FEATURE_GROUP],
      dataEventBuckets: [features.bucket, imported],
    });
    trail.addDataEventBucket(later);
    const selectors = trailOf(Template.fromStack(stack)).Properties.AdvancedEventSelectors as Selector[];
    expect(selectors.map((s) => s.Name)).toEqual(['S3 object events of confidential and restricted buckets', 'SageMaker data events: AWS::SageMaker::FeatureGroup']);
    expect(selectors[0].FieldSelectors[2].StartsWith).toEqual([
      ARN([{ 'Fn::GetAtt': [logicalId(stack, features.bucket), 'Arn'] }, '/']),
      ARN(['arn:', PARTITION, ':s3:::landing-111111111111/']),
      ARN(['arn:', PARTITION, ':s3:::later-bucket/']),
    ]);
  });

  test('without an environment name the trail is named from its construct path', () => {
    const trail = new AuditTrail(new Stack(new App(), 'Platform'), 'Trail');
    expect(trail.trailName).toMatch(/^Platform-Trail-[A-F0-9]{8}$/);
  });

  test('a longer log retention locks its new bucket as long', () => {
    const stack = new Stack(new App(), 'S');
    new AuditTrail(stack, 'Trail', { logRetention: logs.RetentionDays.TWO_YEARS });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    template.hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 731 } } } });
  });

  test('composes into an existing stack with an imported key and bucket, and says what it cannot check or grant', () => {
    const stack = new Stack(new App(), 'Existing', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = kms.Key.fromKeyArn(stack, 'TheirKey', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const bucket = s3.Bucket.fromBucketName(stack, 'TheirLogArchive', 'their-log-archive');
    const trail = new AuditTrail(stack, 'Trail', { environmentName: 'prod', bucket, encryptionKey: key });
    expect(trail.encryptionKey).toBe(key);
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Existing/Trail', Match.stringLikeRegexp('encryptionKey is imported'));
    annotations.hasWarning('/Existing/Trail', Match.stringLikeRegexp('bucket is imported'));
    annotations.hasWarning('/Existing/TheirLogArchive', Match.stringLikeRegexp('cannot check that it has Object Lock'));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(trailOf(template).Properties).toMatchObject({ KMSKeyId: key.keyArn, S3BucketName: 'their-log-archive', TrailName: 'soc2ml-prod-audit-trail' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: key.keyArn });
  });

  test('a key from the same app gets the CloudTrail and CloudWatch Logs statements', () => {
    const stack = new Stack(new App(), 'S');
    const key = new kms.Key(stack, 'TheirKey', { enableKeyRotation: true });
    new AuditTrail(stack, 'Trail', { encryptionKey: key });
    const statements = keyStatements(Template.fromStack(stack), logicalId(stack, key));
    expect(statements.map((s) => JSON.stringify(s.Principal))).toEqual(expect.arrayContaining([
      '{"Service":"cloudtrail.amazonaws.com"}',
      JSON.stringify({ Service: ARN(['logs.', REGION, '.amazonaws.com']) }),
    ]));
  });
});

describe('AuditTrail rejects bad input', () => {
  const make = (props: AuditTrailProps, env?: { account: string; region: string }) => {
    const stack = new Stack(new App(), 'S', { env });
    return new AuditTrail(stack, 'Trail', props);
  };

  test('a log retention under 365 days', () => {
    expect(() => make({ logRetention: logs.RetentionDays.SIX_MONTHS }))
      .toThrow(/logRetention is 180 days: trail events are audit evidence and must be kept at least 365 days.*RetentionDays.ONE_YEAR or longer/);
  });

  test('an Object Lock retention shorter than the log retention', () => {
    const stack = new Stack(new App(), 'S');
    const bucket = new AuditTrailBucket(stack, 'TrailBucket', { objectLockRetentionDays: 400 }).bucket;
    expect(() => new AuditTrail(stack, 'Trail', { bucket, logRetention: logs.RetentionDays.EIGHTEEN_MONTHS }))
      .toThrow(/logRetention is 545 days, but bucket S\/TrailBucket\/Bucket\/Bucket locks log files for only 400 days.*objectLockRetentionDays: 545/);
  });

  test('a bucket without Object Lock in compliance mode', () => {
    const stack = new Stack(new App(), 'S');
    const unlocked = new SecureBucket(stack, 'Unlocked', { dataClassification: DataClassification.CONFIDENTIAL, cloudTrailDelivery: true });
    expect(() => new AuditTrail(stack, 'Trail', { bucket: unlocked.bucket }))
      .toThrow(/bucket S\/Unlocked\/Bucket has no Object Lock default retention in compliance mode/);
    const governed = new SecureBucket(stack, 'Governed', {
      dataClassification: DataClassification.CONFIDENTIAL, cloudTrailDelivery: true, objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 365 },
    });
    expect(() => new AuditTrail(stack, 'Trail2', { bucket: governed.bucket })).toThrow(/has no Object Lock default retention in compliance mode/);
  });

  test('a SecureBucket that would refuse CloudTrail\'s digest files', () => {
    const stack = new Stack(new App(), 'S');
    const locked = new SecureBucket(stack, 'Locked', { dataClassification: DataClassification.CONFIDENTIAL, objectLock: { mode: ObjectLockMode.COMPLIANCE, defaultRetentionDays: 365 } });
    expect(() => new AuditTrail(stack, 'Trail', { bucket: locked.bucket }))
      .toThrow(/bucket is the SecureBucket S\/Locked without cloudTrailDelivery: its encryption denials would refuse CloudTrail's digest files/);
  });

  test('a data-event bucket in another account', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const other = s3.Bucket.fromBucketAttributes(stack, 'Other', { bucketName: 'other', account: '222222222222', region: 'eu-west-1' });
    expect(() => new AuditTrail(stack, 'Trail', { dataEventBuckets: [other] }))
      .toThrow(/dataEventBuckets\[0\] is in account 222222222222, but the trail is in account 111111111111: a trail records data events of its own account only/);
  });

  test('a data-event bucket in another region', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const other = s3.Bucket.fromBucketAttributes(stack, 'Other', { bucketName: 'other', account: '111111111111', region: 'us-east-1' });
    const trail = new AuditTrail(stack, 'Trail');
    expect(() => trail.addDataEventBucket(other))
      .toThrow(/addDataEventBucket\(bucket\) is in region us-east-1, but the trail's home region is eu-west-1/);
  });

  test('no error when account or region is unknown at synth', () => {
    const stack = new Stack(new App(), 'S');
    const other = s3.Bucket.fromBucketAttributes(stack, 'Other', { bucketName: 'other', account: '222222222222', region: 'us-east-1' });
    expect(() => new AuditTrail(stack, 'Trail', { dataEventBuckets: [other] })).not.toThrow();
  });

  test('its own bucket as a data-event bucket', () => {
    const trail = make({});
    expect(() => trail.addDataEventBucket(trail.bucket)).toThrow(/is the trail's own bucket: recording its object events would record every delivery of the trail itself/);
  });

  test('a data-events trail with nothing to record, which CloudTrail would turn into a second management-event copy', () => {
    const stack = new Stack(new App(), 'S');
    new AuditTrail(stack, 'Trail', { trailScope: AuditTrailScope.DATA_EVENTS, bucket: new AuditTrailBucket(stack, 'TrailBucket').bucket });
    expect(() => Template.fromStack(stack)).toThrow(/The trail records nothing: its trailScope is AuditTrailScope.DATA_EVENTS, no bucket of stack S is tagged DataClassification confidential or restricted/);
  });

  test('more selector values than CloudTrail allows on a trail', () => {
    const stack = new Stack(new App(), 'S');
    const buckets = Array.from({ length: 499 }, (_, i) => s3.Bucket.fromBucketName(stack, `B${i}`, `bucket-${i}`));
    new AuditTrail(stack, 'Trail', { trailScope: AuditTrailScope.DATA_EVENTS, dataEventBuckets: buckets });
    expect(() => Template.fromStack(stack)).toThrow(/advanced event selectors hold 501 values, more than the 500 CloudTrail allows/);
  });

  test('an unknown scope or SageMaker resource type from a JavaScript caller, and a bad environment name', () => {
    expect(() => make({ trailScope: 'org' as AuditTrailScope })).toThrow(/trailScope is "org": pass AuditTrailScope.ACCOUNT or AuditTrailScope.DATA_EVENTS/);
    expect(() => make({ sageMakerDataEvents: ['AWS::SageMaker::Model' as SageMakerDataEventResource] })).toThrow(/sageMakerDataEvents has "AWS::SageMaker::Model"/);
    expect(() => make({ environmentName: 'Prod' })).toThrow(/environmentName is "Prod"/);
  });
});
