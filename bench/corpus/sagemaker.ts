/*
 * SageMaker cases users write themselves, beyond what the platform deploys (its own SageMaker
 * cases are in platform-services.ts): notebook instances' metadata service, asynchronous inference
 * output, Studio user profiles inside their domain's security groups, Studio spaces without
 * remote access, a model build pipeline whose training and processing steps are hardened, and
 * notebook and Studio lifecycle configurations whose scripts hold no credentials. aws-cdk-lib has
 * no L2 for these: each case is the L1, broken through its props and through a property override.
 */
import { Aws, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit } from './kit';

/** A Studio domain that passes the domain controls: VPC only, under the kit's key, in the kit's security group. */
function hardenedDomain(scope: Construct, kit: Kit): sagemaker.CfnDomain {
  return new sagemaker.CfnDomain(scope, 'Domain', {
    authMode: 'IAM',
    domainName: 'corpus-studio',
    vpcId: kit.vpc.vpcId,
    subnetIds: kit.subnetIds,
    appNetworkAccessType: 'VpcOnly',
    kmsKeyId: kit.key.keyArn,
    defaultUserSettings: {
      executionRole: kit.sageMakerRole.roleArn,
      securityGroups: [kit.securityGroup.securityGroupId],
    },
  });
}

const notebookImds = defineCase({
  name: 'SageMakerNotebookImds',
  kind: 'AWS::SageMaker::NotebookInstance',
  breaks: ['ImdsLeftOut', 'ImdsV1', 'ImdsV1Override'],
  build(scope, broken, kit) {
    const notebook = new sagemaker.CfnNotebookInstance(scope, 'Notebook', {
      instanceType: 'ml.t3.medium',
      roleArn: kit.sageMakerRole.roleArn,
      directInternetAccess: 'Disabled',
      rootAccess: 'Disabled',
      kmsKeyId: kit.key.keyArn,
      subnetId: kit.subnetIds[0],
      securityGroupIds: [kit.securityGroup.securityGroupId],
      platformIdentifier: 'notebook-al2-v3',
      instanceMetadataServiceConfiguration: broken === 'ImdsLeftOut' ? undefined
        : { minimumInstanceMetadataServiceVersion: broken === 'ImdsV1' ? '1' : '2' },
    });
    if (broken === 'ImdsV1Override') {
      notebook.addPropertyOverride('InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion', '1');
    }
  },
});

const asyncEndpointConfig = defineCase({
  name: 'SageMakerAsyncEndpointConfig',
  kind: 'AWS::SageMaker::EndpointConfig',
  breaks: ['AsyncOutputKeyLeftOut', 'AsyncOutputKeyAwsManaged', 'AsyncOutputKeyOverride'],
  build(scope, broken, kit) {
    const model = new sagemaker.CfnModel(scope, 'Model', {
      executionRoleArn: kit.sageMakerRole.roleArn,
      primaryContainer: {
        image: `${Aws.ACCOUNT_ID}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/churn-model:1.0.0`,
        modelDataUrl: kit.s3Uri('models/churn/model.tar.gz'),
      },
      enableNetworkIsolation: true,
      vpcConfig: { subnets: kit.subnetIds, securityGroupIds: [kit.securityGroup.securityGroupId] },
    });
    const config = new sagemaker.CfnEndpointConfig(scope, 'EndpointConfig', {
      kmsKeyId: kit.key.keyArn,
      productionVariants: [{ variantName: 'primary', modelName: model.attrModelName, instanceType: 'ml.m5.large', initialInstanceCount: 2 }],
      asyncInferenceConfig: {
        clientConfig: { maxConcurrentInvocationsPerInstance: 4 },
        outputConfig: {
          s3OutputPath: kit.s3Uri('async/output/'),
          s3FailurePath: kit.s3Uri('async/failure/'),
          kmsKeyId: broken === 'AsyncOutputKeyLeftOut' ? undefined : broken === 'AsyncOutputKeyAwsManaged' ? 'alias/aws/s3' : kit.key.keyArn,
        },
      },
    });
    if (broken === 'AsyncOutputKeyOverride') {
      config.addPropertyDeletionOverride('AsyncInferenceConfig.OutputConfig.KmsKeyId');
    }
  },
});

const userProfile = defineCase({
  name: 'SageMakerUserProfile',
  kind: 'AWS::SageMaker::UserProfile',
  breaks: ['ForeignSecurityGroup', 'ForeignSecurityGroupOverride'],
  build(scope, broken, kit) {
    const domain = hardenedDomain(scope, kit);
    const foreign = () => new ec2.SecurityGroup(scope, 'ForeignSg', { vpc: kit.vpc, description: 'Not the domain\'s', allowAllOutbound: false }).securityGroupId;
    const securityGroups = [kit.securityGroup.securityGroupId, ...(broken === 'ForeignSecurityGroup' ? [foreign()] : [])];
    const profile = new sagemaker.CfnUserProfile(scope, 'Profile', {
      domainId: domain.attrDomainId,
      userProfileName: 'data-scientist',
      userSettings: { executionRole: kit.sageMakerRole.roleArn, securityGroups },
    });
    if (broken === 'ForeignSecurityGroupOverride') {
      profile.addPropertyOverride('UserSettings.SecurityGroups', [foreign()]);
    }
  },
});

/**
 * A profile in a domain another stack owns: it takes the domain's groups. Naming its own cannot be
 * compared with the domain's at synth, so the rule fails closed on it.
 */
const userProfileImportedDomain = defineCase({
  name: 'SageMakerUserProfileImportedDomain',
  kind: 'AWS::SageMaker::UserProfile',
  breaks: ['OwnSecurityGroups'],
  build(scope, broken, kit) {
    new sagemaker.CfnUserProfile(scope, 'Profile', {
      domainId: 'd-a1b2c3d4e5f6',
      userProfileName: 'analyst',
      userSettings: {
        executionRole: kit.sageMakerRole.roleArn,
        securityGroups: broken === 'OwnSecurityGroups' ? [kit.securityGroup.securityGroupId] : undefined,
      },
    });
  },
});

const space = defineCase({
  name: 'SageMakerSpace',
  kind: 'AWS::SageMaker::Space',
  breaks: ['RemoteAccessEnabled', 'RemoteAccessEnabledOverride'],
  build(scope, broken, kit) {
    const domain = hardenedDomain(scope, kit);
    const owner = new sagemaker.CfnUserProfile(scope, 'Owner', { domainId: domain.attrDomainId, userProfileName: 'owner' });
    const s = new sagemaker.CfnSpace(scope, 'Space', {
      domainId: domain.attrDomainId,
      spaceName: 'churn-analysis',
      ownershipSettings: { ownerUserProfileName: owner.userProfileName },
      spaceSharingSettings: { sharingType: 'Private' },
      spaceSettings: { appType: 'JupyterLab', remoteAccess: broken === 'RemoteAccessEnabled' ? 'ENABLED' : 'DISABLED' },
    });
    s.addResourceDependency(owner);
    if (broken === 'RemoteAccessEnabledOverride') {
      s.addPropertyOverride('SpaceSettings.RemoteAccess', 'ENABLED');
    }
  },
});

/** A build pipeline's steps as a user writes them: training, then an evaluation inside a Condition step. */
function buildDefinition(kit: Kit, broken: string | undefined, scope: Construct): Record<string, unknown> {
  const vpcConfig = { Subnets: kit.subnetIds, SecurityGroupIds: [kit.securityGroup.securityGroupId] };
  const count = broken === 'BodyUnparsable' ? new CfnParameter(scope, 'InstanceCount', { type: 'Number', default: 1 }).valueAsNumber : 1;
  const train = {
    AlgorithmSpecification: { TrainingImage: `${Aws.ACCOUNT_ID}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/churn-train:1.0.0`, TrainingInputMode: 'File' },
    RoleArn: kit.sageMakerRole.roleArn,
    InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: kit.s3Uri('churn/train'), S3DataDistributionType: 'FullyReplicated' } } }],
    OutputDataConfig: { S3OutputPath: kit.s3Uri('churn/model'), KmsKeyId: broken === 'OutputKeyAwsManaged' ? 'alias/aws/s3' : kit.key.keyArn },
    ResourceConfig: { InstanceCount: count, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: broken === 'VolumeKeyLeftOut' ? undefined : kit.key.keyArn },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    VpcConfig: broken === 'VpcLeftOut' ? undefined : vpcConfig,
    EnableNetworkIsolation: broken !== 'IsolationOff',
    EnableInterContainerTrafficEncryption: broken !== 'TrafficEncryptionOff',
  };
  const evaluate = {
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: kit.key.keyArn } },
    AppSpecification: { ImageUri: `${Aws.ACCOUNT_ID}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/churn-evaluate:1.0.0` },
    RoleArn: kit.sageMakerRole.roleArn,
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'evaluation', S3Output: { S3Uri: kit.s3Uri('churn/evaluation'), LocalPath: '/opt/ml/processing/evaluation', S3UploadMode: 'EndOfJob' } }], KmsKeyId: kit.key.keyArn },
    NetworkConfig: { EnableNetworkIsolation: broken !== 'NestedStepNotIsolated', EnableInterContainerTrafficEncryption: true, VpcConfig: vpcConfig },
  };
  return {
    Version: '2020-12-01',
    Parameters: [],
    Steps: [
      { Name: 'Train', Type: 'Training', Arguments: train },
      { Name: 'IfApproved', Type: 'Condition', Arguments: { Conditions: [], IfSteps: [{ Name: 'Evaluate', Type: 'Processing', Arguments: evaluate }], ElseSteps: [] } },
    ],
  };
}

const buildPipeline = defineCase({
  name: 'SageMakerBuildPipeline',
  kind: 'AWS::SageMaker::Pipeline',
  breaks: ['IsolationOff', 'VpcLeftOut', 'VolumeKeyLeftOut', 'OutputKeyAwsManaged', 'TrafficEncryptionOff', 'NestedStepNotIsolated', 'BodyUnparsable', 'BodyOverride'],
  build(scope, broken, kit) {
    const pipeline = new sagemaker.CfnPipeline(scope, 'Pipeline', {
      pipelineName: 'churn-build',
      roleArn: kit.sageMakerRole.roleArn,
      pipelineDefinition: { PipelineDefinitionBody: Stack.of(scope).toJsonString(buildDefinition(kit, broken, scope)) },
    });
    if (broken === 'BodyOverride') {
      pipeline.addPropertyOverride('PipelineDefinition.PipelineDefinitionBody', JSON.stringify({ Version: '2020-12-01', Steps: [{ Name: 'Train', Type: 'Training', Arguments: { EnableNetworkIsolation: false } }] }));
    }
  },
});

/** A notebook's setup script that logs in to a model hub with a token it reads from Secrets Manager at run time. */
const SETUP = [
  '#!/bin/bash',
  'set -e',
  'TOKEN=$(aws secretsmanager get-secret-value --secret-id model-hub-token --query SecretString --output text)',
  'sudo -u ec2-user -i huggingface-cli login --token "$TOKEN"',
].join('\n');
const PASTED_TOKEN = 'sudo -u ec2-user -i huggingface-cli login --token hf_QwErTyUiOpAsDfGhJkLzXcVbNm0123456789';
const base64 = (text: string) => Buffer.from(text).toString('base64');

const notebookLifecycleConfig = defineCase({
  name: 'SageMakerNotebookLifecycleConfig',
  kind: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
  breaks: ['TokenInOnStart', 'KeyInOnCreateOverride'],
  build(scope, broken) {
    const config = new sagemaker.CfnNotebookInstanceLifecycleConfig(scope, 'LifecycleConfig', {
      notebookInstanceLifecycleConfigName: 'corpus-setup',
      onStart: [{ content: Fn.base64(broken === 'TokenInOnStart' ? `${SETUP}\n${PASTED_TOKEN}` : SETUP) }],
      onCreate: [{ content: base64('#!/bin/bash\nsudo -u ec2-user -i pip install --quiet xgboost==2.1.0') }],
    });
    if (broken === 'KeyInOnCreateOverride') {
      config.addPropertyOverride('OnCreate.0.Content', base64('#!/bin/bash\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE'));
    }
  },
});

const studioLifecycleConfig = defineCase({
  name: 'SageMakerStudioLifecycleConfig',
  kind: 'AWS::SageMaker::StudioLifecycleConfig',
  breaks: ['TokenInContent'],
  build(scope, broken) {
    new sagemaker.CfnStudioLifecycleConfig(scope, 'LifecycleConfig', {
      studioLifecycleConfigName: 'corpus-jupyterlab-setup',
      studioLifecycleConfigAppType: 'JupyterLab',
      studioLifecycleConfigContent: base64(broken === 'TokenInContent' ? `${SETUP}\n${PASTED_TOKEN}` : SETUP),
    });
  },
});

export const CASES: readonly CorpusCase[] = [notebookImds, asyncEndpointConfig, userProfile, userProfileImportedDomain, space, buildPipeline, notebookLifecycleConfig, studioLifecycleConfig];
