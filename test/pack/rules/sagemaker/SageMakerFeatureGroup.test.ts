import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const OFFLINE = 'SageMakerFeatureGroupOfflineKms';
const ONLINE = 'SageMakerFeatureGroupOnlineKms';

describe('SageMaker feature group rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const offline = { S3StorageConfig: { S3Uri: 's3://features/offline', KmsKeyId: p.key.keyArn } };
      const online = { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: p.key.keyArn } };
      const hardened: sagemaker.CfnFeatureGroupProps = {
        featureGroupName: 'customers',
        recordIdentifierFeatureName: 'customer_id',
        eventTimeFeatureName: 'event_time',
        featureDefinitions: [
          { featureName: 'customer_id', featureType: 'String' },
          { featureName: 'event_time', featureType: 'String' },
        ],
        roleArn: p.role.roleArn,
        offlineStoreConfig: offline,
        onlineStoreConfig: online,
      };
      const group = (id: string, changes: Partial<sagemaker.CfnFeatureGroupProps> = {}) =>
        new sagemaker.CfnFeatureGroup(stack, id, { ...hardened, ...changes });

      group('Hardened');
      group('OfflineKeyAbsent', { offlineStoreConfig: { S3StorageConfig: { S3Uri: 's3://features/offline' } } });
      group('OnlineKeyAbsent', { onlineStoreConfig: { EnableOnlineStore: true } });
      // Applicability.
      group('OnlineOnly', { offlineStoreConfig: undefined });
      group('OfflineOnly', { onlineStoreConfig: undefined });
      group('OnlineDisabledNoKey', { onlineStoreConfig: { EnableOnlineStore: false } });
      group('OnlineDefaultNoKey', { onlineStoreConfig: { StorageType: 'Standard' } });
      // Spellings and tokens.
      group('OnlineStringTrueNoKey', { onlineStoreConfig: { EnableOnlineStore: 'true' } });
      const enable = new CfnParameter(stack, 'EnableOnline', { type: 'String', allowedValues: ['true', 'false'] });
      group('OnlineParameterNoKey', { onlineStoreConfig: { EnableOnlineStore: enable.valueAsString } });
      group('OfflineAwsManaged', { offlineStoreConfig: { S3StorageConfig: { S3Uri: 's3://features/offline', KmsKeyId: 'alias/aws/s3' } } });
      const keyArn = new CfnParameter(stack, 'KeyArn', { type: 'String' });
      group('ParameterKeys', {
        offlineStoreConfig: { S3StorageConfig: { S3Uri: 's3://features/offline', KmsKeyId: keyArn.valueAsString } },
        onlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: keyArn.valueAsString } },
      });
      // These props are untyped, so CDK writes camelCase through as given.
      group('CamelCaseHardened', {
        offlineStoreConfig: { s3StorageConfig: { s3Uri: 's3://features/offline', kmsKeyId: p.key.keyArn } },
        onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: p.key.keyArn } },
      });
      group('CamelCaseNoKeys', {
        offlineStoreConfig: { s3StorageConfig: { s3Uri: 's3://features/offline' } },
        onlineStoreConfig: { enableOnlineStore: true },
      });
      group('OverrideOnline').addPropertyDeletionOverride('OnlineStoreConfig.SecurityConfig');
      group('OverrideOffline').addPropertyOverride('OfflineStoreConfig.S3StorageConfig.KmsKeyId', 'alias/aws/s3');
    });
  });

  test('a fully hardened feature group fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    expect(run.verdict('Test/Hardened', OFFLINE)).toBe('passed');
    expect(run.verdict('Test/Hardened', ONLINE)).toBe('passed');
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/OfflineKeyAbsent')).toEqual([OFFLINE]);
    expect(failedRules(run, 'Test/OnlineKeyAbsent')).toEqual([ONLINE]);
  });

  describe(OFFLINE, () => {
    test('fails an offline store without a key or with the AWS-managed key', () => {
      expect(run.verdict('Test/OfflineKeyAbsent', OFFLINE)).toBe('failed');
      expect(run.verdict('Test/OfflineAwsManaged', OFFLINE)).toBe('failed');
    });
    test('does not apply to a feature group without an offline store', () => {
      expect(run.verdict('Test/OnlineOnly', OFFLINE)).toBe('not-applicable');
      expect(run.verdict('Test/OnlineOnly', ONLINE)).toBe('passed');
    });
    test('a key parameter counts as customer-managed', () => {
      expect(run.verdict('Test/ParameterKeys', OFFLINE)).toBe('passed');
    });
    test('reads camelCase written through the untyped prop', () => {
      expect(run.verdict('Test/CamelCaseHardened', OFFLINE)).toBe('passed');
      expect(run.verdict('Test/CamelCaseNoKeys', OFFLINE)).toBe('failed');
    });
    test('judges a property override', () => {
      expect(run.verdict('Test/OverrideOffline', OFFLINE)).toBe('failed');
    });
  });

  describe(ONLINE, () => {
    test('fails an enabled online store without a key', () => {
      expect(run.verdict('Test/OnlineKeyAbsent', ONLINE)).toBe('failed');
      expect(run.verdict('Test/OnlineStringTrueNoKey', ONLINE)).toBe('failed');
    });
    test('does not apply without an enabled online store (EnableOnlineStore defaults to false)', () => {
      expect(run.verdict('Test/OfflineOnly', ONLINE)).toBe('not-applicable');
      expect(run.verdict('Test/OnlineDisabledNoKey', ONLINE)).toBe('not-applicable');
      expect(run.verdict('Test/OnlineDefaultNoKey', ONLINE)).toBe('not-applicable');
    });
    test('an online store switched by a parameter may be on, so it needs a key', () => {
      expect(run.verdict('Test/OnlineParameterNoKey', ONLINE)).toBe('failed');
    });
    test('a key parameter counts as customer-managed', () => {
      expect(run.verdict('Test/ParameterKeys', ONLINE)).toBe('passed');
    });
    test('reads camelCase written through the untyped prop', () => {
      expect(run.verdict('Test/CamelCaseHardened', ONLINE)).toBe('passed');
      expect(run.verdict('Test/CamelCaseNoKeys', ONLINE)).toBe('failed');
    });
    test('judges a deletion override', () => {
      expect(run.verdict('Test/OverrideOnline', ONLINE)).toBe('failed');
    });
  });
});
