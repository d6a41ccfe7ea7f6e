import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataClassification, ObjectLockMode, SecureBucket, SecureBucketProps } from '../../index';

function stackWith(props: SecureBucketProps): { stack: Stack; template: Template; secure: SecureBucket } {
  const stack = new Stack(new App(), 'S');
  const secure = new SecureBucket(stack, 'Data', props);
  return { stack, template: Template.fromStack(stack), secure };
}

function dataBucketId(template: Template): string {
  const buckets = template.findResources('AWS::S3::Bucket', { Properties: { Tags: Match.arrayWith([{ Key: 'DataClassification', Value: Match.anyValue() }]) } });
  const ids = Object.keys(buckets).filter((id) => id.startsWith('Data'));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('SecureBucket defaults', () => {
  const { template } = stackWith({ dataClassification: DataClassification.CONFIDENTIAL });
  const id = dataBucketId(template);
  const bucket = template.toJSON().Resources[id];

  test('encrypts with its own customer-managed key and an S3 Bucket Key', () => {
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } },
    }]);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 30 });
  });

  test('blocks all public access, disables ACLs and keeps versions', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('logs access to the stack\'s shared access-log bucket', () => {
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^Soc2MlAccessLogs/) });
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('sends events to EventBridge from the bucket resource, with no custom resource', () => {
    expect(bucket.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('expires noncurrent versions after the confidential default of 365 days', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    })]);
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeUndefined();
  });

  test('is retained on deletion and replacement, with its key', () => {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('is tagged with its classification and personal-data flag', () => {
    expect(bucket.Properties.Tags).toEqual(expect.arrayContaining([
      { Key: 'DataClassification', Value: 'confidential' },
      { Key: 'PersonalData', Value: 'false' },
    ]));
  });

  test('denies plain HTTP and TLS below 1.2', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('denies uploads that name another algorithm or another key, but not uploads that name none', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: id } } }))[0];
    const denials = (policy.Properties.PolicyDocument.Statement as PolicyStatementJson[])
      .filter((st) => st.Effect === 'Deny' && st.Action === 's3:PutObject');
    expect(denials).toHaveLength(2);
    const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/bucket-key';
    // Evaluate the denials as IAM would, with the bucket's key ARN in place of its token.
    const denied = (headers: Record<string, string>) => denials.some((st) => conditionHolds(JSON.parse(JSON.stringify(st.Condition).replace(/\{"Fn::GetAtt":\["DataKey[^"]*","Arn"\]\}/g, JSON.stringify(keyArn))), headers));
    expect(denied({})).toBe(false);
    expect(denied({ 's3:x-amz-server-side-encryption': 'aws:kms' })).toBe(false);
    expect(denied({ 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn })).toBe(false);
    expect(denied({ 's3:x-amz-server-side-encryption': 'AES256' })).toBe(true);
    expect(denied({ 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-west-1:111111111111:key/other' })).toBe(true);
  });
});

interface PolicyStatementJson { Effect: string; Action: string | string[]; Condition: Record<string, Record<string, string>> }

/**
 * How IAM evaluates the condition operators these policies use: every operator block and key must
 * hold. `Null: 'false'` needs the key present; a negated operator holds for an absent key;
 * `…IfExists` holds for an absent key.
 */
function conditionHolds(condition: Record<string, Record<string, string>>, context: Record<string, string>): boolean {
  return Object.entries(condition).every(([operator, block]) => Object.entries(block).every(([key, expected]) => {
    const actual = context[key];
    switch (operator) {
      case 'Null': return (actual === undefined) === (expected === 'true');
      case 'StringNotEquals': return actual === undefined || actual !== expected;
      case 'StringNotEqualsIfExists': return actual === undefined || actual !== expected;
      case 'StringEquals': return actual === expected;
      default: throw new Error(`operator ${operator} not modelled`);
    }
  }));
}

describe('SecureBucket options', () => {
  test('noncurrent-version retention follows the classification', () => {
    const days = (c: DataClassification) => {
      const { template } = stackWith({ dataClassification: c });
      return template.toJSON().Resources[dataBucketId(template)].Properties.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration.NoncurrentDays;
    };
    expect([DataClassification.PUBLIC, DataClassification.INTERNAL, DataClassification.RESTRICTED].map(days)).toEqual([30, 90, 365]);
  });

  test('Object Lock in compliance mode with a default retention', () => {
    const { template } = stackWith({
      dataClassification: DataClassification.RESTRICTED,
      objectLock: { mode: ObjectLockMode.COMPLIANCE, defaultRetentionDays: 400 },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } },
      // Noncurrent versions are kept at least as long as they are locked.
      LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 400 } })] },
    });
  });

  test('Object Lock in governance mode', () => {
    const { template } = stackWith({
      dataClassification: DataClassification.CONFIDENTIAL,
      objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 30 },
      expiration: Duration.days(30),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 365 } })] },
    });
  });

  test('replicates to a bucket in another region, re-encrypting with a key there', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::replica-eu-central-1');
    const destinationKey = kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new SecureBucket(stack, 'Data', { dataClassification: DataClassification.CONFIDENTIAL, replication: { destination, destinationKey } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: Match.anyValue(),
        Rules: [Match.objectLike({
          Status: 'Enabled',
          DeleteMarkerReplication: { Status: 'Enabled' },
          Destination: Match.objectLike({ Bucket: 'arn:aws:s3:::replica-eu-central-1', EncryptionConfiguration: { ReplicaKmsKeyID: destinationKey.keyArn } }),
          SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        })],
      },
    });
  });

  test('rejects replication without a destination key', () => {
    const stack = new Stack(new App(), 'S');
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::replica');
    expect(() => new SecureBucket(stack, 'Data', {
      dataClassification: DataClassification.CONFIDENTIAL,
      replication: { destination } as unknown as { destination: s3.IBucket; destinationKey: kms.IKey },
    })).toThrow(/replication needs both destination and destinationKey \(got a destination and no key\)/);
  });

  test('a bucket holding personal data is tagged PersonalData=true', () => {
    const { template } = stackWith({ dataClassification: DataClassification.RESTRICTED, containsPersonalData: true });
    template.hasResourceProperties('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'PersonalData', Value: 'true' }]) });
  });

  test('composes into an existing stack with an imported key and access-log bucket', () => {
    const stack = new Stack(new App(), 'Existing', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = kms.Key.fromKeyArn(stack, 'TheirKey', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const logs = s3.Bucket.fromBucketName(stack, 'TheirLogs', 'their-access-logs');
    const secure = new SecureBucket(stack, 'Features', { dataClassification: DataClassification.CONFIDENTIAL, encryptionKey: key, accessLogsBucket: logs });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    const grant = secure.grantRead(role);
    expect(grant.success).toBe(true);
    expect(secure.encryptionKey).toBe(key);
    // CDK cannot edit an imported bucket's policy: the user is told log delivery needs it.
    Annotations.fromStack(stack).hasWarning('/Existing/Features', Match.stringLikeRegexp('accessLogsBucket is imported'));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: 'their-access-logs', LogFilePrefix: Match.stringLikeRegexp('Features') },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.keyArn } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']), Effect: 'Allow' }),
          Match.objectLike({ Action: Match.arrayWith(['kms:Decrypt']), Resource: key.keyArn }),
        ]),
      },
    });
  });

  test('grantWrite lets a principal encrypt with the bucket key', () => {
    const stack = new Stack(new App(), 'S');
    const secure = new SecureBucket(stack, 'Data', { dataClassification: DataClassification.INTERNAL });
    const role = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    secure.grantWrite(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['s3:PutObject']) }),
          Match.objectLike({ Action: Match.arrayWith(['kms:Encrypt', 'kms:GenerateDataKey*']) }),
        ]),
      },
    });
  });

  test('transitions move current objects to cheaper storage in the same lifecycle rule', () => {
    const { template } = stackWith({
      dataClassification: DataClassification.CONFIDENTIAL,
      transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }],
    });
    expect(template.toJSON().Resources[dataBucketId(template)].Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
    })]);
  });

  test('without cloudTrailDelivery the upload denials exempt no one', () => {
    const { template, secure } = stackWith({ dataClassification: DataClassification.CONFIDENTIAL });
    expect(secure.cloudTrailDelivery).toBe(false);
    expect(JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))).not.toMatch(/PrincipalServiceName/);
  });

  test('cloudTrailDelivery exempts only the CloudTrail service principal from the two upload denials, and allows nothing', () => {
    const { template, secure } = stackWith({ dataClassification: DataClassification.CONFIDENTIAL, cloudTrailDelivery: true });
    expect(secure.cloudTrailDelivery).toBe(true);
    const id = dataBucketId(template);
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: id } } }))[0];
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements.find((st) => st.Sid === 'DenyUploadsNamingOtherEncryption')?.Condition).toEqual({
      Null: { 's3:x-amz-server-side-encryption': 'false' },
      StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      StringNotEqualsIfExists: { 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' },
    });
    expect(statements.find((st) => st.Sid === 'DenyUploadsNamingOtherKeys')?.Condition).toEqual({
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
      StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } },
      StringNotEqualsIfExists: { 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' },
    });
    // CloudTrail naming SSE-S3 (its digest files) passes; anyone else naming it does not.
    const encryptionDenial = statements.find((st) => st.Sid === 'DenyUploadsNamingOtherEncryption')!.Condition as Record<string, Record<string, string>>;
    expect(conditionHolds(encryptionDenial, { 's3:x-amz-server-side-encryption': 'AES256', 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' })).toBe(false);
    expect(conditionHolds(encryptionDenial, { 's3:x-amz-server-side-encryption': 'AES256' })).toBe(true);
    // The TLS denials are untouched and no statement allows anything.
    expect(statements.filter((st) => JSON.stringify(st.Condition).includes('SecureTransport') || JSON.stringify(st.Condition).includes('TlsVersion')))
      .toHaveLength(2);
    expect(statements.filter((st) => st.Effect === 'Allow')).toEqual([]);
  });

  test('buckets of one stack share one access-log bucket; a passed-in one is used instead', () => {
    const stack = new Stack(new App(), 'S');
    new SecureBucket(stack, 'A', { dataClassification: DataClassification.INTERNAL });
    const b = new SecureBucket(stack, 'B', { dataClassification: DataClassification.INTERNAL });
    const c = new SecureBucket(stack, 'C', { dataClassification: DataClassification.INTERNAL, accessLogsBucket: b.bucket });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 4);
    const cfn = template.toJSON().Resources[stack.getLogicalId(c.bucket.node.defaultChild as never)];
    expect(cfn.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: stack.getLogicalId(b.bucket.node.defaultChild as never) });
  });
});

describe('SecureBucket rejects bad input', () => {
  const make = (props: Partial<SecureBucketProps> & Record<string, unknown>) =>
    () => new SecureBucket(new Stack(new App(), 'S'), 'B', props as SecureBucketProps);

  test('friction 8: a key given as an ARN string (plain JavaScript, `as any`) is refused with the import that fixes it', () => {
    const arn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, encryptionKey: arn as unknown as kms.IKey }))
      .toThrow(`SecureBucket prop encryptionKey is "${arn}", not a key construct: import it: kms.Key.fromKeyArn(this, 'Key', '${arn}').`);
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, accessLogsBucket: 'my-logs' as unknown as s3.IBucket }))
      .toThrow(/accessLogsBucket is "my-logs", not a bucket construct: import it: s3\.Bucket\.fromBucketName\(this, 'Bucket', 'my-logs'\)/);
  });

  test('friction 8: a misspelt prop (plain JavaScript) is named, with the prop it meant', () => {
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, encryptonKey: 'x' }))
      .toThrow(/SecureBucket has no prop "encryptonKey": Did you mean "encryptionKey"\? its props are dataClassification, /);
  });

  test('a missing classification', () => {
    expect(make({})).toThrow(/dataClassification is required: pass one of DataClassification\.PUBLIC/);
  });

  test('an unknown classification from a JavaScript caller', () => {
    expect(make({ dataClassification: 'Secret' as DataClassification })).toThrow(/dataClassification is "Secret", which is not a data classification/);
  });

  test('an Object Lock retention of 0 days or less', () => {
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 0 } }))
      .toThrow(/objectLock.defaultRetentionDays is 0: pass a whole number of days of at least 1/);
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: -5 } }))
      .toThrow(/objectLock.defaultRetentionDays is -5/);
  });

  test('an unknown Object Lock mode', () => {
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, objectLock: { mode: 'legal' as ObjectLockMode, defaultRetentionDays: 1 } }))
      .toThrow(/objectLock.mode is "legal": pass ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE/);
  });

  test('an expiration shorter than the Object Lock retention', () => {
    expect(make({
      dataClassification: DataClassification.CONFIDENTIAL,
      objectLock: { mode: ObjectLockMode.COMPLIANCE, defaultRetentionDays: 365 },
      expiration: Duration.days(90),
    })).toThrow(/expiration is 90 days, shorter than the Object Lock retention of 365 days/);
  });

  test('a noncurrent-version retention shorter than the Object Lock retention', () => {
    expect(make({
      dataClassification: DataClassification.CONFIDENTIAL,
      objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 100 },
      noncurrentVersionRetention: Duration.days(10),
    })).toThrow(/noncurrentVersionRetention is 10 days, shorter than the Object Lock retention of 100 days/);
  });

  test('a transition to One Zone-IA, which keeps data in a single Availability Zone', () => {
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, transitions: [{ storageClass: s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS, transitionAfter: Duration.days(60) }] }))
      .toThrow(/transitions\[0\].storageClass is ONEZONE_IA, which keeps data in a single Availability Zone/);
  });

  test('a transition to Standard-IA before 30 days', () => {
    expect(make({ dataClassification: DataClassification.CONFIDENTIAL, transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(7) }] }))
      .toThrow(/transitions\[0\].transitionAfter is 7 days: S3 moves objects to STANDARD_IA only after at least 30 days/);
  });

  test('a transition that is not before expiration', () => {
    expect(make({
      dataClassification: DataClassification.INTERNAL,
      expiration: Duration.days(90),
      transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }],
    })).toThrow(/transitions\[0\].transitionAfter is 90 days, not before expiration \(90 days\)/);
  });

  test('personal data classified below confidential', () => {
    expect(make({ dataClassification: DataClassification.INTERNAL, containsPersonalData: true }))
      .toThrow(/containsPersonalData is true but dataClassification is internal/);
  });
});
