import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrailBucket, AuditTrailBucketProps } from '../../index';

function build(props: AuditTrailBucketProps = {}) {
  const stack = new Stack(new App(), 'S');
  const trailBucket = new AuditTrailBucket(stack, 'TrailBucket', props);
  const template = Template.fromStack(stack);
  const id = stack.getLogicalId(trailBucket.bucket.node.defaultChild as s3.CfnBucket);
  return { stack, trailBucket, template, bucket: template.toJSON().Resources[id], id };
}

describe('AuditTrailBucket defaults', () => {
  const { trailBucket, template, bucket, id } = build();

  test('locks every object version in compliance mode for 365 days', () => {
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } });
    expect(trailBucket.objectLockRetentionDays).toBe(365);
  });

  test('moves log files to Glacier Instant Retrieval after 90 days and never expires them', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
    })]);
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeUndefined();
  });

  test('is a confidential SecureBucket: SSE-KMS with a Bucket Key, access-logged, versioned, retained', () => {
    expect(bucket.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'DataClassification', Value: 'confidential' }]));
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^Soc2MlAccessLogs/) });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(trailBucket.encryptionKey).toBe(trailBucket.bucket.encryptionKey);
  });

  test('lets CloudTrail past the encryption denials (its digest files are SSE-S3), and lets no one in by itself', () => {
    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: id } } }))[0]
      .Properties.PolicyDocument.Statement as { Sid?: string; Effect: string; Condition?: Record<string, Record<string, unknown>> }[];
    for (const sid of ['DenyUploadsNamingOtherEncryption', 'DenyUploadsNamingOtherKeys']) {
      expect(statements.find((s) => s.Sid === sid)?.Condition?.StringNotEqualsIfExists).toMatchObject({ 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' });
    }
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });
});

describe('AuditTrailBucket options', () => {
  test('a longer lock, a later transition, an expiration, the trail key and replication', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = new kms.Key(stack, 'TrailKey', { enableKeyRotation: true });
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::trail-replica-eu-central-1');
    const destinationKey = kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const trailBucket = new AuditTrailBucket(stack, 'TrailBucket', {
      encryptionKey: key,
      objectLockRetentionDays: 730,
      transitionToGlacierAfter: Duration.days(180),
      expiration: Duration.days(2555),
      replication: { destination, destinationKey },
    });
    expect(trailBucket.encryptionKey).toBe(key);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 730 } } },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailKey'), 'Arn'] } } })] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 2555, Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 180 }], NoncurrentVersionExpiration: { NoncurrentDays: 730 } })] },
      ReplicationConfiguration: Match.objectLike({ Rules: [Match.objectLike({ Destination: Match.objectLike({ Bucket: 'arn:aws:s3:::trail-replica-eu-central-1' }) })] }),
    });
  });
});

describe('AuditTrailBucket rejects bad input', () => {
  test('an Object Lock retention under 365 days', () => {
    expect(() => build({ objectLockRetentionDays: 90 }))
      .toThrow(/objectLockRetentionDays is 90: audit logs must stay locked at least 365 days/);
  });

  test('an Object Lock retention that is not a whole number of days', () => {
    expect(() => build({ objectLockRetentionDays: 400.5 })).toThrow(/objectLockRetentionDays is 400.5/);
  });

  test('an expiration shorter than the lock', () => {
    expect(() => build({ objectLockRetentionDays: 400, expiration: Duration.days(380) }))
      .toThrow(/expiration is 380 days, shorter than the Object Lock retention of 400 days/);
  });
});
