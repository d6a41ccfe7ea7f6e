import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { AccessLogBucket, DataClassification, SecureBucket } from '../../index';

describe('AccessLogBucket', () => {
  const stack = new Stack(new App(), 'S');
  const logs = AccessLogBucket.of(stack);
  const source = new SecureBucket(stack, 'Source', { dataClassification: DataClassification.CONFIDENTIAL });
  const template = Template.fromStack(stack);
  const logBucket = template.toJSON().Resources[stack.getLogicalId(logs.bucket.node.defaultChild as never)];

  test('is the stack\'s single shared instance', () => {
    expect(AccessLogBucket.of(source)).toBe(logs);
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('uses SSE-S3, which S3 requires of a log target, and has no Object Lock', () => {
    expect(logBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    expect(logBucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(logBucket.Properties.LoggingConfiguration).toBeUndefined();
  });

  test('is hardened like every platform bucket', () => {
    expect(logBucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(logBucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(logBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(logBucket.DeletionPolicy).toBe('Retain');
    expect(logBucket.UpdateReplacePolicy).toBe('Retain');
    expect(logBucket.Properties.Tags).toContainEqual({ Key: 'DataClassification', Value: 'internal' });
  });

  test('moves logs to Glacier Instant Retrieval after 90 days and keeps them', () => {
    expect(logBucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
      NoncurrentVersionExpiration: { NoncurrentDays: 90 },
    });
    expect(logBucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeUndefined();
  });

  test('lets S3 deliver logs only from the source bucket of this account, under its prefix', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .find((p) => p.Properties.Bucket.Ref === stack.getLogicalId(logs.bucket.node.defaultChild as never))!;
    const delivery = policy.Properties.PolicyDocument.Statement.find((s: { Principal?: { Service?: string } }) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    const sourceId = stack.getLogicalId(source.bucket.node.defaultChild as never);
    expect(delivery).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [sourceId, 'Arn'] } },
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      },
    });
    expect(JSON.stringify(delivery.Resource)).toContain('Source');
  });

  test('acknowledges the rules its nature breaks, each with a reason, on itself only', () => {
    const acks = logs.bucket.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data as Record<string, string>);
    const ids = acks.flatMap((a) => Object.keys(a)).sort();
    // A bucket of the stack logs into it, which cdk-nag counts as logged: no exception for that.
    expect(ids).toEqual([
      'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS',
      'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
      'PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS',
    ]);
    for (const a of acks) {
      for (const reason of Object.values(a)) {
        expect(reason.length).toBeGreaterThan(40);
      }
    }
    expect(source.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')).toEqual([]);
  });

  test('acknowledges its own missing access log only while no bucket of its stack logs into it, as cdk-nag judges it', () => {
    const alone = new Stack(new App(), 'Alone');
    const bucket = AccessLogBucket.of(alone).bucket;
    (alone.node.root as App).synth();
    const ids = bucket.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').flatMap((m) => Object.keys(m.data as Record<string, string>));
    expect(ids).toEqual(expect.arrayContaining([
      'AwsSolutions::AwsSolutions-S1',
      'HIPAA.Security::HIPAA.Security-S3BucketLoggingEnabled',
      'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled',
      'PCI.DSS.321::PCI.DSS.321-S3BucketLoggingEnabled',
    ]));
    // The reason says what is true: the bucket's own objects are not recorded (no claim that CloudTrail records them).
    const reasons = bucket.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').flatMap((m) => Object.entries(m.data as Record<string, string>)).filter(([id]) => /S1$|S3BucketLoggingEnabled$/.test(id)).map(([, reason]) => reason);
    for (const reason of reasons) {
      expect(reason).toMatch(/Reads and writes of its objects are therefore not recorded/);
      expect(reason).not.toMatch(/recorded by CloudTrail instead/);
    }
    expect(logs.bucket.node.metadata.flatMap((m) => Object.keys(m.data as object)).filter((id) => /S1$|S3BucketLoggingEnabled$/.test(id))).toEqual([]);
  });

  test('rejects a log retention shorter than an audit period', () => {
    expect(() => new AccessLogBucket(new Stack(new App(), 'X'), 'Logs', { expiration: Duration.days(90) }))
      .toThrow(/expiration is 90 days: access logs are audit evidence and must be kept at least 365 days/);
  });

  test('rejects a Glacier transition that is not before expiration', () => {
    expect(() => new AccessLogBucket(new Stack(new App(), 'X'), 'Logs', { expiration: Duration.days(400), transitionToGlacierAfter: Duration.days(400) }))
      .toThrow(/transitionToGlacierAfter \(400 days\) must be shorter than expiration \(400 days\)/);
  });

  test('refuses to share an id with something that is not an access-log bucket', () => {
    const s = new Stack(new App(), 'X');
    new Construct(s, 'Soc2MlAccessLogs');
    expect(() => AccessLogBucket.of(s)).toThrow(/already exists in stack X and is not an AccessLogBucket/);
  });
});
