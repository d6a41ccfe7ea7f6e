import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { MESSAGING_RULES } from '../../../../pack/rules/messaging';
import { PackRun, runPackOnStack } from '../../helpers';

const SNS = 'SnsTopicKmsEncryption';
const SQS = 'SqsQueueKmsEncryption';
const SECRET = 'SecretKmsEncryption';
const MESSAGING_IDS = new Set(MESSAGING_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => MESSAGING_IDS.has(id)).sort();
}

describe('messaging encryption', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const importedKey = kms.Key.fromKeyArn(stack, 'Imported', Fn.importValue('SharedKeyArn'));
      const keyParameter = new CfnParameter(stack, 'KeyArn', { type: 'String' });

      // SNS
      new sns.Topic(stack, 'HardenedTopic', { masterKey: key, enforceSSL: true });
      new sns.Topic(stack, 'PlainTopic', { enforceSSL: true });
      new sns.Topic(stack, 'AwsManagedTopic', { masterKey: kms.Alias.fromAliasName(stack, 'SnsAlias', 'alias/aws/sns'), enforceSSL: true });
      new sns.Topic(stack, 'ImportedKeyTopic', { masterKey: importedKey, enforceSSL: true });
      (new sns.Topic(stack, 'OverriddenTopic', { masterKey: key, enforceSSL: true }).node.defaultChild as sns.CfnTopic)
        .addPropertyOverride('KmsMasterKeyId', 'alias/aws/sns');

      // SQS
      const dlq = new sqs.Queue(stack, 'HardenedDeadLetters', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
      new sqs.Queue(stack, 'HardenedQueue', {
        encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
      });
      new sqs.Queue(stack, 'DefaultQueue', { enforceSSL: true });
      new sqs.Queue(stack, 'SqsManagedQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
      new sqs.Queue(stack, 'KmsManagedQueue', { encryption: sqs.QueueEncryption.KMS_MANAGED, enforceSSL: true });
      new sqs.Queue(stack, 'UnencryptedQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED, enforceSSL: true });
      (new sqs.Queue(stack, 'KeyRemovedQueue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true }).node.defaultChild as sqs.CfnQueue)
        .addPropertyDeletionOverride('KmsMasterKeyId');
      new sqs.CfnQueue(stack, 'ParameterKeyQueue', { kmsMasterKeyId: keyParameter.valueAsString });

      // Secrets Manager
      new secretsmanager.Secret(stack, 'HardenedSecret', { encryptionKey: key }).addRotationSchedule('Rotation', {
        rotationLambda: lambda.Function.fromFunctionArn(stack, 'Rotator', 'arn:aws:lambda:us-east-1:111111111111:function:rotator'),
      });
      new secretsmanager.Secret(stack, 'DefaultSecret');
      new secretsmanager.Secret(stack, 'ReplicaWithoutKey', { encryptionKey: key, replicaRegions: [{ region: 'eu-west-1' }] });
      new secretsmanager.Secret(stack, 'ReplicaWithKey', {
        encryptionKey: key,
        replicaRegions: [{ region: 'eu-west-1', encryptionKey: kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555') }],
      });
      (new secretsmanager.Secret(stack, 'OverriddenSecret', { encryptionKey: key }).node.defaultChild as secretsmanager.CfnSecret)
        .addPropertyOverride('KmsKeyId', 'alias/aws/secretsmanager');
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      new secretsmanager.CfnSecret(stack, 'ConditionalSecret', {
        kmsKeyId: Fn.conditionIf(useFeature.logicalId, key.keyArn, Fn.ref('AWS::NoValue')).toString(),
      });
    });
  });

  test('fully hardened topic, queues and secret fail no rule', () => {
    for (const path of ['Test/HardenedTopic/Resource', 'Test/HardenedQueue/Resource', 'Test/HardenedDeadLetters/Resource', 'Test/HardenedSecret/Resource']) {
      expect({ path, failed: run.verdicts.find((r) => r.constructPath === path)!.failed }).toEqual({ path, failed: [] });
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/PlainTopic/Resource')).toEqual([SNS]);
    expect(failedRules(run, 'Test/DefaultQueue/Resource')).toEqual([SQS]);
    expect(failedRules(run, 'Test/DefaultSecret/Resource')).toEqual([SECRET]);
  });

  describe(SNS, () => {
    test('passes a customer-managed key, also imported by ARN', () => {
      expect(run.verdict('Test/HardenedTopic/Resource', SNS)).toBe('passed');
      expect(run.verdict('Test/ImportedKeyTopic/Resource', SNS)).toBe('passed');
    });
    test('fails no key, alias/aws/sns, and an override to alias/aws/sns', () => {
      expect(run.verdict('Test/PlainTopic/Resource', SNS)).toBe('failed');
      expect(run.verdict('Test/AwsManagedTopic/Resource', SNS)).toBe('failed');
      expect(run.detail('Test/AwsManagedTopic/Resource', SNS)).toMatch(/AWS-managed/);
      expect(run.verdict('Test/OverriddenTopic/Resource', SNS)).toBe('failed');
    });
  });

  describe(SQS, () => {
    test('passes a customer-managed key, also from a parameter (a key reference)', () => {
      expect(run.verdict('Test/HardenedQueue/Resource', SQS)).toBe('passed');
      expect(run.verdict('Test/ParameterKeyQueue', SQS)).toBe('passed');
    });
    test('fails SSE-SQS, whether default or explicit', () => {
      expect(run.verdict('Test/DefaultQueue/Resource', SQS)).toBe('failed');
      expect(run.verdict('Test/SqsManagedQueue/Resource', SQS)).toBe('failed');
      expect(run.detail('Test/SqsManagedQueue/Resource', SQS)).toMatch(/SSE-SQS/);
    });
    test('fails alias/aws/sqs, no encryption, and an override removing the key', () => {
      expect(run.verdict('Test/KmsManagedQueue/Resource', SQS)).toBe('failed');
      expect(run.verdict('Test/UnencryptedQueue/Resource', SQS)).toBe('failed');
      expect(run.verdict('Test/KeyRemovedQueue/Resource', SQS)).toBe('failed');
    });
  });

  describe(SECRET, () => {
    test('passes a customer-managed key, with replicas that have one', () => {
      expect(run.verdict('Test/HardenedSecret/Resource', SECRET)).toBe('passed');
      expect(run.verdict('Test/ReplicaWithKey/Resource', SECRET)).toBe('passed');
    });
    test('fails the default key and an override to alias/aws/secretsmanager', () => {
      expect(run.verdict('Test/DefaultSecret/Resource', SECRET)).toBe('failed');
      expect(run.verdict('Test/OverriddenSecret/Resource', SECRET)).toBe('failed');
    });
    test('fails a replica without a customer-managed key', () => {
      expect(run.verdict('Test/ReplicaWithoutKey/Resource', SECRET)).toBe('failed');
      expect(run.detail('Test/ReplicaWithoutKey/Resource', SECRET)).toMatch(/eu-west-1/);
    });
    test('fails a key that a condition may remove', () => {
      expect(run.verdict('Test/ConditionalSecret', SECRET)).toBe('failed');
    });
  });
});
