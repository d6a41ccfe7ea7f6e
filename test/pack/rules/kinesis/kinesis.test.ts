import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { KINESIS_RULES } from '../../../../pack/rules/kinesis';
import { PackRun, runPackOnStack } from '../../helpers';

const STREAM = 'KinesisStreamEncrypted';
const FIREHOSE = 'FirehoseEncrypted';
const IDS = new Set(KINESIS_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('Kinesis controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const bucket = new s3.Bucket(stack, 'Bucket');
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      // Data streams
      const stream = (id: string, props: kinesis.StreamProps = { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key }) => new kinesis.Stream(stack, id, props);
      const streamL1 = (s: kinesis.Stream) => s.node.defaultChild as kinesis.CfnStream;
      const hardened = stream('Stream');
      stream('StreamManaged', { encryption: kinesis.StreamEncryption.MANAGED });
      stream('StreamDefault', {});
      stream('StreamUnencrypted', { encryption: kinesis.StreamEncryption.UNENCRYPTED });
      streamL1(stream('StreamOverridden')).addPropertyOverride('StreamEncryption.EncryptionType', 'NONE');
      const onlyKms = new CfnParameter(stack, 'EncryptionType', { type: 'String', allowedValues: ['KMS'] });
      new kinesis.CfnStream(stack, 'StreamAllowedParameter', { shardCount: 1, streamEncryption: { encryptionType: onlyKms.valueAsString, keyId: key.keyArn } });
      const anyType = new CfnParameter(stack, 'AnyEncryptionType', { type: 'String' });
      new kinesis.CfnStream(stack, 'StreamFreeParameter', { shardCount: 1, streamEncryption: { encryptionType: anyType.valueAsString, keyId: key.keyArn } });

      // Firehose streams
      const delivery = (id: string, props: Partial<firehose.DeliveryStreamProps> = { encryption: firehose.StreamEncryption.customerManagedKey(key) }) => new firehose.DeliveryStream(stack, id, {
        destination: new firehose.S3Bucket(bucket, { loggingConfig: new firehose.DisableLogging() }),
        ...props,
      });
      const deliveryL1 = (d: firehose.DeliveryStream) => d.node.defaultChild as firehose.CfnDeliveryStream;
      delivery('Delivery');
      delivery('DeliveryAwsOwned', { encryption: firehose.StreamEncryption.awsOwnedKey() });
      delivery('DeliveryDefault', {});
      deliveryL1(delivery('DeliveryOverridden')).addPropertyDeletionOverride('DeliveryStreamEncryptionConfigurationInput');
      deliveryL1(delivery('DeliveryConditional')).addPropertyOverride('DeliveryStreamEncryptionConfigurationInput', Fn.conditionIf(isProd.logicalId, { KeyType: 'AWS_OWNED_CMK' }, Fn.ref('AWS::NoValue')));
      delivery('FromEncryptedStream', { source: new firehose.KinesisStreamSource(hardened) });
      delivery('FromDefaultStream', { source: new firehose.KinesisStreamSource(stream('DefaultSource', {})) });
      delivery('FromImportedStream', { source: new firehose.KinesisStreamSource(kinesis.Stream.fromStreamArn(stack, 'Imported', 'arn:aws:kinesis:us-east-1:111111111111:stream/shared')) });
      const deliveryType = new CfnParameter(stack, 'DeliveryType', { type: 'String' });
      deliveryL1(delivery('TypeFreeParameter')).addPropertyOverride('DeliveryStreamType', deliveryType.valueAsString);
      new firehose.CfnDeliveryStream(stack, 'MskL1', {
        deliveryStreamType: 'MSKAsSource',
        mskSourceConfiguration: { mskClusterArn: 'arn:aws:kafka:us-east-1:111111111111:cluster/c/1', topicName: 't', authenticationConfiguration: { roleArn: 'arn:aws:iam::111111111111:role/r', connectivity: 'PRIVATE' } },
        s3DestinationConfiguration: { bucketArn: bucket.bucketArn, roleArn: 'arn:aws:iam::111111111111:role/r' },
      });
    });
  });

  test('a KMS-encrypted stream and a customer-keyed Firehose stream fail no rule', () => {
    expect(failedRules(run, 'Test/Stream/Resource')).toEqual([]);
    expect(failedRules(run, 'Test/Delivery/Resource')).toEqual([]);
    expect(run.verdict('Test/Stream/Resource', STREAM)).toBe('passed');
    expect(run.verdict('Test/Delivery/Resource', FIREHOSE)).toBe('passed');
  });

  describe(STREAM, () => {
    test('passes the AWS-managed key and a parameter allowing only KMS', () => {
      expect(run.verdict('Test/StreamManaged/Resource', STREAM)).toBe('passed');
      expect(run.verdict('Test/StreamAllowedParameter', STREAM)).toBe('passed');
    });
    test('fails the L2 default, whose encryption a condition removes in some regions', () => {
      expect(run.verdict('Test/StreamDefault/Resource', STREAM)).toBe('failed');
      expect(run.detail('Test/StreamDefault/Resource', STREAM)).toMatch(/where a condition removes its StreamEncryption/);
    });
    test('fails UNENCRYPTED, an override, and a free parameter', () => {
      expect(run.detail('Test/StreamUnencrypted/Resource', STREAM)).toMatch(/StreamEncryption is absent \(the default is unencrypted\)/);
      expect(run.detail('Test/StreamOverridden/Resource', STREAM)).toMatch(/"NONE"/);
      expect(run.detail('Test/StreamFreeParameter', STREAM)).toMatch(/cannot know/);
    });
  });

  describe(FIREHOSE, () => {
    test('passes an AWS-owned key; fails the L2 default, an override removing it, and a conditional one', () => {
      expect(run.verdict('Test/DeliveryAwsOwned/Resource', FIREHOSE)).toBe('passed');
      expect(run.detail('Test/DeliveryDefault/Resource', FIREHOSE)).toMatch(/no DeliveryStreamEncryptionConfigurationInput/);
      expect(run.verdict('Test/DeliveryOverridden/Resource', FIREHOSE)).toBe('failed');
      expect(run.verdict('Test/DeliveryConditional/Resource', FIREHOSE)).toBe('failed');
    });
    test('judges a stream reading a Kinesis data stream by its source', () => {
      expect(run.verdict('Test/FromEncryptedStream/Resource', FIREHOSE)).toBe('passed');
      expect(run.detail('Test/FromDefaultStream/Resource', FIREHOSE)).toMatch(/source stream DefaultSource\w+ \(Firehose stores none itself\), which fails KinesisStreamEncrypted/);
    });
    test('fails closed on a source outside the stack and on a type from a free parameter', () => {
      expect(run.detail('Test/FromImportedStream/Resource', FIREHOSE)).toMatch(/not in this stack/);
      expect(run.detail('Test/TypeFreeParameter/Resource', FIREHOSE)).toMatch(/cannot know/);
    });
    test('requires its own encryption of a stream reading MSK', () => {
      expect(run.verdict('Test/MskL1', FIREHOSE)).toBe('failed');
    });
  });
});
