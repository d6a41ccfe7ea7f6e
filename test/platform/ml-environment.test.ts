/*
 * MlEnvironment used directly, as a user composes it into a stack of their own (not through the
 * default app). Two configurations are synthesized once each: the minimal props, and every prop
 * a user may bring (keys, an existing VPC, alert emails, people, feature groups, model families,
 * Object Lock, a served model). The network plan is read from constructed, unsynthesized
 * environments, which is all it needs.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import {
  EndpointDeployment, FeatureType, MlEnvironment, MlEnvironmentProps, ModelProblemType, ObjectLockMode, Persona,
  ServedModelDefinition,
} from '../../index';
import { logicalId } from '../helpers/ml-scope';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Built {
  readonly stack: Stack;
  readonly env: MlEnvironment;
  readonly template: Template;
  /** The logical id of a construct's L1 resource. */
  readonly id: (construct: IConstruct) => string;
  /** `Fn::GetAtt` of a construct's L1 resource. */
  readonly att: (construct: IConstruct, attribute: string) => { 'Fn::GetAtt': [string, string] };
  /** Resources of a type, by logical id. */
  readonly resources: (type: string) => Record<string, Resource>;
}

function synth(stack: Stack, env: MlEnvironment): Built {
  const template = Template.fromStack(stack);
  const id = (construct: IConstruct) => logicalId(stack, construct);
  return {
    stack, env, template, id,
    att: (construct, attribute) => ({ 'Fn::GetAtt': [id(construct), attribute] }),
    resources: (type) => template.findResources(type) as Record<string, Resource>,
  };
}

/** An environment in a plain stack, not yet synthesized. */
function compose(props: MlEnvironmentProps): { stack: Stack; env: MlEnvironment } {
  const stack = new Stack(new App(), 'MyStack');
  return { stack, env: new MlEnvironment(stack, 'Ml', props) };
}

/** Every IAM role resource in a scope, CloudFormation-level (L2 roles and CDK provider roles alike). */
const rolesIn = (scope: IConstruct) => scope.node.findAll()
  .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::IAM::Role');

const PACKAGE = (version: number) => `arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/${version}`;

/** The model of test/fixtures/default-app-variants.ts (PROD_MODEL), in the construct's shape rather than cdk.json's. */
const PROD_MODEL: ServedModelDefinition = {
  name: 'churn',
  variants: [
    { name: 'current', modelPackageArn: PACKAGE(3), weight: 90 },
    { name: 'challenger', modelPackageArn: PACKAGE(4), weight: 10 },
  ],
  deployment: EndpointDeployment.LINEAR,
  rollbackAlarmNames: ['churn-conversion-drop'],
  baselinePrefix: 'monitoring/churn/3/data-quality',
  modelQuality: { problemType: ModelProblemType.BINARY_CLASSIFICATION, groundTruthPrefix: 'ground-truth/churn', baselinePrefix: 'monitoring/churn/3/model-quality', inferenceAttribute: '0', probabilityThreshold: 0.5 },
  bias: { analysisConfigKey: 'monitoring/churn/3/bias/analysis_config.json', groundTruthPrefix: 'ground-truth/churn', baselinePrefix: 'monitoring/churn/3/bias' },
  explainability: { analysisConfigKey: 'monitoring/churn/3/explainability/analysis_config.json', baselinePrefix: 'monitoring/churn/3/explainability' },
};

const EXISTING_VPC_CIDR = '10.50.0.0/16';
const EXISTING_SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];

let minimal: Built;
let byo: Built & { own: { data: kms.Key; models: kms.Key; logs: kms.Key; alerts: kms.Key }; vpc: ec2.IVpc };

beforeAll(() => {
  const m = compose({ environmentName: 'dev' });
  minimal = synth(m.stack, m.env);

  const stack = new Stack(new App(), 'MyStack');
  const own = {
    data: new kms.Key(stack, 'OwnDataKey', { enableKeyRotation: true }),
    models: new kms.Key(stack, 'OwnModelsKey', { enableKeyRotation: true }),
    logs: new kms.Key(stack, 'OwnLogsKey', { enableKeyRotation: true }),
    alerts: new kms.Key(stack, 'OwnAlertsKey', { enableKeyRotation: true }),
  };
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'ExistingVpc', {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    vpcCidrBlock: EXISTING_VPC_CIDR,
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    isolatedSubnetIds: EXISTING_SUBNETS,
    isolatedSubnetRouteTableIds: ['rtb-0a1b2c3d4e5f60001', 'rtb-0a1b2c3d4e5f60002'],
  });
  const env = new MlEnvironment(stack, 'Ml', {
    environmentName: 'prod',
    production: true,
    keys: own,
    network: { vpc },
    alertEmails: ['ml-alerts@example.com'],
    people: [
      { name: 'alice', personas: [Persona.DATA_SCIENTIST] },
      // Works in Studio as the first of her personas that uses Studio.
      { name: 'bea', personas: [Persona.PLATFORM_ADMIN, Persona.ML_ENGINEER, Persona.DATA_SCIENTIST] },
      { name: 'carol', personas: [Persona.MODEL_APPROVER] },
      { name: 'dave', personas: [Persona.AUDITOR] },
    ],
    featureGroups: [{
      name: 'customers',
      features: [{ name: 'customer_id', type: FeatureType.STRING }, { name: 'event_time', type: FeatureType.FRACTIONAL }, { name: 'tenure', type: FeatureType.INTEGRAL }],
      recordIdentifier: 'customer_id',
      eventTime: 'event_time',
      containsPersonalData: true,
    }],
    modelFamilies: ['churn'],
    modelQualityMinimums: { churn: { auc: 0.8 } },
    modelArtifactsObjectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 365 },
    model: PROD_MODEL,
  });
  byo = { ...synth(stack, env), own, vpc };
});

describe('MlEnvironment with minimal props', () => {
  test('one key per purpose (data, models, logs, alerts, model signing), aliased by environment, retained', () => {
    const { template, env, id } = minimal;
    template.resourceCountIs('AWS::KMS::Key', 5);
    const aliases = Object.values(minimal.resources('AWS::KMS::Alias')).map((a) => [a.Properties.AliasName, a.Properties.TargetKeyId['Fn::GetAtt'][0]]);
    expect(aliases.sort()).toEqual([
      ['alias/soc2ml/dev/alerts', id(env.alertTopic.encryptionKey)],
      ['alias/soc2ml/dev/data', id(env.keys.data)],
      ['alias/soc2ml/dev/logs', id(env.keys.logs)],
      ['alias/soc2ml/dev/model-signing', id(env.modelSigningKey.key)],
      ['alias/soc2ml/dev/models', id(env.keys.models)],
    ]);
    for (const key of Object.values(minimal.resources('AWS::KMS::Key'))) {
      expect(key).toEqual(expect.objectContaining({ DeletionPolicy: 'Retain' }));
      expect(key.Properties.PendingWindowInDays).toBe(30);
    }
  });

  test('the data, models, logs and alerts keys rotate; the model-signing key is asymmetric (KMS cannot rotate it)', () => {
    const { env, resources, id } = minimal;
    const keys = resources('AWS::KMS::Key');
    for (const key of [env.keys.data, env.keys.models, env.keys.logs, env.alertTopic.encryptionKey]) {
      expect(keys[id(key)].Properties).toEqual(expect.objectContaining({ EnableKeyRotation: true }));
    }
    expect(keys[id(env.modelSigningKey.key)].Properties).toEqual(expect.objectContaining({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
    expect(keys[id(env.modelSigningKey.key)].Properties.EnableKeyRotation).toBeUndefined();
  });

  test('each new key\'s policy holds the service statements of its purpose', () => {
    const { env, resources, id } = minimal;
    const keys = resources('AWS::KMS::Key');
    const sids = (key: IConstruct) => keys[id(key)].Properties.KeyPolicy.Statement.map((s: { Sid?: string }) => s.Sid);
    expect(sids(env.keys.logs)).toContain('AllowCloudWatchLogsForThisAccountsLogGroups');
    expect(sids(env.keys.data)).toContain('AllowMacieToClassifyObjectsOfThisAccount');
    expect(sids(env.alertTopic.encryptionKey)).toEqual(expect.arrayContaining(['AllowCloudWatchAlarmsOfThisAccount', 'AllowEventBridgeThroughSns']));
    for (const key of [env.keys.data, env.keys.models, env.keys.logs, env.alertTopic.encryptionKey]) {
      expect(sids(key)).toContain('DenyGrantsNotForAwsResources');
    }
  });

  test('an alert topic named after the environment, on the alerts key, with no subscription', () => {
    const { template, env, att } = minimal;
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'SOC 2 ML alerts (dev)',
      KmsMasterKeyId: att(env.alertTopic.encryptionKey, 'Arn'),
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('an access-log bucket on SSE-S3, classified internal, retained, and the target of every other bucket\'s logs', () => {
    const { env, resources, id } = minimal;
    const buckets = resources('AWS::S3::Bucket');
    const accessLogs = buckets[id(env.accessLogs.bucket)];
    expect(accessLogs.DeletionPolicy).toBe('Retain');
    expect(accessLogs.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    expect(accessLogs.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'DataClassification', Value: 'internal' }]));
    expect(accessLogs.Properties.LoggingConfiguration).toBeUndefined();
    const others = Object.entries(buckets).filter(([logicalId]) => logicalId !== id(env.accessLogs.bucket));
    // Training data, model artifacts, the offline store, and the incident evidence (no archive given).
    expect(others).toHaveLength(4);
    for (const [, bucket] of others) {
      expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: id(env.accessLogs.bucket) });
    }
  });

  test('training data on the data key and model artifacts on the models key: confidential, backed up, retained, no Object Lock', () => {
    const { env, resources, id, att } = minimal;
    const buckets = resources('AWS::S3::Bucket');
    for (const [store, key] of [[env.trainingDataBucket, env.keys.data], [env.modelArtifactsBucket, env.keys.models]] as const) {
      const bucket = buckets[id(store.bucket)];
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: att(key, 'Arn') },
      }]);
      expect(bucket.Properties.Tags).toEqual(expect.arrayContaining([
        { Key: 'DataClassification', Value: 'confidential' },
        { Key: 'PersonalData', Value: 'false' },
        { Key: 'BackupPlan', Value: 'soc2ml-daily' },
      ]));
      expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    }
  });

  test('uploads to both buckets are scanned for malware, findings to the alert topic', () => {
    const { env, template, id } = minimal;
    template.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 2);
    for (const store of [env.trainingDataBucket, env.modelArtifactsBucket]) {
      template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
        ProtectedResource: { S3Bucket: Match.objectLike({ BucketName: { Ref: id(store.bucket) } }) },
      });
    }
    expect(env.malwareProtection.map((p) => p.node.id)).toEqual(['TrainingDataMalwareProtection', 'ModelArtifactsMalwareProtection']);
    const rules = minimal.resources('AWS::Events::Rule');
    for (const plan of env.malwareProtection) {
      expect(rules[id(plan.threatsFoundRule!)].Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: id(env.alertTopic.topic) } })]);
    }
  });

  test('a new VPC on the planned range of dev (10.10.0.0/16), isolated subnets only, flow log on the logs key', () => {
    const { template, env, att } = minimal;
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.10.0.0/16' });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.10.0.0/16', FromPort: 443, ToPort: 443 })] });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: att(env.keys.logs, 'Arn'), RetentionInDays: 365 });
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
    expect(env.network.cidr).toBe('10.10.0.0/16');
  });

  test.each([
    ['staging', {}, '10.20.0.0/16'],
    ['prod', {}, '10.30.0.0/16'],
    ['qa', {}, '10.0.0.0/16'],
    ['qa', { cidr: '10.60.0.0/16' }, '10.60.0.0/16'],
  ])('the network of %s with network %j is on %s', (environmentName, network, cidr) => {
    // Construction alone decides the range: no synthesis needed.
    const { stack, env } = compose({ environmentName, network });
    expect(env.network.cidr).toBe(cidr);
    expect(stack.resolve((env.network.vpc.node.defaultChild as ec2.CfnVPC).cidrBlock)).toBe(cidr);
  });

  test('the permissions boundary soc2ml-dev-permissions-boundary is on every role of the construct', () => {
    const { env, stack, template, id } = minimal;
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'soc2ml-dev-permissions-boundary' });
    // Roles of the construct: CDK's stack-level provider roles (the new VPC's default-security-group
    // cleanup) sit outside it, and get the boundary only where it is applied to the stack.
    const roles = rolesIn(env);
    // 5 persona roles, 3 Studio execution roles, 4 workload roles, the offline store's, the flow log's, 2 malware scanners', 5 runbooks'.
    expect(roles).toHaveLength(21);
    const inTemplate = minimal.resources('AWS::IAM::Role');
    for (const role of roles) {
      expect({ role: role.node.path, boundary: inTemplate[stack.resolve(role.logicalId)].Properties.PermissionsBoundary })
        .toEqual({ role: role.node.path, boundary: { Ref: id(env.permissionsBoundary.policy) } });
    }
  });

  test('a role per persona, named soc2ml-dev-<persona>, and a Studio execution role for each Studio persona', () => {
    const { template, env, id } = minimal;
    for (const persona of Object.values(Persona)) {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `soc2ml-dev-${persona}`,
        MaxSessionDuration: 3600,
        Tags: Match.arrayWith([{ Key: 'Persona', Value: persona }]),
      });
    }
    const roles = minimal.resources('AWS::IAM::Role');
    for (const persona of [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER, Persona.MODEL_APPROVER]) {
      const execution = roles[id(env.personas.executionRole(persona)!)].Properties;
      expect(execution.Description).toBe(`cdk-soc2-ml Studio execution role of ${persona}s in the dev environment`);
      expect(execution.AssumeRolePolicyDocument.Statement.map((s: { Action: string }) => s.Action)).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity']);
    }
    expect(env.personas.executionRole(Persona.AUDITOR)).toBeUndefined();
    expect(env.personas.executionRole(Persona.PLATFORM_ADMIN)).toBeUndefined();
    // Outside production, data scientists are not explicitly denied deploying.
    const ds = env.personas.policies(Persona.DATA_SCIENTIST).flatMap((p) => minimal.resources('AWS::IAM::ManagedPolicy')[id(p)].Properties.PolicyDocument.Statement);
    expect(ds.map((s: { Sid?: string }) => s.Sid)).not.toContain('SegregationOfDutiesNoProductionDeployment');
  });

  test('training, model build, inference and monitoring roles, assumed by SageMaker', () => {
    const { env, resources, id } = minimal;
    const roles = resources('AWS::IAM::Role');
    const w = env.workloadRoles;
    for (const [role, description] of [
      [w.training, 'SageMaker training, processing and tuning jobs of the dev environment'],
      [w.modelBuild, 'SageMaker model build pipelines and model registration of the dev environment'],
      [w.inference, 'SageMaker models and endpoints of the dev environment'],
      [w.monitoring, 'SageMaker model monitoring and Clarify jobs of the dev environment'],
    ] as const) {
      const props = roles[id(role)].Properties;
      expect(props.Description).toBe(description);
      expect(props.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'sagemaker.amazonaws.com' } })]);
    }
  });

  test('a VPC-only Studio domain soc2ml-dev on the data key, in the workload subnets, retained, with no user profile', () => {
    const { template, env, stack, id, att } = minimal;
    template.hasResource('AWS::SageMaker::Domain', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DomainName: 'soc2ml-dev',
        AuthMode: 'IAM',
        AppNetworkAccessType: 'VpcOnly',
        VpcId: { Ref: id(env.network.vpc) },
        SubnetIds: env.network.workloadSubnets.subnets.map((s) => stack.resolve(s.subnetId)),
        KmsKeyId: att(env.keys.data, 'Arn'),
        DefaultUserSettings: Match.objectLike({
          ExecutionRole: att(env.personas.executionRole(Persona.DATA_SCIENTIST)!, 'Arn'),
          SecurityGroups: [att(env.network.workloadSecurityGroup, 'GroupId')],
        }),
      }),
    });
    template.resourceCountIs('AWS::SageMaker::UserProfile', 0);
  });

  test('a feature store ready for groups: its Glue database and an offline-store bucket on the data key, no group', () => {
    const { template, env, resources, id, att } = minimal;
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: 'soc2ml_dev_features' }) });
    const offline = resources('AWS::S3::Bucket')[id(env.featureStore.offlineStoreBucket.bucket)];
    expect(offline.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual(att(env.keys.data, 'Arn'));
    expect(offline.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'BackupPlan', Value: 'soc2ml-daily' }]));
    template.resourceCountIs('AWS::SageMaker::FeatureGroup', 0);
    expect(env.featureStore.featureGroupArns).toEqual([]);
  });

  test('a registry with no group whose state-change rule watches dev-* and announces to the alert topic; artifacts in modelArtifactsBucket', () => {
    const { template, env } = minimal;
    template.resourceCountIs('AWS::SageMaker::ModelPackageGroup', 0);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['SageMaker Model Package State Change'], 'detail': { ModelPackageGroupName: [{ prefix: 'dev-' }] } }),
      Targets: [Match.objectLike({ Arn: { Ref: minimal.id(env.alertTopic.topic) } })],
    });
    expect(env.modelRegistry.artifactsBucket).toBe(env.modelArtifactsBucket);
  });

  test('training and serving image repositories soc2ml/dev/*, on the models key, retained', () => {
    const { template, env, att } = minimal;
    template.resourceCountIs('AWS::ECR::Repository', 2);
    for (const name of ['soc2ml/dev/training', 'soc2ml/dev/serving']) {
      template.hasResource('AWS::ECR::Repository', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          RepositoryName: name,
          EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: att(env.keys.models, 'Arn') },
          ImageTagMutability: 'IMMUTABLE',
        }),
      });
    }
  });

  test('a model-signing key the model build role signs with, and an image signing profile, retained', () => {
    const { template, env, resources, id } = minimal;
    const key = resources('AWS::KMS::Key')[id(env.modelSigningKey.key)];
    const deny = key.Properties.KeyPolicy.Statement.find((s: { Sid?: string }) => s.Sid === 'DenySigningToAllButTheSigners');
    expect(deny.Condition.ArnNotEquals['aws:PrincipalArn']).toEqual([minimal.att(env.workloadRoles.modelBuild, 'Arn')]);
    template.hasResource('AWS::Signer::SigningProfile', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ PlatformId: 'Notation-OCI-SHA384-ECDSA' }) });
  });

  test('no signature gate or build pipeline without model families, and no serving without a model', () => {
    expect(minimal.env.buildPipelines).toEqual({});
    const { template, env } = minimal;
    expect(env.modelSignatureGate).toBeUndefined();
    template.resourceCountIs('AWS::SQS::Queue', 0);
    expect(env.serving).toBeUndefined();
    template.resourceCountIs('AWS::SageMaker::Endpoint', 0);
    template.resourceCountIs('AWS::SageMaker::MonitoringSchedule', 0);
  });

  test('exposes its name, production flag and the parts later stacks are given', () => {
    const { env, stack } = minimal;
    expect(env.environmentName).toBe('dev');
    expect(env.production).toBe(false);
    expect(env.trainingDataBucket.encryptionKey).toBe(env.keys.data);
    expect(env.modelArtifactsBucket.encryptionKey).toBe(env.keys.models);
    expect(env.featureStore.encryptionKey).toBe(env.keys.data);
    expect(env.trainingImages.encryptionKey).toBe(env.keys.models);
    expect(env.servingImages.encryptionKey).toBe(env.keys.models);
    expect(env.network.workloadSubnets.subnets).toHaveLength(2);
    expect(env.studio.userProfiles).toEqual({});
    expect(Object.keys(env.operationsAlerts.rules).length).toBeGreaterThan(0);
    expect(env.guardrails.policies.length).toBeGreaterThan(0);
    expect(stack.resolve(env.permissionsBoundary.policyArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/soc2ml-dev-permissions-boundary']],
    });
  });
});

describe('MlEnvironment with what a user brings', () => {
  test('given keys: no new key of those purposes, and each is used for its purpose', () => {
    const { template, env, own, att } = byo;
    // The four given keys and the model-signing key, which is always the environment's own.
    template.resourceCountIs('AWS::KMS::Key', 5);
    template.resourceCountIs('AWS::KMS::Alias', 1);
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/soc2ml/prod/model-signing' });
    expect(env.keys).toEqual({ data: own.data, models: own.models, logs: own.logs });
    expect(env.alertTopic.encryptionKey).toBe(own.alerts);

    const kmsOf = (bucket: IConstruct) => byo.resources('AWS::S3::Bucket')[byo.id(bucket)].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID;
    expect(kmsOf(env.trainingDataBucket.bucket)).toEqual(att(own.data, 'Arn'));
    expect(kmsOf(env.featureStore.offlineStoreBucket.bucket)).toEqual(att(own.data, 'Arn'));
    expect(kmsOf(env.modelArtifactsBucket.bucket)).toEqual(att(own.models, 'Arn'));
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: att(own.alerts, 'Arn') });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: att(own.logs, 'Arn'), RetentionInDays: 365 });
    template.hasResourceProperties('AWS::SageMaker::Domain', { KmsKeyId: att(own.data, 'Arn') });
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'soc2ml/prod/serving', EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: att(own.models, 'Arn') } });
  });

  test('the given alerts key gets the statements CloudWatch, EventBridge and CodeStar Notifications need to publish', () => {
    const { own, resources, id } = byo;
    const sids = resources('AWS::KMS::Key')[id(own.alerts)].Properties.KeyPolicy.Statement.map((s: { Sid?: string }) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['AllowCloudWatchAlarmsOfThisAccount', 'AllowEventBridgeThroughSns', 'AllowCodeStarNotificationsThroughSns']));
  });

  test('the given logs and data keys get the statements CloudWatch Logs and Macie need, as new keys have', () => {
    const { own, resources, id } = byo;
    const sids = (key: IConstruct) => resources('AWS::KMS::Key')[id(key)].Properties.KeyPolicy.Statement.map((s: { Sid?: string }) => s.Sid);
    expect(sids(own.logs)).toContain('AllowCloudWatchLogsForThisAccountsLogGroups');
    expect(sids(own.data)).toContain('AllowMacieToClassifyObjectsOfThisAccount');
  });

  test('an existing VPC: no new VPC, the endpoints and Studio in its subnets, its own range admitted (not the plan\'s)', () => {
    const { template, env, vpc } = byo;
    expect(env.network.vpc).toBe(vpc);
    expect(env.network.cidr).toBe(EXISTING_VPC_CIDR);
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcId: 'vpc-0a1b2c3d4e5f60718', VpcEndpointType: 'Interface', SubnetIds: EXISTING_SUBNETS });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: EXISTING_VPC_CIDR, FromPort: 443, ToPort: 443 })],
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('10.30.0.0/16');
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceId: 'vpc-0a1b2c3d4e5f60718' });
    template.hasResourceProperties('AWS::SageMaker::Domain', { VpcId: 'vpc-0a1b2c3d4e5f60718', SubnetIds: EXISTING_SUBNETS });
  });

  test('an existing VPC: a warning that the workload security group reaches S3 only once you add its prefix list', () => {
    const warnings = byo.env.network.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/vpc is your own, so workloadSecurityGroup allows HTTPS only within the VPC/)]);
  });

  test('the permissions boundary soc2ml-prod-permissions-boundary is on every role in the stack, the gate\'s included', () => {
    const { env, stack, id } = byo;
    const roles = byo.resources('AWS::IAM::Role');
    expect(rolesIn(stack).map((r) => stack.resolve(r.logicalId)).sort()).toEqual(Object.keys(roles).sort());
    expect(Object.keys(roles)).toContain(id(env.modelSignatureGate!.role));
    for (const [logical, role] of Object.entries(roles)) {
      expect({ logical, boundary: role.Properties.PermissionsBoundary }).toEqual({ logical, boundary: { Ref: id(env.permissionsBoundary.policy) } });
    }
  });

  test('alert emails are subscribed to the alert topic', () => {
    const { template, env, id } = byo;
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ml-alerts@example.com', TopicArn: { Ref: id(env.alertTopic.topic) } });
  });

  test('people who work in Studio get a profile as their first Studio persona, bound to their persona role; the auditor none', () => {
    const { template, env, att } = byo;
    template.resourceCountIs('AWS::SageMaker::UserProfile', 3);
    for (const [person, persona] of [['alice', Persona.DATA_SCIENTIST], ['bea', Persona.ML_ENGINEER], ['carol', Persona.MODEL_APPROVER]] as const) {
      template.hasResourceProperties('AWS::SageMaker::UserProfile', {
        UserProfileName: person,
        UserSettings: Match.objectLike({ ExecutionRole: att(env.personas.executionRole(persona)!, 'Arn') }),
        Tags: Match.arrayWith([
          { Key: 'Persona', Value: persona },
          { Key: 'StudioUserId', Value: { 'Fn::Join': ['', [att(env.personas.role(persona), 'RoleId'), `:${person}`]] } },
        ]),
      });
    }
    expect(Object.keys(env.studio.userProfiles).sort()).toEqual(['alice', 'bea', 'carol']);
    expect(env.personas.people.map((p) => p.name)).toEqual(['alice', 'bea', 'carol', 'dave']);
  });

  test('people are checked for segregation of duties', () => {
    expect(() => compose({ environmentName: 'dev', people: [{ name: 'eve', personas: [Persona.ML_ENGINEER, Persona.MODEL_APPROVER] }] }))
      .toThrow(/people\[0\] \("eve"\) holds personas model-approver and ml-engineer, which segregation of duties keeps apart/);
  });

  test('production: data scientists are explicitly denied deploying', () => {
    const { env, resources, id } = byo;
    expect(env.production).toBe(true);
    const statements = env.personas.policies(Persona.DATA_SCIENTIST).flatMap((p) => resources('AWS::IAM::ManagedPolicy')[id(p)].Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'SegregationOfDutiesNoProductionDeployment', Effect: 'Deny' }));
  });

  test('feature groups prod-<name>: online store on the data key, offline store catalogued, retained; personal data marks the offline bucket', () => {
    const { template, env, resources, id, att } = byo;
    template.resourceCountIs('AWS::SageMaker::FeatureGroup', 1);
    template.hasResource('AWS::SageMaker::FeatureGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        FeatureGroupName: 'prod-customers',
        RecordIdentifierFeatureName: 'customer_id',
        EventTimeFeatureName: 'event_time',
        OnlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: att(env.keys.data, 'Arn') } },
        OfflineStoreConfig: Match.objectLike({ DataCatalogConfig: { Catalog: 'AwsDataCatalog', Database: 'soc2ml_prod_features', TableName: 'prod_customers' } }),
        Tags: Match.arrayWith([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'true' }]),
      }),
    });
    const offline = resources('AWS::S3::Bucket')[id(env.featureStore.offlineStoreBucket.bucket)];
    expect(offline.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'PersonalData', Value: 'true' }]));
    expect(env.featureStore.featureGroupArns).toHaveLength(1);
  });

  test('model families: a retained model package group prod-<family>, and the signature gate on its approvals', () => {
    const { template, env, att } = byo;
    template.hasResource('AWS::SageMaker::ModelPackageGroup', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ ModelPackageGroupName: 'prod-churn' }) });
    const gate = env.modelSignatureGate!;
    expect(gate).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: att(gate.role, 'Arn'),
      VpcConfig: { SubnetIds: EXISTING_SUBNETS, SecurityGroupIds: [att(env.network.workloadSecurityGroup, 'GroupId')] },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        'detail-type': ['SageMaker Model Package State Change'],
        'detail': Match.objectLike({ ModelPackageGroupName: ['prod-churn'], ModelApprovalStatus: ['Approved'] }),
      }),
      Targets: [Match.objectLike({ Arn: att(gate.function, 'Arn') })],
    });
  });

  test('production: the gate is a release gate with the families\' minimums, and each family has its build pipeline run by the build role', () => {
    const { template, env, att } = byo;
    expect(env.modelSignatureGate!.checksReleases).toBe(true);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: att(env.modelSignatureGate!.role, 'Arn'),
      Environment: { Variables: Match.objectLike({ RELEASE_CHECKS: '{"minimums":{"prod-churn":{"auc":0.8}}}' }) },
    });
    expect(Object.keys(env.buildPipelines)).toEqual(['churn']);
    template.hasResourceProperties('AWS::SageMaker::Pipeline', { PipelineName: 'prod-churn-build', RoleArn: att(env.workloadRoles.modelBuild, 'Arn') });
  });

  test('model-artifacts Object Lock: governance, 365 days, and noncurrent versions kept at least as long', () => {
    const { env, resources, id } = byo;
    const bucket = resources('AWS::S3::Bucket')[id(env.modelArtifactsBucket.bucket)].Properties;
    expect(bucket.ObjectLockEnabled).toBe(true);
    expect(bucket.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } });
    expect(bucket.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 365 });
    // The lock is on the model-artifacts bucket only.
    expect(resources('AWS::S3::Bucket')[id(env.trainingDataBucket.bucket)].Properties.ObjectLockEnabled).toBeUndefined();
  });

  test('a model: the endpoint prod-<name> run by the inference role in the workload network, on the models key, with its monitors', () => {
    const { template, env, att } = byo;
    const serving = env.serving!;
    expect(serving).toBeDefined();
    template.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'prod-churn' });
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: att(env.keys.models, 'Arn'),
      ProductionVariants: Match.arrayWith([Match.objectLike({ VariantName: 'current', InitialVariantWeight: 90 }), Match.objectLike({ VariantName: 'challenger', InitialVariantWeight: 10 })]),
    });
    template.resourceCountIs('AWS::SageMaker::Model', 2);
    for (const version of [3, 4]) {
      template.hasResourceProperties('AWS::SageMaker::Model', {
        ExecutionRoleArn: att(env.workloadRoles.inference, 'Arn'),
        PrimaryContainer: { ModelPackageName: PACKAGE(version) },
        VpcConfig: { Subnets: EXISTING_SUBNETS, SecurityGroupIds: [att(env.network.workloadSecurityGroup, 'GroupId')] },
      });
    }
    // Drift, model quality, bias and explainability.
    template.resourceCountIs('AWS::SageMaker::MonitoringSchedule', 4);
    for (const type of ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability']) {
      template.hasResourceProperties(`AWS::SageMaker::${type}JobDefinition`, { RoleArn: att(env.workloadRoles.monitoring, 'Arn') });
    }
  });

  test('a model: requests are captured to a confidential bucket of personal data on the data key, its logs to the access-log bucket', () => {
    const { env, resources, id, att } = byo;
    const capture = resources('AWS::S3::Bucket')[id(env.serving!.captureBucket.bucket)].Properties;
    expect(capture.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual(att(env.keys.data, 'Arn'));
    expect(capture.Tags).toEqual(expect.arrayContaining([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'true' }]));
    expect(capture.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: id(env.accessLogs.bucket) });
  });
});

describe('MlEnvironment input validation', () => {
  test.each(['Prod', 'dev_1', '1dev', '', 'a'.repeat(33)])('environmentName %j is refused, naming the prop, the value and the fix', (environmentName) => {
    expect(() => compose({ environmentName }))
      .toThrow(new RegExp(`^environmentName is ${JSON.stringify(environmentName)}: use 1 to 32 lowercase letters, digits or hyphens, starting with a letter \\(for example "prod"\\)\\.$`));
  });
});
