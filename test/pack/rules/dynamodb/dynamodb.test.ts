import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DYNAMODB_RULES } from '../../../../pack/rules/dynamodb';
import { PackRun, runPack } from '../../helpers';

const PITR = 'DynamoDbPointInTimeRecovery';
const KMS = 'DynamoDbKmsEncryption';
const DELETION = 'DynamoDbDeletionProtection';
const IDS = new Set(DYNAMODB_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

const REPLICA_KEY = 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555';

describe('DynamoDB controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPack((app) => {
      // Replicas need a region-specific stack.
      const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
      const table = (id: string, changes: Partial<dynamodb.TableProps> = {}) => new dynamodb.Table(stack, id, {
        partitionKey,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        ...changes,
      });
      const l1 = (t: dynamodb.Table) => t.node.defaultChild as dynamodb.CfnTable;
      const global = (id: string, changes: Partial<dynamodb.TablePropsV2> = {}) => new dynamodb.TableV2(stack, id, {
        partitionKey,
        encryption: dynamodb.TableEncryptionV2.customerManagedKey(key, { 'eu-west-1': REPLICA_KEY }),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        replicas: [{ region: 'eu-west-1' }],
        ...changes,
      });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      table('Hardened');
      table('NoPitr', { pointInTimeRecoverySpecification: undefined });
      l1(table('PitrOverridden')).addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
      l1(table('PitrConditional')).addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', Fn.conditionIf(isProd.logicalId, true, false));
      const onlyTrue = new CfnParameter(stack, 'PitrOn', { type: 'String', allowedValues: ['true'] });
      l1(table('PitrAllowedParameter')).addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', onlyTrue.valueAsString);
      const free = new CfnParameter(stack, 'PitrFree', { type: 'String' });
      l1(table('PitrFreeParameter')).addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', free.valueAsString);

      table('AwsOwned', { encryption: undefined, encryptionKey: undefined });
      table('AwsManaged', { encryption: dynamodb.TableEncryption.AWS_MANAGED, encryptionKey: undefined });
      l1(table('KeyOverridden')).addPropertyOverride('SSESpecification.KMSMasterKeyId', 'alias/aws/dynamodb');
      l1(table('SseDisabled')).addPropertyOverride('SSESpecification.SSEEnabled', false);
      new dynamodb.CfnTable(stack, 'ImportedKeyL1', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: Fn.importValue('SharedKeyArn') },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtectionEnabled: true,
      });

      table('Unprotected', { deletionProtection: false });
      l1(table('ProtectionRemoved')).addPropertyDeletionOverride('DeletionProtectionEnabled');

      global('Global');
      global('GlobalAwsOwned', { encryption: undefined });
      global('GlobalAwsManaged', { encryption: dynamodb.TableEncryptionV2.awsManagedKey() });
      global('GlobalReplicaNoPitr', { replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }] });
      (global('GlobalReplicaUnprotected').node.defaultChild as dynamodb.CfnGlobalTable).addPropertyOverride('Replicas.0.DeletionProtectionEnabled', false);
      (global('GlobalReplicaKeyRemoved').node.defaultChild as dynamodb.CfnGlobalTable).addPropertyDeletionOverride('Replicas.0.SSESpecification');
    });
  });

  test('a hardened table and a hardened global table fail no rule', () => {
    expect(failedRules(run, 'Test/Hardened/Resource')).toEqual([]);
    expect(failedRules(run, 'Test/Global/Resource')).toEqual([]);
    for (const rule of [PITR, KMS, DELETION]) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
      expect(run.verdict('Test/Global/Resource', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    const cases: [string, string][] = [
      ['NoPitr', PITR], ['PitrOverridden', PITR], ['AwsOwned', KMS], ['AwsManaged', KMS], ['KeyOverridden', KMS],
      ['Unprotected', DELETION], ['ProtectionRemoved', DELETION],
      ['GlobalAwsOwned', KMS], ['GlobalReplicaNoPitr', PITR], ['GlobalReplicaUnprotected', DELETION], ['GlobalReplicaKeyRemoved', KMS],
    ];
    for (const [id, rule] of cases) {
      expect({ id, failed: failedRules(run, `Test/${id}/Resource`) }).toEqual({ id, failed: [rule] });
    }
  });

  describe(PITR, () => {
    test('fails a table without it, and says absent means off', () => {
      expect(run.verdict('Test/NoPitr/Resource', PITR)).toBe('failed');
      expect(run.detail('Test/NoPitr/Resource', PITR)).toMatch(/absent means off/);
    });
    test('fails a replica of a global table that turns it off, naming the replica', () => {
      expect(run.detail('Test/GlobalReplicaNoPitr/Resource', PITR)).toMatch(/replica in eu-west-1/);
    });
    test('fails an Fn::If with an off branch, and a parameter without allowed values', () => {
      expect(run.verdict('Test/PitrConditional/Resource', PITR)).toBe('failed');
      expect(run.verdict('Test/PitrFreeParameter/Resource', PITR)).toBe('failed');
      expect(run.detail('Test/PitrFreeParameter/Resource', PITR)).toMatch(/cannot know/);
    });
    test('passes a parameter whose only allowed value is true', () => {
      expect(run.verdict('Test/PitrAllowedParameter/Resource', PITR)).toBe('passed');
    });
  });

  describe(KMS, () => {
    test('fails the AWS-owned default and the AWS-managed key, on tables and global tables', () => {
      expect(run.detail('Test/AwsOwned/Resource', KMS)).toMatch(/AWS-owned/);
      expect(run.detail('Test/AwsManaged/Resource', KMS)).toMatch(/alias\/aws\/dynamodb/);
      expect(run.detail('Test/GlobalAwsOwned/Resource', KMS)).toMatch(/AWS-owned/);
      expect(run.verdict('Test/GlobalAwsManaged/Resource', KMS)).toBe('failed');
      expect(run.verdict('Test/SseDisabled/Resource', KMS)).toBe('failed');
    });
    test('fails an override to the AWS-managed alias and a replica without a key', () => {
      expect(run.detail('Test/KeyOverridden/Resource', KMS)).toMatch(/AWS-managed key alias\/aws\/dynamodb/);
      expect(run.detail('Test/GlobalReplicaKeyRemoved/Resource', KMS)).toMatch(/replica in eu-west-1 names no KMSMasterKeyId/);
    });
    test('passes a key imported from another stack (a key reference)', () => {
      expect(run.verdict('Test/ImportedKeyL1', KMS)).toBe('passed');
    });
  });

  describe(DELETION, () => {
    test('fails deletionProtection: false and an override removing it', () => {
      expect(run.verdict('Test/Unprotected/Resource', DELETION)).toBe('failed');
      expect(run.verdict('Test/ProtectionRemoved/Resource', DELETION)).toBe('failed');
    });
    test('tells a non-production table to acknowledge it with a reason', () => {
      expect(DYNAMODB_RULES.find((r) => r.rule.id === DELETION)!.fix).toMatch(/non-production.*acknowledge Soc2Ml::DynamoDbDeletionProtection/);
    });
  });
});
