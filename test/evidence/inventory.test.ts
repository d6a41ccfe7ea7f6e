/*
 * evidence/inventory.ts: data stores, keys, network segments, human roles and model endpoints,
 * read from templates built in the test, one small stack per part of the inventory.
 */
import { AppModel } from '../../evidence/app-model';
import { buildInventory, DataStore, Inventory } from '../../evidence/inventory';
import { Json, JsonObject } from '../../pack/json';
import { arnOf, assumeRolePolicy, stackInput } from './helpers';

const kmsBucket = (key: Json | undefined, extra: JsonObject = {}): JsonObject => ({
  Type: 'AWS::S3::Bucket',
  Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', ...(key === undefined ? {} : { KMSMasterKeyID: key }) } }] }, ...extra },
});

describe('data stores', () => {
  let inventory: Inventory;
  const store = (id: string): DataStore => inventory.dataStores.find((d) => d.logicalId === id)!;

  beforeAll(() => {
    inventory = buildInventory(new AppModel([stackInput('Data', {
      Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
      KeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/ml/data', TargetKeyId: { Ref: 'Key' } } },
      Training: {
        ...kmsBucket(arnOf('Key'), {
          VersioningConfiguration: { Status: 'Enabled' },
          LifecycleConfiguration: {
            Rules: [
              { Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 365 } },
              { Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 30 },
              { Status: 'Disabled', ExpirationInDays: 1 },
            ],
          },
          Tags: [{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'TRUE' }, { Key: 'Environment', Value: 'dev' }],
        }),
        DeletionPolicy: 'Retain',
      },
      Plain: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'PersonalData', Value: 'false' }] } },
      AwsManaged: kmsBucket(undefined),
      ByAlias: kmsBucket({ Ref: 'KeyAlias' }),
      ByArn: kmsBucket('arn:aws:kms:eu-west-1:111122223333:key/abcd'),
      Locked: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          ObjectLockEnabled: true,
          ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } },
        },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, KmsKeyId: arnOf('Key') }, DeletionPolicy: 'RetainExceptOnCreate' },
      DefaultLogs: { Type: 'AWS::Logs::LogGroup' },
      Features: {
        Type: 'AWS::SageMaker::FeatureGroup',
        Properties: {
          OnlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: arnOf('Key') }, TtlDuration: { Unit: 'Days', Value: 30 } },
          OfflineStoreConfig: { S3StorageConfig: { S3Uri: { 'Fn::Sub': 's3://${Training}/features' } } },
        },
      },
      Images: {
        Type: 'AWS::ECR::Repository',
        Properties: {
          EncryptionConfiguration: { EncryptionType: 'KMS' },
          ImageTagMutability: 'IMMUTABLE',
          LifecyclePolicy: { LifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1 }, { rulePriority: 2 }] }) },
        },
      },
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { SSESpecification: { SSEEnabled: true }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true } },
      },
      Files: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: false } },
      Database: { Type: 'AWS::RDS::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: { Ref: 'Key' }, BackupRetentionPeriod: 14 } },
      Reader: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Tags: [{ Key: 'Persona', Value: 'analyst' }],
          Policies: [{ PolicyName: 'read', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [arnOf('Training'), '/*']] } }] } }],
        },
      },
      Decrypt: {
        Type: 'AWS::IAM::Policy',
        Properties: { Roles: [{ Ref: 'Reader' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: arnOf('Key') }] } },
      },
    })]));
  });

  test('every store type the inventory knows, and nothing else', () => {
    expect(inventory.dataStores.map((d) => [d.logicalId, d.kind])).toEqual([
      ['AwsManaged', 'S3 bucket'], ['ByAlias', 'S3 bucket'], ['ByArn', 'S3 bucket'], ['Database', 'RDS cluster'], ['DefaultLogs', 'Log group'],
      ['Features', 'Feature group'], ['Files', 'EFS file system'], ['Images', 'Container repository'], ['Locked', 'S3 bucket'], ['Logs', 'Log group'],
      ['Plain', 'S3 bucket'], ['Table', 'DynamoDB table'], ['Training', 'S3 bucket'],
    ]);
  });

  test('a store with its location, classification, personal data, key, retention, versioning and the roles that reach it', () => {
    expect(store('Training')).toEqual({
      stack: 'Data', constructPath: 'Data/Training/Resource', logicalId: 'Training', type: 'AWS::S3::Bucket',
      kind: 'S3 bucket',
      environment: 'dev',
      classification: 'confidential',
      personalData: true,
      encryption: [{ kind: 'customer-managed', key: 'Data/Key/Resource', aliases: ['alias/ml/data'] }],
      retention: 'noncurrent versions kept 365 days; objects expire after 30 days under tmp/',
      versioning: 'versioning enabled, no Object Lock',
      retainedOnDelete: true,
      access: [{ role: 'Data/Reader/Resource', persona: 'analyst', via: 'iam-policy', actions: ['s3:GetObject'] }],
    });
  });

  test('an untagged store has no classification; PersonalData false is false, absent is not known', () => {
    expect(store('Plain')).toEqual(expect.objectContaining({ classification: undefined, personalData: false }));
    expect(store('AwsManaged').personalData).toBeUndefined();
  });

  test('a bucket\'s key: S3\'s own without encryption, AWS-managed under aws:kms with no key, the app\'s key through its alias, a key outside the app by ARN', () => {
    expect(store('Plain').encryption).toEqual([{ kind: 'aws-owned', value: 'AES256 (S3 default)' }]);
    expect(store('AwsManaged').encryption).toEqual([{ kind: 'aws-managed', value: 'alias/aws/s3' }]);
    expect(store('ByAlias').encryption).toEqual([{ kind: 'customer-managed', key: 'Data/Key/Resource', aliases: ['alias/ml/data'] }]);
    expect(store('ByArn').encryption).toEqual([{ kind: 'customer-managed', value: 'arn:aws:kms:eu-west-1:111122223333:key/abcd' }]);
  });

  test('a bucket without expiration is kept until deleted; without versioning says so; Object Lock with its default retention', () => {
    expect(store('Plain')).toEqual(expect.objectContaining({ retention: 'kept until deleted (no expiration rule)', versioning: 'versioning off, no Object Lock', retainedOnDelete: false }));
    expect(store('Locked').versioning).toBe('versioning enabled, Object Lock compliance 7 years');
  });

  test('log groups: retention in days or never, encrypted with the app\'s key or by CloudWatch Logs, retained except on create', () => {
    expect(store('Logs')).toEqual(expect.objectContaining({
      encryption: [{ kind: 'customer-managed', key: 'Data/Key/Resource', aliases: ['alias/ml/data'] }], retention: '365 days', versioning: 'append-only', retainedOnDelete: true,
    }));
    expect(store('DefaultLogs')).toEqual(expect.objectContaining({ encryption: [{ kind: 'aws-owned' }], retention: 'never expires', retainedOnDelete: false }));
  });

  test('a feature group: each store\'s key by part, the online TTL, and the offline store in its bucket', () => {
    expect(store('Features')).toEqual(expect.objectContaining({
      encryption: [
        { kind: 'customer-managed', key: 'Data/Key/Resource', aliases: ['alias/ml/data'], part: 'online store' },
        { kind: 'aws-managed', value: 'alias/aws/s3', part: 'offline store' },
      ],
      retention: 'online records expire after 30 days; offline store in s3://<Training>/features (the bucket\'s rules apply)',
      versioning: 'offline store keeps every record version',
    }));
  });

  test('a container repository: its key, lifecycle rules and tag mutability', () => {
    expect(store('Images')).toEqual(expect.objectContaining({
      encryption: [{ kind: 'aws-managed', value: 'alias/aws/ecr' }], retention: 'lifecycle policy with 2 rules', versioning: 'image tags immutable',
    }));
  });

  test('a DynamoDB table, an RDS cluster and an EFS file system', () => {
    expect(store('Table')).toEqual(expect.objectContaining({
      encryption: [{ kind: 'aws-managed', value: 'alias/aws/dynamodb' }], retention: 'items expire by expires', versioning: 'point-in-time recovery on',
    }));
    expect(store('Database')).toEqual(expect.objectContaining({
      encryption: [{ kind: 'customer-managed', key: 'Data/Key/Resource', aliases: ['alias/ml/data'] }], versioning: 'automated backups kept 14 days',
    }));
    expect(store('Files').encryption).toEqual([{ kind: 'none' }]);
  });

  test('a key: aliases, rotation, key spec, deletion and who reaches it', () => {
    expect(inventory.keys).toEqual([expect.objectContaining({
      stack: 'Data', constructPath: 'Data/Key/Resource', logicalId: 'Key', type: 'AWS::KMS::Key',
      environment: 'dev',
      aliases: ['alias/ml/data'],
      rotation: true,
      keySpec: 'SYMMETRIC_DEFAULT',
      retainedOnDelete: false,
      access: [{ role: 'Data/Reader/Resource', persona: 'analyst', via: 'iam-policy', actions: ['kms:Decrypt'] }],
    })]);
  });

  test('what a key protects: the resources naming it, not its alias nor the roles and policies granting it', () => {
    const protects = inventory.keys[0].protects.map((p) => p.logicalId);
    expect(protects).toEqual(expect.arrayContaining(['Database', 'Features', 'Logs', 'Training']));
    expect(protects.filter((id) => ['KeyAlias', 'Reader', 'Decrypt'].includes(id))).toEqual([]);
    expect(inventory.keys[0].protects.find((p) => p.logicalId === 'Training')).toEqual({ stack: 'Data', constructPath: 'Data/Training/Resource', logicalId: 'Training', type: 'AWS::S3::Bucket' });
  });
});

describe('network segments', () => {
  let inventory: Inventory;

  beforeAll(() => {
    inventory = buildInventory(new AppModel([stackInput('Net', {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Environment', Value: 'prod' }] } },
      Public: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', AvailabilityZone: 'eu-west-1a', MapPublicIpOnLaunch: true } },
      Private: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } } },
      Isolated: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.2.0/24' } },
      PrivateTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      PrivateAssociation: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Private' }, RouteTableId: { Ref: 'PrivateTable' } } },
      PrivateDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'PrivateTable' }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: 'Nat' } } },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'Public' } } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      FlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: arnOf('FlowLogs') } },
      FlowLogs: { Type: 'AWS::S3::Bucket' },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' }, GroupDescription: 'workloads' } },
      S3Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] } } },
      ApiEndpoint: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: 'com.amazonaws.eu-west-1.sagemaker.api', VpcEndpointType: 'Interface', PrivateDnsEnabled: true, PolicyDocument: { Statement: [] } },
      },
      Borrowed: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0123', CidrBlock: '172.16.0.0/24' } },
    }), stackInput('NoNetwork', { Bucket: { Type: 'AWS::S3::Bucket' } })]));
  });

  test('one segment per stack with a VPC, with the stack\'s environment; a VPC outside the app is listed by its id', () => {
    expect(inventory.network.map((s) => [s.stack, s.environment, s.vpcs.map((v) => [v.vpc, v.cidr])])).toEqual([
      ['Net', 'prod', [['Net/Vpc/Resource', '10.0.0.0/16'], ['imported vpc-0123', 'outside the app']]],
    ]);
  });

  test('subnets are public (public IPs), private (a route through NAT) or isolated, with range and zone', () => {
    expect(inventory.network[0].vpcs[0].subnets).toEqual([
      { constructPath: 'Net/Isolated/Resource', kind: 'isolated', cidr: '10.0.2.0/24', availabilityZone: 'chosen by EC2' },
      { constructPath: 'Net/Private/Resource', kind: 'private', cidr: '10.0.1.0/24', availabilityZone: 'zone 0 of the region (Fn::GetAZs)' },
      { constructPath: 'Net/Public/Resource', kind: 'public', cidr: '10.0.0.0/24', availabilityZone: 'eu-west-1a' },
    ]);
  });

  test('the internet gateway, NAT gateways, flow logs, security groups and endpoints of the VPC', () => {
    expect(inventory.network[0].vpcs[0]).toEqual(expect.objectContaining({
      internetGateway: true,
      natGateways: 1,
      flowLogs: [{ trafficType: 'REJECT', destination: 's3 FlowLogs' }],
      securityGroups: 1,
      endpoints: [
        { constructPath: 'Net/S3Endpoint/Resource', service: 'com.amazonaws.<region>.s3', endpointType: 'Gateway', policy: false, privateDns: false },
        { constructPath: 'Net/ApiEndpoint/Resource', service: 'com.amazonaws.eu-west-1.sagemaker.api', endpointType: 'Interface', policy: true, privateDns: true },
      ],
    }));
  });

  test('a VPC outside the app has its subnets, and nothing the app cannot see', () => {
    expect(inventory.network[0].vpcs[1]).toEqual(expect.objectContaining({
      subnets: [expect.objectContaining({ constructPath: 'Net/Borrowed/Resource', kind: 'isolated' })],
      internetGateway: false, natGateways: 0, flowLogs: [], securityGroups: 0, endpoints: [],
    }));
  });
});

describe('human roles', () => {
  let inventory: Inventory;
  const role = (id: string) => inventory.humanRoles.find((r) => r.logicalId === id);
  const root = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };

  beforeAll(() => {
    inventory = buildInventory(new AppModel([stackInput('People', {
      Scientist: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: assumeRolePolicy({ AWS: root }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
          MaxSessionDuration: 14400,
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          Tags: [{ Key: 'Persona', Value: 'data-scientist' }],
        },
      },
      Operator: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRolePolicy({ AWS: '111122223333' }, { StringEquals: { 'aws:PrincipalTag/team': ['ops', 'sre'] } }) } },
      Person: { Type: 'AWS::IAM::User' },
      ForUser: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRolePolicy({ AWS: arnOf('Person') }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }) } },
      Federated: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRolePolicy({ Federated: 'cognito-identity.amazonaws.com' }), Tags: [{ Key: 'Persona', Value: 'labeler' }] } },
      Service: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRolePolicy({ Service: 'sagemaker.amazonaws.com' }) } },
      Chained: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRolePolicy({ AWS: arnOf('Service') }) } },
    })]));
  });

  test('roles people may assume (an account, a user) or that carry a persona; not service roles nor roles for roles', () => {
    expect(inventory.humanRoles.map((r) => r.logicalId)).toEqual(['Scientist', 'Federated', 'ForUser', 'Operator']);
  });

  test('a persona role: who may assume it, the MFA condition, the session length and managed policies', () => {
    expect(role('Scientist')).toEqual({
      stack: 'People', constructPath: 'People/Scientist/Resource', logicalId: 'Scientist', type: 'AWS::IAM::Role',
      environment: undefined,
      persona: 'data-scientist',
      trustedBy: ['arn:${AWS::Partition}:iam::${AWS::AccountId}:root'],
      mfaRequired: true,
      conditions: ['Bool aws:MultiFactorAuthPresent = true'],
      maxSessionSeconds: 14400,
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
  });

  test('an account trusted without MFA does not require it; each condition is listed with its values', () => {
    expect(role('Operator')).toEqual(expect.objectContaining({ trustedBy: ['111122223333'], mfaRequired: false, conditions: ['StringEquals aws:PrincipalTag/team = ops | sre'] }));
  });

  test('MFA only if present (BoolIfExists) does not require it; a user of the app is named', () => {
    expect(role('ForUser')).toEqual(expect.objectContaining({ trustedBy: ['Person'], mfaRequired: false }));
  });

  test('a federated persona role is trusted by its identity provider', () => {
    expect(role('Federated')).toEqual(expect.objectContaining({ persona: 'labeler', trustedBy: ['federated cognito-identity.amazonaws.com'], mfaRequired: false }));
  });
});

describe('model endpoints', () => {
  let inventory: Inventory;
  const endpoint = (id: string) => inventory.modelEndpoints.find((e) => e.logicalId === id)!;

  beforeAll(() => {
    inventory = buildInventory(new AppModel([stackInput('Serve', {
      Model: { Type: 'AWS::SageMaker::Model' },
      Capture: { Type: 'AWS::S3::Bucket' },
      Key: { Type: 'AWS::KMS::Key' },
      Config: {
        Type: 'AWS::SageMaker::EndpointConfig',
        Properties: {
          KmsKeyId: { Ref: 'Key' },
          ProductionVariants: [{ VariantName: 'primary', ModelName: { 'Fn::GetAtt': ['Model', 'ModelName'] }, InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 1 }],
          ShadowProductionVariants: [{ VariantName: 'candidate', ModelName: 'churn-v2', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
          DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: { 'Fn::Sub': 's3://${Capture}/capture' } },
        },
      },
      Latency: { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'EndpointName', Value: { 'Fn::GetAtt': ['Endpoint', 'EndpointName'] } }] } },
      Rollback: { Type: 'AWS::CloudWatch::Alarm' },
      Endpoint: {
        Type: 'AWS::SageMaker::Endpoint',
        Properties: {
          EndpointConfigName: { 'Fn::GetAtt': ['Config', 'EndpointConfigName'] },
          DeploymentConfig: {
            AutoRollbackConfiguration: { Alarms: [{ AlarmName: { Ref: 'Rollback' } }, { AlarmName: 'account-errors' }] },
            BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY' } },
          },
        },
      },
      Schedule: { Type: 'AWS::SageMaker::MonitoringSchedule', Properties: { EndpointName: { 'Fn::GetAtt': ['Endpoint', 'EndpointName'] } } },
      Elsewhere: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'made-by-hand', DeploymentConfig: { RollingUpdatePolicy: {} } } },
    })]));
  });

  test('an endpoint: its configuration, variants (shadow and serverless ones too) and storage key', () => {
    expect(endpoint('Endpoint')).toEqual(expect.objectContaining({
      endpointConfig: 'Serve/Config/Resource',
      variants: [
        { name: 'primary', model: 'Model', instanceType: 'ml.m5.large', initialInstanceCount: 2, serverless: undefined, weight: 1, shadow: false },
        { name: 'candidate', model: 'churn-v2', instanceType: undefined, initialInstanceCount: undefined, serverless: 'serverless 2048 MB, max 5 concurrent', weight: undefined, shadow: true },
      ],
      storageKey: { kind: 'customer-managed', key: 'Serve/Key/Resource', aliases: [] },
    }));
  });

  test('data capture: where, with which key, how much', () => {
    expect(endpoint('Endpoint').dataCapture).toEqual({ destination: 's3://<Capture>/capture', key: { kind: 'aws-managed', value: 'alias/aws/s3' }, samplingPercentage: 20 });
  });

  test('rollback alarms of the app by construct path, others by name; blue/green deployment; the monitoring and alarms reading it', () => {
    expect(endpoint('Endpoint')).toEqual(expect.objectContaining({
      rollbackAlarms: ['Serve/Rollback/Resource', 'account-errors'],
      deployment: 'blue/green, canary traffic shifting',
      monitoring: ['Serve/Schedule/Resource'],
      alarms: ['Serve/Latency/Resource'],
    }));
  });

  test('an endpoint whose configuration is outside the app: named as written, nothing else known; a rolling update', () => {
    expect(endpoint('Elsewhere')).toEqual(expect.objectContaining({
      endpointConfig: 'made-by-hand', variants: [], storageKey: undefined, dataCapture: undefined, rollbackAlarms: [], deployment: 'rolling update', monitoring: [], alarms: [],
    }));
  });
});
