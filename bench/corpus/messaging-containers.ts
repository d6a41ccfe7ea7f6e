/*
 * The services ML platforms connect and run things with: SQS, SNS and EventBridge resource policies
 * and SNS subscriptions, EKS clusters (the aws-eks L2's custom resource, the aws-eks-v2 L2 and
 * CfnCluster), ECS task definitions and Step Functions state machines.
 */
import { Aws, CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit, ORG_ID, override } from './kit';

const EVERYONE = '*';

/**
 * The override a user writes to open a narrowed statement to everyone: principal `*` (when
 * `principalPath` is given) and the narrowing condition removed.
 */
function openByOverride(policy: Construct, statementPath: string, principalPath?: string): void {
  if (principalPath !== undefined) {
    override(policy, `${statementPath}.${principalPath}`, EVERYONE);
  }
  (policy.node.defaultChild as CfnResource).addPropertyDeletionOverride(`${statementPath}.Condition`);
}

/** A policy document with one statement allowing `principal`, for the L1 cases. */
function document(principal: unknown, actions: string[], condition?: object): object {
  return { Version: '2012-10-17', Statement: [{ Sid: 'Grant', Effect: 'Allow', Principal: principal, Action: actions, Resource: '*', ...(condition ? { Condition: condition } : {}) }] };
}

const thisAccount = () => ({ StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } });

// ---------------------------------------------------------------------------------------------
// SQS and SNS resource policies, SNS subscriptions

const sqsQueuePolicy = defineCase({
  name: 'SqsQueuePolicy',
  kind: 'AWS::SQS::QueuePolicy',
  breaks: ['AnyPrincipal', 'AnyPrincipalOverride'],
  build(scope, broken, kit) {
    const queue = new sqs.Queue(scope, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: kit.key, enforceSSL: true });
    // A topic of this account delivers to the queue (what SqsSubscription writes), or anyone may.
    const topicArn = `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:model-events`;
    queue.addToResourcePolicy(new iam.PolicyStatement({
      principals: [broken === 'AnyPrincipal' ? new iam.AnyPrincipal() : new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: broken === 'AnyPrincipal' ? undefined : { ArnEquals: { 'aws:SourceArn': topicArn } },
    }));
    if (broken === 'AnyPrincipalOverride') {
      openByOverride(queue.node.findChild('Policy'), 'PolicyDocument.Statement.1', 'Principal');
    }
  },
});

const sqsQueuePolicyL1 = defineCase({
  name: 'SqsQueuePolicyL1',
  kind: 'AWS::SQS::QueuePolicy',
  breaks: ['AnyPrincipal'],
  build(scope, broken, kit) {
    const queue = new sqs.CfnQueue(scope, 'Queue', { kmsMasterKeyId: kit.key.keyArn });
    new sqs.CfnQueuePolicy(scope, 'QueuePolicy', {
      queues: [queue.ref],
      policyDocument: document({ AWS: EVERYONE }, ['sqs:SendMessage'], broken === 'AnyPrincipal' ? undefined : { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } }),
    });
  },
});

const snsTopicPolicy = defineCase({
  name: 'SnsTopicPolicy',
  kind: 'AWS::SNS::TopicPolicy',
  breaks: ['AnyPrincipal', 'AnyPrincipalOverride'],
  build(scope, broken, kit) {
    const topic = new sns.Topic(scope, 'Topic', { masterKey: kit.key, enforceSSL: true });
    // CloudWatch alarms of this account publish to the topic, or anyone may.
    topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [broken === 'AnyPrincipal' ? new iam.AnyPrincipal() : new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: broken === 'AnyPrincipal' ? undefined : thisAccount(),
    }));
    if (broken === 'AnyPrincipalOverride') {
      openByOverride(topic.node.findChild('Policy'), 'PolicyDocument.Statement.1', 'Principal');
    }
  },
});

const snsTopicPolicyL1 = defineCase({
  name: 'SnsTopicPolicyL1',
  kind: 'AWS::SNS::TopicPolicy',
  breaks: ['AnyPrincipal'],
  build(scope, broken, kit) {
    const topic = new sns.CfnTopic(scope, 'Topic', { kmsMasterKeyId: kit.key.keyArn });
    new sns.CfnTopicPolicy(scope, 'TopicPolicy', {
      topics: [topic.ref],
      policyDocument: document(EVERYONE, ['sns:Publish'], broken === 'AnyPrincipal' ? undefined : thisAccount()),
    });
  },
});

const snsSubscription = defineCase({
  name: 'SnsSubscription',
  kind: 'AWS::SNS::Subscription',
  breaks: ['Http', 'HttpOverride'],
  build(scope, broken, kit) {
    const topic = new sns.Topic(scope, 'Topic', { masterKey: kit.key, enforceSSL: true });
    const scheme = broken === 'Http' ? 'http' : 'https';
    const subscription = topic.addSubscription(new subscriptions.UrlSubscription(`${scheme}://hooks.example.com/model-alerts`));
    if (broken === 'HttpOverride') {
      override(subscription, 'Protocol', 'http');
    }
  },
});

const snsSubscriptionL1 = defineCase({
  name: 'SnsSubscriptionL1',
  kind: 'AWS::SNS::Subscription',
  breaks: ['Http'],
  build(scope, broken, kit) {
    const topic = new sns.CfnTopic(scope, 'Topic', { kmsMasterKeyId: kit.key.keyArn });
    const protocol = broken === 'Http' ? 'http' : 'https';
    new sns.CfnSubscription(scope, 'Subscription', { topicArn: topic.ref, protocol, endpoint: `${protocol}://hooks.example.com/model-alerts` });
  },
});

// ---------------------------------------------------------------------------------------------
// EventBridge

const eventBusPolicy = defineCase({
  name: 'EventBusPolicy',
  kind: 'AWS::Events::EventBusPolicy',
  breaks: ['AnyPrincipal', 'AnyPrincipalOverride', 'BusPolicyOverride'],
  build(scope, broken) {
    const bus = new events.EventBus(scope, 'Bus');
    // The accounts of the organization put pipeline events on the bus, or every account may.
    bus.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OrganizationPutEvents',
      principals: [broken === 'AnyPrincipal' ? new iam.AnyPrincipal() : new iam.OrganizationPrincipal(ORG_ID)],
      actions: ['events:PutEvents'],
      resources: [bus.eventBusArn],
    }));
    if (broken === 'AnyPrincipalOverride') {
      // OrganizationPrincipal is `*` narrowed by aws:PrincipalOrgID: without the condition, everyone.
      openByOverride(bus.node.findChild('cdk-OrganizationPutEvents'), 'Statement');
    }
    if (broken === 'BusPolicyOverride') {
      override(bus, 'Policy', document(EVERYONE, ['events:PutEvents']));
    }
  },
});

/** The bus's own `Policy`, and a policy in the deprecated `Principal`/`Condition` form. */
const eventBusL1 = defineCase({
  name: 'EventBusL1',
  kind: 'AWS::Events::EventBus',
  breaks: ['AnyPrincipal', 'LegacyAnyPrincipal'],
  build(scope, broken) {
    const organization = { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } };
    const bus = new events.CfnEventBus(scope, 'Bus', {
      name: 'corpus-pipeline-events',
      policy: document(EVERYONE, ['events:PutEvents'], broken === 'AnyPrincipal' ? undefined : organization),
    });
    new events.CfnEventBusPolicy(scope, 'LegacyPolicy', {
      eventBusName: bus.ref,
      statementId: 'OrganizationPutEvents',
      action: 'events:PutEvents',
      principal: EVERYONE,
      condition: broken === 'LegacyAnyPrincipal' ? undefined : { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: ORG_ID },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// EKS

/** The control-plane logs the pack requires. */
const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator'] as const;

/**
 * What the aws-eks L2 deploys to create the cluster and that it gives no option to harden: the
 * provider framework of its custom resource (nested stacks at stack level) and the role the
 * provider's functions assume. A careful user acknowledges these, with the reason, as here.
 */
function acknowledgeProviderPlumbing(cluster: eks.Cluster): void {
  const providers = Stack.of(cluster).node.children.filter((c) => c.node.id.startsWith('@aws-cdk--aws-eks.'));
  for (const provider of providers) {
    Validations.of(provider).acknowledge(
      { id: 'Soc2Ml::LogGroupKmsEncryption', reason: 'Log groups of the aws-eks provider functions (cluster create/update handlers): the L2 exposes no key for them.' },
      { id: 'Soc2Ml::StepFunctionsLogging', reason: 'Waiter state machine of the aws-eks provider framework: its executions are CloudFormation deployment steps, recorded by CloudFormation and CloudTrail; the L2 exposes no logging option.' },
    );
  }
  Validations.of(cluster.node.findChild('Resource').node.findChild('CreationRole')).acknowledge({
    id: 'Soc2Ml::IamHumanTrustRequiresMfa',
    reason: 'Trusted only by the aws-eks provider functions\' roles (passed from its nested stack, so synth cannot classify them).',
  });
}

/**
 * The aws-eks L2 writes Custom::AWSCDK-EKS-Cluster; its L1 is the custom resource's CfnResource,
 * two levels below the cluster. The kubectl layer packages (@aws-cdk/lambda-layer-kubectl-vXX)
 * are not installed: a layer imported by ARN stands in for one (no asset, no lookup).
 */
const eksCluster = defineCase({
  name: 'EksCluster',
  kind: 'Custom::AWSCDK-EKS-Cluster',
  breaks: ['PublicEndpoint', 'PublicEndpointOverride', 'NoSecretsKey', 'NoSecretsKeyOverride', 'NoLogging', 'PartialLogging', 'LoggingOverride'],
  build(scope, broken, kit) {
    const logged = [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR];
    const cluster = new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_31,
      kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(scope, 'KubectlLayer', `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:layer:kubectl-v31:1`),
      vpc: kit.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      defaultCapacity: 0,
      endpointAccess: broken === 'PublicEndpoint' ? eks.EndpointAccess.PUBLIC_AND_PRIVATE : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: broken === 'NoSecretsKey' ? undefined : kit.key,
      clusterLogging: broken === 'NoLogging' ? undefined : broken === 'PartialLogging' ? [eks.ClusterLoggingTypes.API] : logged,
    });
    acknowledgeProviderPlumbing(cluster);
    const resource = cluster.node.findChild('Resource').node.findChild('Resource');
    if (broken === 'PublicEndpointOverride') {
      override(resource, 'Config.resourcesVpcConfig.endpointPublicAccess', true);
    }
    if (broken === 'NoSecretsKeyOverride') {
      override(resource, 'Config.encryptionConfig', []);
    }
    if (broken === 'LoggingOverride') {
      override(resource, 'Config.logging.clusterLogging.0.types', ['api']);
    }
  },
});

/** The aws-eks-v2 L2, which writes AWS::EKS::Cluster (its default child). */
const eksClusterV2 = defineCase({
  name: 'EksClusterV2',
  kind: 'AWS::EKS::Cluster',
  breaks: ['PublicEndpoint', 'PublicEndpointOverride', 'NoSecretsKey', 'NoLogging', 'LoggingOverride'],
  build(scope, broken, kit) {
    const cluster = new eksv2.Cluster(scope, 'Cluster', {
      version: eksv2.KubernetesVersion.V1_31,
      vpc: kit.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      endpointAccess: broken === 'PublicEndpoint' ? eksv2.EndpointAccess.PUBLIC_AND_PRIVATE : eksv2.EndpointAccess.PRIVATE,
      secretsEncryptionKey: broken === 'NoSecretsKey' ? undefined : kit.key,
      clusterLogging: broken === 'NoLogging' ? undefined : [eksv2.ClusterLoggingTypes.API, eksv2.ClusterLoggingTypes.AUDIT, eksv2.ClusterLoggingTypes.AUTHENTICATOR],
    });
    if (broken === 'PublicEndpointOverride') {
      override(cluster, 'ResourcesVpcConfig.EndpointPublicAccess', true);
    }
    if (broken === 'LoggingOverride') {
      override(cluster, 'Logging.ClusterLogging.EnabledTypes', [{ Type: 'api' }]);
    }
  },
});

const eksClusterL1 = defineCase({
  name: 'EksClusterL1',
  kind: 'AWS::EKS::Cluster',
  breaks: ['PublicEndpoint', 'PublicAccessCidrsOpen', 'NoSecretsKey', 'NoLogging'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'ClusterRole', {
      assumedBy: new iam.ServicePrincipal('eks.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSClusterPolicy')],
    });
    const publicAccess = broken === 'PublicEndpoint' || broken === 'PublicAccessCidrsOpen';
    new eks.CfnCluster(scope, 'Cluster', {
      roleArn: role.roleArn,
      version: '1.31',
      resourcesVpcConfig: {
        subnetIds: kit.subnetIds,
        securityGroupIds: [kit.securityGroup.securityGroupId],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccess,
        publicAccessCidrs: broken === 'PublicAccessCidrsOpen' ? ['203.0.113.0/24', '0.0.0.0/0'] : undefined,
      },
      encryptionConfig: broken === 'NoSecretsKey' ? undefined : [{ resources: ['secrets'], provider: { keyArn: kit.key.keyArn } }],
      logging: broken === 'NoLogging' ? undefined : { clusterLogging: { enabledTypes: CONTROL_PLANE_LOGS.map((type) => ({ type })) } },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// ECS

const BATCH_IMAGE = 'public.ecr.aws/docker/library/python:3.12-slim';

const ecsTaskDefinition = defineCase({
  name: 'EcsTaskDefinition',
  kind: 'AWS::ECS::TaskDefinition',
  breaks: ['Privileged', 'PrivilegedOverride', 'NoLogging', 'HostOnlyLoggingOverride', 'SecretInEnvironment', 'SecretInEnvironmentOverride'],
  build(scope, broken, kit) {
    const task = new ecs.Ec2TaskDefinition(scope, 'Task');
    task.addContainer('Inference', {
      image: ecs.ContainerImage.fromRegistry(BATCH_IMAGE),
      memoryLimitMiB: 1024,
      environment: { MODEL_NAME: 'churn', ...(broken === 'SecretInEnvironment' ? { FEATURE_STORE_API_KEY: 'fs-live-7f3c9a2b1d' } : {}) },
      privileged: broken === 'Privileged' ? true : undefined,
      logging: broken === 'NoLogging' ? undefined : ecs.LogDrivers.awsLogs({ streamPrefix: 'inference', logGroup: kit.logGroup('TaskLogs') }),
    });
    if (broken === 'PrivilegedOverride') {
      override(task, 'ContainerDefinitions.0.Privileged', true);
    }
    if (broken === 'HostOnlyLoggingOverride') {
      override(task, 'ContainerDefinitions.0.LogConfiguration', { LogDriver: 'json-file' });
    }
    if (broken === 'SecretInEnvironmentOverride') {
      override(task, 'ContainerDefinitions.0.Environment', [{ Name: 'HUB', Value: 'hf_QwErTyUiOpAsDfGhJkLzXcVbNm0123456789' }]);
    }
  },
});

const ecsTaskDefinitionL1 = defineCase({
  name: 'EcsTaskDefinitionL1',
  kind: 'AWS::ECS::TaskDefinition',
  breaks: ['Privileged', 'NoLogging', 'PasswordInEnvironment'],
  build(scope, broken, kit) {
    const logGroup = kit.logGroup('TaskLogs');
    new ecs.CfnTaskDefinition(scope, 'Task', {
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [{
        name: 'inference',
        image: BATCH_IMAGE,
        memory: 1024,
        privileged: broken === 'Privileged',
        environment: [{ name: 'MODEL_NAME', value: 'churn' }, ...(broken === 'PasswordInEnvironment' ? [{ name: 'DB_PASSWORD', value: 'Tr0ub4dor-and-3' }] : [])],
        logConfiguration: broken === 'NoLogging' ? undefined : {
          logDriver: 'awslogs',
          options: { 'awslogs-group': logGroup.logGroupName, 'awslogs-region': Aws.REGION, 'awslogs-stream-prefix': 'inference' },
        },
      }],
    });
  },
});

/** A Fargate inference service in the kit's isolated subnets, its tasks without public addresses. */
const ecsService = defineCase({
  name: 'EcsFargateService',
  kind: 'AWS::ECS::Service',
  breaks: ['AssignPublicIp', 'AssignPublicIpOverride'],
  // The cluster left at the account's Container Insights default: EcsClusterContainerInsights warns.
  warnings: ['NoContainerInsights'],
  build(scope, broken, kit) {
    const cluster = new ecs.Cluster(scope, 'Cluster', {
      vpc: kit.vpc, containerInsightsV2: broken === 'NoContainerInsights' ? undefined : ecs.ContainerInsights.ENABLED,
    });
    const task = new ecs.FargateTaskDefinition(scope, 'Task', { cpu: 512, memoryLimitMiB: 1024 });
    task.addContainer('Inference', {
      image: ecs.ContainerImage.fromRegistry(BATCH_IMAGE),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'inference', logGroup: kit.logGroup('ServiceLogs') }),
    });
    const service = new ecs.FargateService(scope, 'Service', {
      cluster, taskDefinition: task, desiredCount: 2,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      assignPublicIp: broken === 'AssignPublicIp',
    });
    if (broken === 'AssignPublicIpOverride') {
      override(service, 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'ENABLED');
    }
  },
});

/** GuardDuty findings routed to an encrypted alert topic; the warnings turn the rule off or drop its target. */
const findingsRule = defineCase({
  name: 'EventsFindingsRule',
  kind: 'AWS::Events::Rule',
  warnings: ['RuleDisabled', 'NoTarget'],
  build(scope, broken, kit) {
    const topic = new sns.Topic(scope, 'Alerts', { masterKey: kit.key, enforceSSL: true });
    const rule = new events.Rule(scope, 'Findings', {
      eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'] },
      enabled: broken !== 'RuleDisabled',
    });
    if (broken !== 'NoTarget') {
      rule.addTarget(new targets.SnsTopic(topic));
    }
  },
});

/** An alarm on a training job's failures that pages the on-call topic. */
const failureAlarm = defineCase({
  name: 'CloudWatchAlarm',
  kind: 'AWS::CloudWatch::Alarm',
  warnings: ['ActionsDisabled', 'NoAlarmAction'],
  build(scope, broken, kit) {
    const topic = new sns.Topic(scope, 'OnCall', { masterKey: kit.key, enforceSSL: true });
    const alarm = new cloudwatch.Alarm(scope, 'TrainingFailures', {
      metric: new cloudwatch.Metric({ namespace: 'MlPlatform', metricName: 'TrainingJobsFailed', period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      actionsEnabled: broken !== 'ActionsDisabled',
    });
    if (broken !== 'NoAlarmAction') {
      alarm.addAlarmAction(new cwActions.SnsAction(topic));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Step Functions

/** A state machine logging at `level` to its own hardened log group, or not logging at all. */
function pipeline(scope: Construct, id: string, kit: Kit, type: sfn.StateMachineType, level: sfn.LogLevel | undefined): sfn.StateMachine {
  return new sfn.StateMachine(scope, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, `${id}Start`)),
    stateMachineType: type,
    logs: level === undefined ? undefined : { destination: kit.logGroup(`${id}Logs`), level, includeExecutionData: false },
  });
}

/** A STANDARD training pipeline and an EXPRESS feature pipeline, both logged. */
const stateMachine = defineCase({
  name: 'StepFunctionsStateMachine',
  kind: 'AWS::StepFunctions::StateMachine',
  breaks: ['NoLogs', 'NoLogsExpress', 'LevelOff', 'LevelOffOverride'],
  build(scope, broken, kit) {
    const standardLevel = broken === 'NoLogs' ? undefined : broken === 'LevelOff' ? sfn.LogLevel.OFF : sfn.LogLevel.ALL;
    const standard = pipeline(scope, 'Training', kit, sfn.StateMachineType.STANDARD, standardLevel);
    pipeline(scope, 'Features', kit, sfn.StateMachineType.EXPRESS, broken === 'NoLogsExpress' ? undefined : sfn.LogLevel.ALL);
    if (broken === 'LevelOffOverride') {
      override(standard, 'LoggingConfiguration.Level', 'OFF');
    }
  },
});

const stateMachineL1 = defineCase({
  name: 'StepFunctionsStateMachineL1',
  kind: 'AWS::StepFunctions::StateMachine',
  breaks: ['NoLogging', 'LevelOff'],
  build(scope, broken, kit) {
    const logGroup = kit.logGroup('Logs');
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    // What the state machine needs to deliver its logs (the actions are not resource-scoped).
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      resources: ['*'],
    }));
    const machine = new sfn.CfnStateMachine(scope, 'StateMachine', {
      roleArn: role.roleArn,
      stateMachineType: 'STANDARD',
      definitionString: JSON.stringify({ StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } }),
      loggingConfiguration: broken === 'NoLogging' ? undefined : {
        level: broken === 'LevelOff' ? 'OFF' : 'ALL',
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.logGroupArn } }],
      },
    });
    machine.node.addDependency(role);
  },
});

export const CASES: readonly CorpusCase[] = [
  sqsQueuePolicy, sqsQueuePolicyL1, snsTopicPolicy, snsTopicPolicyL1, snsSubscription, snsSubscriptionL1,
  eventBusPolicy, eventBusL1, findingsRule, failureAlarm,
  eksCluster, eksClusterV2, eksClusterL1,
  ecsTaskDefinition, ecsTaskDefinitionL1, ecsService,
  stateMachine, stateMachineL1,
];
