import { Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'S3BucketKmsEncryption';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      // The pairs differ only in the encryption settings.
      new s3.Bucket(stack, 'CustomerKey', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      new s3.Bucket(stack, 'AwsManagedKey', { encryption: s3.BucketEncryption.KMS_MANAGED });
      new s3.Bucket(stack, 'SseS3', { encryption: s3.BucketEncryption.S3_MANAGED });
      new s3.Bucket(stack, 'Dsse', { encryption: s3.BucketEncryption.DSSE, encryptionKey: key });
      new s3.Bucket(stack, 'ImportedKeyArn', {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', Fn.importValue('SharedKeyArn')),
      });
      const logs = new s3.Bucket(stack, 'LogTarget', { encryption: s3.BucketEncryption.S3_MANAGED });
      new s3.Bucket(stack, 'LogSource', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, serverAccessLogsBucket: logs });
      const aliasOverride = new s3.Bucket(stack, 'AliasOverride', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      (aliasOverride.node.defaultChild as s3.CfnBucket).addPropertyOverride(
        'BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID', 'alias/aws/s3');
    });
  });

  test('passes a bucket encrypted with a customer-managed key', () => {
    expect(run.verdict('Test/CustomerKey/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/Dsse/Resource', RULE)).toBe('passed');
  });

  test('fails a bucket encrypted with the AWS-managed key', () => {
    expect(run.verdict('Test/AwsManagedKey/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/AwsManagedKey/Resource', RULE)).toMatch(/AWS-managed key/);
  });

  test('fails SSE-S3 on a bucket that is not a log target', () => {
    expect(run.verdict('Test/SseS3/Resource', RULE)).toBe('failed');
  });

  test('passes SSE-S3 on a server-access-log target', () => {
    expect(run.verdict('Test/LogTarget/Resource', RULE)).toBe('passed');
  });

  test('a key given by an imported value counts as customer-managed', () => {
    expect(run.verdict('Test/ImportedKeyArn/Resource', RULE)).toBe('passed');
  });

  test('judges a property override, not the construct\'s props', () => {
    expect(run.verdict('Test/AliasOverride/Resource', RULE)).toBe('failed');
  });

  test('reports each failure on the broken bucket, with criteria', () => {
    const v = run.violations.filter((x) => x.ruleName === RULE);
    expect(v.flatMap((x) => x.constructPaths).sort()).toEqual(['Test/AliasOverride/Resource', 'Test/AwsManagedKey/Resource', 'Test/SseS3/Resource']);
    expect(v[0].description).toMatch(/\(SOC 2 CC6\.1, C1\.1\)$/);
    expect(v[0].severity).toBe('error');
  });
});
