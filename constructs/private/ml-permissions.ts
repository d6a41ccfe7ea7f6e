import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MlAccessScope } from '../ml-access-scope';
import { validateEnvironmentName } from '../../core/names';
import { Soc2MlError } from '../../core/errors';

/*
 * Statement builders shared by the platform's roles, written without action wildcards so every
 * permission is named, and with the environment's resources named by ARN wherever IAM allows.
 */

/** The ARNs an environment's policies name. */
export interface ScopeArns {
  readonly scope: MlAccessScope;
  /** Every SageMaker resource of the environment: `arn:…:sagemaker:<region>:<account>:*\/<env>-*`. */
  readonly sagemaker: string;
  /** SageMaker's log groups and streams: `arn:…:logs:<region>:<account>:log-group:/aws/sagemaker/*`. */
  readonly sagemakerLogs: string;
  /** Every log group of the account and region (auditors read all logs). */
  readonly allLogs: string;
  readonly subnetArns: string[];
  readonly securityGroupArn: string;
  /** Network interfaces of the account and region (SageMaker creates them for VPC workloads). */
  readonly networkInterfaces: string;
}

/** The ARNs of a network's subnets and security group, and of the network interfaces SageMaker creates in it. */
export function networkArns(construct: Construct, subnets: ec2.ISubnet[], securityGroup: ec2.ISecurityGroup): Pick<ScopeArns, 'subnetArns' | 'securityGroupArn' | 'networkInterfaces'> {
  const stack = Stack.of(construct);
  const ec2Arn = (resource: string, name: string) => stack.formatArn({ service: 'ec2', resource, resourceName: name });
  return {
    subnetArns: subnets.map((s) => ec2Arn('subnet', s.subnetId)),
    securityGroupArn: ec2Arn('security-group', securityGroup.securityGroupId),
    networkInterfaces: ec2Arn('network-interface', '*'),
  };
}

/** The ARN pattern of SageMaker's log groups and streams. */
export function sagemakerLogsArn(construct: Construct): string {
  return Stack.of(construct).formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/sagemaker/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

export function scopeArns(construct: Construct, scope: MlAccessScope): ScopeArns {
  validateEnvironmentName(scope.environmentName, 'environmentName');
  for (const prop of ['trainingDataBucket', 'modelArtifactsBucket', 'dataKey', 'modelsKey', 'securityGroup'] as const) {
    if (!scope[prop]) {
      throw new Soc2MlError(`${prop} is undefined: the environment's roles are scoped to it; pass it.`);
    }
  }
  if (!Array.isArray(scope.subnets) || scope.subnets.length === 0) {
    throw new Soc2MlError('subnets is empty: pass the subnets SageMaker workloads run in (for example network.workloadSubnets.subnets).');
  }
  const stack = Stack.of(construct);
  return {
    scope,
    sagemaker: stack.formatArn({ service: 'sagemaker', resource: '*', resourceName: `${scope.environmentName}-*` }),
    sagemakerLogs: sagemakerLogsArn(construct),
    allLogs: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    ...networkArns(construct, scope.subnets, scope.securityGroup),
  };
}

const sm = (...actions: string[]) => actions.map((a) => `sagemaker:${a}`);

/** SageMaker List actions: they take no resource ARN (or a pattern only), so they are granted on `*`. */
export const SAGEMAKER_LIST_ACTIONS = sm(
  'ListTrainingJobs', 'ListProcessingJobs', 'ListHyperParameterTuningJobs', 'ListTransformJobs', 'ListModels',
  'ListEndpointConfigs', 'ListEndpoints', 'ListModelPackageGroups', 'ListModelPackages', 'ListFeatureGroups',
  'ListPipelines', 'ListExperiments', 'ListTrials', 'ListTrialComponents', 'ListMonitoringSchedules',
  'ListDataQualityJobDefinitions', 'ListModelQualityJobDefinitions', 'ListModelBiasJobDefinitions',
  'ListModelExplainabilityJobDefinitions', 'ListNotebookInstances', 'ListDomains', 'ListUserProfiles', 'ListApps',
  'ListSpaces', 'ListTags', 'Search', 'GetSearchSuggestions',
);

/** SageMaker Describe actions, granted on the environment's resources. */
export const SAGEMAKER_DESCRIBE_ACTIONS = sm(
  'DescribeTrainingJob', 'DescribeProcessingJob', 'DescribeHyperParameterTuningJob', 'DescribeTransformJob',
  'ListTrainingJobsForHyperParameterTuningJob', 'DescribeModel', 'DescribeEndpointConfig', 'DescribeEndpoint',
  'DescribeModelPackageGroup', 'DescribeModelPackage', 'BatchDescribeModelPackage', 'GetModelPackageGroupPolicy',
  'DescribeFeatureGroup', 'DescribeFeatureMetadata', 'DescribePipeline', 'DescribePipelineExecution',
  'DescribePipelineDefinitionForExecution', 'ListPipelineExecutions', 'ListPipelineExecutionSteps',
  'DescribeExperiment', 'DescribeTrial', 'DescribeTrialComponent', 'DescribeMonitoringSchedule',
  'DescribeDataQualityJobDefinition', 'DescribeModelQualityJobDefinition', 'DescribeModelBiasJobDefinition',
  'DescribeModelExplainabilityJobDefinition', 'DescribeNotebookInstance',
);

/** Creating and running training, processing, tuning and batch transform jobs. */
export const SAGEMAKER_JOB_ACTIONS = sm(
  'CreateTrainingJob', 'StopTrainingJob', 'CreateProcessingJob', 'StopProcessingJob',
  'CreateHyperParameterTuningJob', 'StopHyperParameterTuningJob', 'CreateTransformJob', 'StopTransformJob', 'AddTags',
);

/** Experiments and their runs. */
export const SAGEMAKER_EXPERIMENT_ACTIONS = sm(
  'CreateExperiment', 'UpdateExperiment', 'CreateTrial', 'UpdateTrial', 'CreateTrialComponent', 'UpdateTrialComponent',
  'AssociateTrialComponent', 'DisassociateTrialComponent', 'BatchPutMetrics',
);

/** Notebook instances (guarded: in the VPC, root access and direct internet access off). */
export const SAGEMAKER_NOTEBOOK_ACTIONS = sm(
  'CreateNotebookInstance', 'StartNotebookInstance', 'StopNotebookInstance', 'UpdateNotebookInstance',
  'DeleteNotebookInstance', 'CreatePresignedNotebookInstanceUrl',
);

/** Models (the deployable unit). */
export const SAGEMAKER_MODEL_ACTIONS = sm('CreateModel', 'DeleteModel');

/** Deploying and invoking endpoints. */
export const SAGEMAKER_DEPLOY_ACTIONS = sm(
  'CreateEndpointConfig', 'DeleteEndpointConfig', 'CreateEndpoint', 'UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities',
  'DeleteEndpoint', 'InvokeEndpoint',
);

/** The actions that put a model into service or change what serves (denied to data scientists in production). */
export const PRODUCTION_DEPLOYMENT_ACTIONS = sm(
  'CreateEndpointConfig', 'DeleteEndpointConfig', 'CreateEndpoint', 'UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities',
  'DeleteEndpoint', 'CreateInferenceComponent', 'UpdateInferenceComponent',
);

/** Model monitoring schedules and job definitions. */
export const SAGEMAKER_MONITORING_ACTIONS = sm(
  'CreateMonitoringSchedule', 'UpdateMonitoringSchedule', 'StartMonitoringSchedule', 'StopMonitoringSchedule',
  'DeleteMonitoringSchedule', 'CreateDataQualityJobDefinition', 'DeleteDataQualityJobDefinition',
  'CreateModelQualityJobDefinition', 'DeleteModelQualityJobDefinition', 'CreateModelBiasJobDefinition',
  'DeleteModelBiasJobDefinition', 'CreateModelExplainabilityJobDefinition', 'DeleteModelExplainabilityJobDefinition',
);

/** SageMaker Pipelines. */
export const SAGEMAKER_PIPELINE_ACTIONS = sm(
  'CreatePipeline', 'UpdatePipeline', 'DeletePipeline', 'StartPipelineExecution', 'StopPipelineExecution',
  'RetryPipelineExecution', 'SendPipelineExecutionStepSuccess', 'SendPipelineExecutionStepFailure',
);

/** Everything that trains, registers, changes or deploys a model: an approver may do none of it. */
export const MODEL_CHANGING_ACTIONS = sm(
  'CreateTrainingJob', 'CreateProcessingJob', 'CreateHyperParameterTuningJob', 'CreateTransformJob', 'CreateAutoMLJob',
  'CreateAutoMLJobV2', 'CreateCompilationJob', 'CreateModel', 'DeleteModel', 'CreateModelPackage', 'DeleteModelPackage',
  'CreateModelPackageGroup', 'DeleteModelPackageGroup', 'PutModelPackageGroupPolicy', 'CreatePipeline', 'UpdatePipeline',
  'StartPipelineExecution', 'CreateEndpointConfig', 'CreateEndpoint', 'UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities',
  'DeleteEndpoint', 'CreateInferenceComponent', 'UpdateInferenceComponent', 'CreateNotebookInstance',
);

export function sagemakerRead(a: ScopeArns): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'ListSageMaker', actions: SAGEMAKER_LIST_ACTIONS, resources: ['*'] }),
    new iam.PolicyStatement({ sid: 'DescribeEnvironmentSageMaker', actions: SAGEMAKER_DESCRIBE_ACTIONS, resources: [a.sagemaker] }),
  ];
}

export function onEnvironment(sid: string, a: ScopeArns, actions: string[], extraResources: string[] = []): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources: [a.sagemaker, ...extraResources] });
}

export function featureRecords(a: ScopeArns, write: boolean): iam.PolicyStatement[] {
  const groups = a.scope.featureGroupArns ?? [];
  if (groups.length === 0) {
    return [];
  }
  return [new iam.PolicyStatement({
    sid: write ? 'ReadWriteFeatureRecords' : 'ReadFeatureRecords',
    actions: sm('GetRecord', 'BatchGetRecord', ...(write ? ['PutRecord', 'DeleteRecord'] : [])),
    resources: groups,
  })];
}

export function bucketRead(sid: string, bucket: s3.IBucket): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: `${sid}Objects`, actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'], resources: [bucket.arnForObjects('*')] }),
    new iam.PolicyStatement({ sid: `${sid}Bucket`, actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }),
  ];
}

export function bucketWrite(sid: string, bucket: s3.IBucket): iam.PolicyStatement {
  // No delete: objects are replaced (versioned) and expire by lifecycle, never removed by a role.
  return new iam.PolicyStatement({ sid, actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], resources: [bucket.arnForObjects('*')] });
}

export function keyUse(sid: string, keys: kms.IKey[], encrypt: boolean): iam.PolicyStatement[] {
  const arns = keys.map((k) => k.keyArn);
  return [
    new iam.PolicyStatement({
      sid,
      actions: ['kms:Decrypt', 'kms:DescribeKey', ...(encrypt ? ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'] : [])],
      resources: arns,
    }),
    // SageMaker encrypts job and notebook volumes through grants it creates for the caller.
    new iam.PolicyStatement({
      sid: `${sid}GrantsForAwsResources`,
      actions: ['kms:CreateGrant'],
      resources: arns,
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }),
  ];
}

export function passRoles(sid: string, roles: iam.IRole[]): iam.PolicyStatement[] {
  if (roles.length === 0) {
    return [];
  }
  return [new iam.PolicyStatement({
    sid,
    actions: ['iam:PassRole'],
    resources: roles.map((r) => r.roleArn),
    conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
  })];
}

export function logsWrite(a: Pick<ScopeArns, 'sagemakerLogs'>): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'WriteSageMakerLogs',
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    resources: [a.sagemakerLogs],
  });
}

export function logsRead(sid: string, logGroups: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid, actions: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:DescribeLogStreams', 'logs:StartQuery', 'logs:GetLogGroupFields'], resources: [logGroups] }),
    new iam.PolicyStatement({ sid: `${sid}Catalogue`, actions: ['logs:DescribeLogGroups', 'logs:GetQueryResults', 'logs:StopQuery'], resources: ['*'] }),
  ];
}

export function metricsWrite(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'PutSageMakerMetrics',
    actions: ['cloudwatch:PutMetricData'],
    resources: ['*'],
    conditions: { StringLike: { 'cloudwatch:namespace': ['/aws/sagemaker/*', 'aws/sagemaker/*'] } },
  });
}

export function metricsRead(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ReadMetrics',
    actions: ['cloudwatch:GetMetricData', 'cloudwatch:GetMetricStatistics', 'cloudwatch:ListMetrics', 'cloudwatch:DescribeAlarms'],
    resources: ['*'],
  });
}

export function ecrAuthorization(): iam.PolicyStatement {
  // Repository access is written in each repository's policy; the token itself has no resource.
  return new iam.PolicyStatement({ sid: 'GetRegistryToken', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] });
}

export function vpcNetworking(a: Pick<ScopeArns, 'subnetArns' | 'securityGroupArn' | 'networkInterfaces'>): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'CreateWorkloadNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterface'],
      resources: [...a.subnetArns, a.securityGroupArn, a.networkInterfaces],
    }),
    new iam.PolicyStatement({
      sid: 'ManageWorkloadNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission'],
      resources: [a.networkInterfaces],
    }),
    new iam.PolicyStatement({
      sid: 'DescribeNetwork',
      actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
      resources: ['*'],
    }),
  ];
}

/** Nobody but the approver (and a reject-only gate) changes a model version's approval status. */
export function denyApprovalChanges(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'SegregationOfDutiesNoApproval',
    effect: iam.Effect.DENY,
    actions: sm('UpdateModelPackage', 'PutModelPackageGroupPolicy', 'DeleteModelPackageGroupPolicy'),
    resources: ['*'],
  });
}
