import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DataClassification, FeatureGroupDefinition, FeatureType, MlFeatureStore } from '../../index';
import { logicalId } from '../helpers/ml-scope';

const customers: FeatureGroupDefinition = {
  name: 'customers',
  recordIdentifier: 'customer_id',
  eventTime: 'event_time',
  features: [
    { name: 'customer_id', type: FeatureType.STRING },
    { name: 'event_time', type: FeatureType.FRACTIONAL },
    { name: 'tenure_months', type: FeatureType.INTEGRAL },
  ],
};

describe('MlFeatureStore', () => {
  const stack = new Stack(new App(), 'S');
  const key = new kms.Key(stack, 'DataKey');
  const store = new MlFeatureStore(stack, 'Features', {
    environmentName: 'prod',
    encryptionKey: key,
    featureGroups: [
      customers,
      { ...customers, name: 'payments', dataClassification: DataClassification.RESTRICTED, containsPersonalData: true, onlineStore: false },
    ],
  });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources;
  const keyArn = { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] };
  const bucket = logicalId(stack, store.offlineStoreBucket.bucket);
  const group = (name: string) => resources[logicalId(stack, { node: { defaultChild: store.featureGroups[name] } })];

  test('a feature group per definition: schema, record identifier and event time, named <environment>-<name>', () => {
    expect(group('customers').Properties).toMatchObject({
      FeatureGroupName: 'prod-customers',
      RecordIdentifierFeatureName: 'customer_id',
      EventTimeFeatureName: 'event_time',
      FeatureDefinitions: [
        { FeatureName: 'customer_id', FeatureType: 'String' },
        { FeatureName: 'event_time', FeatureType: 'Fractional' },
        { FeatureName: 'tenure_months', FeatureType: 'Integral' },
      ],
      RoleArn: { 'Fn::GetAtt': [logicalId(stack, store.offlineStoreRole), 'Arn'] },
    });
    expect(store.featureGroupArns).toHaveLength(2);
  });

  test('the online store and the offline store are encrypted with the key, in CloudFormation\'s own key names', () => {
    expect(group('customers').Properties.OnlineStoreConfig).toEqual({ EnableOnlineStore: true, SecurityConfig: { KmsKeyId: keyArn } });
    expect(group('customers').Properties.OfflineStoreConfig).toEqual({
      S3StorageConfig: { S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: bucket }, '/offline-store']] }, KmsKeyId: keyArn },
      DisableGlueTableCreation: false,
      DataCatalogConfig: { Catalog: 'AwsDataCatalog', Database: 'soc2ml_prod_features', TableName: 'prod_customers' },
    });
    expect(group('payments').Properties.OnlineStoreConfig).toBeUndefined();
  });

  test('groups are catalogued in the environment\'s Glue database, tagged with their classification and retained', () => {
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'soc2ml_prod_features' } });
    expect(group('customers').DependsOn).toEqual(expect.arrayContaining([logicalId(stack, { node: { defaultChild: store.database } })]));
    expect(group('customers').Properties.Tags).toEqual([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'false' }]);
    expect(group('payments').Properties.Tags).toEqual([{ Key: 'DataClassification', Value: 'restricted' }, { Key: 'PersonalData', Value: 'true' }]);
    for (const name of ['customers', 'payments']) {
      expect([group(name).DeletionPolicy, group(name).UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
  });

  test('the offline store is a SecureBucket classified as its most sensitive group, on the same key', () => {
    expect(resources[bucket].Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'DataClassification', Value: 'restricted' }, { Key: 'PersonalData', Value: 'true' }]));
    expect(resources[bucket].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn });
    expect(resources[bucket].DeletionPolicy).toBe('Retain');
  });

  test('Feature Store writes the offline store with a role limited to its prefix and key', () => {
    const [policy] = Object.values(resources as Record<string, { Type: string; Properties: { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } } }>).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    expect(policy.Properties.PolicyDocument.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [['s3:PutObject', 's3:GetObject', 's3:PutObjectAcl'], { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/offline-store/*']] }],
      [['s3:GetBucketAcl', 's3:ListBucket'], { 'Fn::GetAtt': [bucket, 'Arn'] }],
      [['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'], keyArn],
    ]);
  });

  test('refuses a record identifier or event time that is not in the schema', () => {
    const s = new Stack();
    expect(() => new MlFeatureStore(s, 'A', { environmentName: 'prod', featureGroups: [{ ...customers, recordIdentifier: 'id' }] }))
      .toThrow(/featureGroups\[0\]\.recordIdentifier is "id", which is not in the group's features \(customer_id, event_time, tenure_months\): name one of them, or add it to features\./);
    expect(() => new MlFeatureStore(s, 'B', { environmentName: 'prod', featureGroups: [{ ...customers, eventTime: 'ts' }] }))
      .toThrow(/featureGroups\[0\]\.eventTime is "ts", which is not in the group's features/);
  });

  test('refuses invalid types, an event time that is not a time, reserved and repeated names', () => {
    const s = new Stack();
    const bad = (id: string, d: Partial<FeatureGroupDefinition>) => () => new MlFeatureStore(s, id, { environmentName: 'prod', featureGroups: [{ ...customers, ...d }] });
    expect(bad('A', { features: [...customers.features, { name: 'x', type: 'Boolean' as FeatureType }] }))
      .toThrow(/featureGroups\[0\]\.features\[3\]\.type is "Boolean", which is not a feature type: pass "Integral", "Fractional", "String"/);
    expect(bad('B', { eventTime: 'tenure_months' })).toThrow(/featureGroups\[0\]\.eventTime "tenure_months" is of type Integral: an event time is Fractional \(Unix seconds\) or String \(ISO-8601\)/);
    expect(bad('C', { features: [...customers.features, { name: 'write_time', type: FeatureType.STRING }] })).toThrow(/"write_time", which Feature Store reserves/);
    expect(bad('D', { features: [...customers.features, customers.features[0]] })).toThrow(/"customer_id" appears twice/);
    expect(bad('E', { name: 'bad name' })).toThrow(/featureGroups\[0\]\.name is "bad name"/);
    expect(bad('F', { containsPersonalData: true, dataClassification: DataClassification.INTERNAL })).toThrow(/containsPersonalData is true but featureGroups\[0\]\.dataClassification is internal/);
    expect(() => new MlFeatureStore(s, 'G', { environmentName: 'prod', featureGroups: [customers, customers] })).toThrow(/featureGroups names "customers" twice/);
  });

  test('without groups the store is ready: bucket, database and role, no feature group', () => {
    const s = new Stack(new App(), 'E');
    new MlFeatureStore(s, 'F', { environmentName: 'dev' });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::SageMaker::FeatureGroup', 0);
    t.resourceCountIs('AWS::Glue::Database', 1);
    t.hasResourceProperties('AWS::S3::Bucket', { Tags: [{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'false' }] });
  });
});
