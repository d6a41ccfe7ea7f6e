import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * With the `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag the L2 authorizes
 * access-log delivery by bucket policy, so the log bucket can disable ACLs too: both buckets of
 * the hardened pair then pass every rule.
 */
describe('hardened buckets with bucket-policy log delivery', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const hardened = {
        enforceSSL: true,
        versioned: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy: RemovalPolicy.RETAIN,
      };
      const logBucket = new s3.Bucket(stack, 'LogBucket', { ...hardened, encryption: s3.BucketEncryption.S3_MANAGED });
      Tags.of(logBucket).add('DataClassification', 'internal');
      const bucket = new s3.Bucket(stack, 'Data', {
        ...hardened,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        serverAccessLogsBucket: logBucket,
        serverAccessLogsPrefix: 'data/',
      });
      Tags.of(bucket).add('DataClassification', 'restricted');
      Tags.of(bucket).add('PersonalData', 'true');
    }, { context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  });

  test('the data bucket fails no rule', () => {
    expect(run.verdicts.find((r) => r.constructPath === 'Test/Data/Resource')!.failed).toEqual([]);
    expect(run.verdict('Test/Data/Resource', 'S3BucketPersonalDataProtected')).toBe('passed');
  });

  test('its log bucket fails no rule, and is exempt from access logging', () => {
    expect(run.verdicts.find((r) => r.constructPath === 'Test/LogBucket/Resource')!.failed).toEqual([]);
    expect(run.verdict('Test/LogBucket/Resource', 'S3BucketAccessLogged')).toBe('not-applicable');
    expect(run.verdict('Test/LogBucket/Resource', 'S3BucketKmsEncryption')).toBe('passed');
    expect(run.verdict('Test/LogBucket/Resource', 'S3BucketOwnerEnforced')).toBe('passed');
  });
});
