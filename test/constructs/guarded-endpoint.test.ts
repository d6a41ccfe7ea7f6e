import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  EndpointDeployment, EndpointVariant, GuardedEndpoint, GuardedEndpointProps, KeyPurpose, PlatformKey, SageMakerInstanceType, SecurityAlertTopic,
} from '../../index';
import { logicalId, mlScope } from '../helpers/ml-scope';
import { runPackOnStack } from '../pack/helpers';

const PACKAGE = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/3';

/** What an endpoint needs, in a stack, and the props to give it. */
function setup(stack: Stack): { scope: ReturnType<typeof mlScope>; props: Omit<GuardedEndpointProps, 'variants'> } {
  const scope = mlScope(stack);
  return { scope, props: {
    environmentName: 'prod',
    name: 'churn',
    role: new iam.Role(stack, 'Inference', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') }),
    subnets: scope.subnets,
    securityGroup: scope.securityGroup,
    encryptionKey: scope.modelsKey,
    alerts: new SecurityAlertTopic(stack, 'Alerts'),
    captureBucket: scope.trainingDataBucket,
    captureKey: scope.dataKey,
  } };
}

function endpoint(variants: EndpointVariant[], extra: Partial<GuardedEndpointProps> = {}): { stack: Stack; endpoint: GuardedEndpoint } {
  const stack = new Stack(new App(), 'S');
  return { stack, endpoint: new GuardedEndpoint(stack, 'Endpoint', { ...setup(stack).props, variants, ...extra }) };
}

describe('GuardedEndpoint', () => {
  const stack = new Stack(new App(), 'S');
  const { scope, props } = setup(stack);
  const ep = new GuardedEndpoint(stack, 'Endpoint', { ...props, production: true, variants: [{ name: 'primary', modelPackageArn: PACKAGE }] });
  const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
  ep.grantInvoke(caller);
  const template = Template.fromStack(stack);
  const topic = { Ref: logicalId(stack, (props.alerts as SecurityAlertTopic).topic) };

  test('the model is network-isolated, in the given subnets and security group, run by the given role, from the model package', () => {
    template.hasResourceProperties('AWS::SageMaker::Model', {
      ModelName: Match.stringLikeRegexp('^prod-churn-primary-[0-9a-f]{8}$'),
      EnableNetworkIsolation: true,
      ExecutionRoleArn: { 'Fn::GetAtt': [logicalId(stack, props.role as iam.Role), 'Arn'] },
      VpcConfig: { Subnets: scope.subnets.map((s) => stack.resolve(s.subnetId)), SecurityGroupIds: [{ 'Fn::GetAtt': [logicalId(stack, scope.securityGroup), 'GroupId'] }] },
      PrimaryContainer: { ModelPackageName: PACKAGE },
    });
  });

  test('the configuration encrypts storage and captured data with the given keys, on two instances by default', () => {
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, scope.modelsKey), 'Arn'] },
      ProductionVariants: [{ VariantName: 'primary', InitialInstanceCount: 2, InitialVariantWeight: 1, InstanceType: 'ml.m5.large', ModelName: Match.stringLikeRegexp('^prod-churn-primary-') }],
      DataCaptureConfig: {
        EnableCapture: true, InitialSamplingPercentage: 20,
        DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(stack, scope.trainingDataBucket) }, '/data-capture']] },
        KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, scope.dataKey), 'Arn'] },
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      },
    });
  });

  test('the endpoint <environment>-<name> deploys blue/green, canary by default, and rolls back on its 5XX and latency alarms', () => {
    template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      EndpointName: 'prod-churn',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 600 },
          TerminationWaitInSeconds: 600,
        },
        AutoRollbackConfiguration: { Alarms: ep.rollbackAlarms.map((a) => ({ AlarmName: { Ref: logicalId(stack, a as cloudwatch.Alarm) } })) },
      },
    });
    expect(ep.rollbackAlarms).toHaveLength(2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * errors / invocations' })]), Threshold: 1, AlarmActions: [topic],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ModelLatency', Namespace: 'AWS/SageMaker', ExtendedStatistic: 'p90', Threshold: 1_000_000, AlarmActions: [topic],
      Dimensions: [{ Name: 'EndpointName', Value: 'prod-churn' }, { Name: 'VariantName', Value: 'primary' }],
    });
  });

  test('CPU, memory and disk alarms go to the topic; CPU counts every vCPU of the instance', () => {
    for (const [metric, threshold] of [['CPUUtilization', 160], ['MemoryUtilization', 90], ['DiskUtilization', 80]] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: '/aws/sagemaker/Endpoints', MetricName: metric, Threshold: threshold, AlarmActions: [topic] });
    }
    const big = endpoint([{ name: 'primary', modelPackageArn: PACKAGE, instanceType: SageMakerInstanceType.ML_M5_2XLARGE }]);
    Template.fromStack(big.stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'CPUUtilization', Threshold: 640 });
  });

  test('the variant scales on invocations per instance through the service-linked role, from its instance count', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ServiceNamespace: 'sagemaker', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      ResourceId: { 'Fn::Join': ['', ['endpoint/', { 'Fn::GetAtt': [logicalId(stack, ep), 'EndpointName'] }, '/variant/primary']] },
      MinCapacity: 2, MaxCapacity: 4, RoleARN: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 100, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } },
    });
  });

  test('the role may write captured data under data-capture/ and nothing more of the bucket', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, props.role as iam.Role) }],
      PolicyDocument: { Statement: [
        { Sid: 'WriteCapturedData', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, scope.trainingDataBucket), 'Arn'] }, '/data-capture/*']] } },
        { Sid: 'EncryptCapturedData', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [logicalId(stack, scope.dataKey), 'Arn'] } },
      ] },
    });
  });

  test('grantInvoke allows sagemaker:InvokeEndpoint on this endpoint only', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(logicalId(stack, caller)))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([{
      Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':endpoint/prod-churn']] },
    }]);
  });

  test('invokeStatement is the same permission, for a policy of the caller\'s own', () => {
    expect(stack.resolve(ep.invokeStatement().toStatementJson())).toEqual({
      Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':endpoint/prod-churn']] },
    });
  });

  test('a new model or configuration gets a new name, so CloudFormation can replace it; the same one keeps its name', () => {
    const names = (arn: string) => {
      const t = Template.fromStack(endpoint([{ name: 'primary', modelPackageArn: arn }]).stack);
      return [Object.values(t.findResources('AWS::SageMaker::Model'))[0].Properties.ModelName, Object.values(t.findResources('AWS::SageMaker::EndpointConfig'))[0].Properties.EndpointConfigName];
    };
    const [model3, config3] = names(PACKAGE);
    const [model4, config4] = names(PACKAGE.replace(/3$/, '4'));
    expect(names(PACKAGE)).toEqual([model3, config3]);
    expect(model4).not.toBe(model3);
    expect(config4).not.toBe(config3);
  });

  test('a replaced model and configuration are kept, so the endpoint can be rolled back to them', () => {
    const t = Template.fromStack(endpoint([{ name: 'primary', modelPackageArn: PACKAGE }]).stack);
    for (const type of ['AWS::SageMaker::Model', 'AWS::SageMaker::EndpointConfig']) {
      expect(Object.values(t.findResources(type)).map((r) => [r.DeletionPolicy, r.UpdateReplacePolicy])).toEqual([['Retain', 'Retain']]);
    }
  });

  test('A/B variants are each their own model, weighted, with a linear deployment and more rollback alarms', () => {
    const s = new Stack(new App(), 'AB');
    const p = setup(s).props;
    const kpi = cloudwatch.Alarm.fromAlarmName(s, 'Kpi', 'churn-conversion-drop');
    const ab = new GuardedEndpoint(s, 'Endpoint', {
      ...p,
      deployment: EndpointDeployment.linear({ stepPercent: 25, bakeTime: Duration.minutes(5) }),
      rollbackAlarms: [kpi],
      variants: [
        { name: 'current', modelPackageArn: PACKAGE, weight: 90 },
        { name: 'challenger', image: { repository: ecr.Repository.fromRepositoryName(s, 'Repo', 'soc2ml/prod/serving'), tagOrDigest: '1.4.0', artifact: { bucketName: 'artifacts', objectKey: 'churn/1.4.0/model.tar.gz' } }, weight: 10 },
      ],
    });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::SageMaker::Model', 2);
    t.hasResourceProperties('AWS::SageMaker::Model', { PrimaryContainer: { Image: Match.anyValue(), ModelDataUrl: 's3://artifacts/churn/1.4.0/model.tar.gz' } });
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ VariantName: 'current', InitialVariantWeight: 90 }), Match.objectLike({ VariantName: 'challenger', InitialVariantWeight: 10 })],
    });
    t.hasResourceProperties('AWS::SageMaker::Endpoint', {
      DeploymentConfig: {
        BlueGreenUpdatePolicy: Match.objectLike({ TrafficRoutingConfiguration: { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 }, WaitIntervalInSeconds: 300 } }),
        AutoRollbackConfiguration: { Alarms: Match.arrayWith([{ AlarmName: 'churn-conversion-drop' }]) },
      },
    });
    expect(ab.rollbackAlarms).toHaveLength(5);
    // Two variants, five alarms each, each alarm with the topic once.
    const actions = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmActions);
    expect(actions).toEqual(Array(10).fill([{ Ref: logicalId(s, (p.alerts as SecurityAlertTopic).topic) }]));
    expect(Object.keys(ab.models)).toEqual(['current', 'challenger']);
  });

  test('friction 9: alerts go to any sns.ITopic, an imported one included', () => {
    const s = new Stack(new App(), 'T');
    const topicArn = 'arn:aws:sns:eu-west-1:111111111111:oncall';
    new GuardedEndpoint(s, 'Endpoint', { ...setup(s).props, alerts: sns.Topic.fromTopicArn(s, 'Oncall', topicArn), variants: [{ name: 'primary', modelPackageArn: PACKAGE }] });
    const actions = Object.values(Template.fromStack(s).findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmActions);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify([topicArn])]));
    const s2 = new Stack(new App(), 'U');
    expect(() => new GuardedEndpoint(s2, 'Other', { ...setup(s2).props, alerts: topicArn as unknown as sns.ITopic, variants: [{ name: 'primary', modelPackageArn: PACKAGE }] }))
      .toThrow(/GuardedEndpoint prop alerts is "arn:aws:sns:eu-west-1:111111111111:oncall", not a topic construct: import it: sns\.Topic\.fromTopicArn/);
  });

  test('friction 7: in a stack pinned to an account and region, a model package of another is refused', () => {
    const pinned = (arn: string) => {
      const s = new Stack(new App(), 'P', { env: { account: '444444444444', region: 'eu-west-1' } });
      return new GuardedEndpoint(s, 'Endpoint', { ...setup(s).props, variants: [{ name: 'primary', modelPackageArn: arn }] });
    };
    expect(() => pinned(PACKAGE)).toThrow(/variants\[0\]\.modelPackageArn is .*, a model package of account 111111111111, not 444444444444 where the endpoint is deployed/);
    expect(() => pinned(PACKAGE.replace('111111111111', '444444444444'))).not.toThrow();
  });

  test('without a capture bucket, captured data goes to a new confidential SecureBucket marked as holding personal data, expiring after 90 days unless told otherwise', () => {
    const s = new Stack(new App(), 'C');
    const own = { ...setup(s).props, captureBucket: undefined, captureKey: undefined, variants: [{ name: 'primary', modelPackageArn: PACKAGE }] };
    new GuardedEndpoint(s, 'Endpoint', own);
    new GuardedEndpoint(s, 'Kept30Days', { ...own, name: 'fraud', captureExpiration: Duration.days(30) });
    const template = Template.fromStack(s);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        Tags: Match.arrayWith([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'true' }]),
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90 })] },
      }),
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30 })] } });
  });

  test('instance types with local NVMe storage get no storage key (SageMaker refuses one), and the construct says why', () => {
    const nvme = endpoint([{ name: 'primary', modelPackageArn: PACKAGE, instanceType: SageMakerInstanceType.ML_G5_XLARGE }]);
    Template.fromStack(nvme.stack).hasResourceProperties('AWS::SageMaker::EndpointConfig', { KmsKeyId: Match.absent() });
    const acks = nvme.endpoint.config.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data as Record<string, string>);
    expect(Object.keys(Object.assign({}, ...acks))).toEqual(expect.arrayContaining(['Soc2Ml::SageMakerEndpointConfigKms', 'NIST.800.53.R5::NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured']));
    expect(Object.values(Object.assign({}, ...acks))[0]).toMatch(/ml\.g5\.xlarge have local NVMe instance storage/);
  });

  test('instance types know their local storage and vCPUs', () => {
    expect(['ml.m5.large', 'ml.m5d.large', 'ml.g4dn.xlarge', 'ml.g5.2xlarge', 'ml.c5n.xlarge', 'ml.p4d.24xlarge'].map((n) => SageMakerInstanceType.of(n).hasLocalStorage))
      .toEqual([false, true, true, true, false, true]);
    expect(['ml.t2.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.m5.12xlarge', 'ml.m5.metal'].map((n) => SageMakerInstanceType.of(n).vcpus)).toEqual([2, 2, 4, 48, undefined]);
    expect(() => SageMakerInstanceType.of('m5.large')).toThrow(/"ml.<family>.<size>"/);
  });

  describe('refuses bad input, naming the prop, the value and the fix', () => {
    const one = { name: 'primary', modelPackageArn: PACKAGE };
    test.each([
      ['0 instances', [{ ...one, instanceCount: 0 }], {}, /variants\[0\]\.instanceCount is 0: a variant needs a whole number of instances, at least 1/],
      ['1 instance in production', [one], { production: true, variants: [{ ...one, instanceCount: 1 }] }, /variants\[0\]\.instanceCount is 1 in a production environment: production variants need at least 2 instances/],
      ['duplicate variant names', [one, { ...one, name: 'Primary' }], {}, /variants\[1\]\.name is "Primary", and variants\[0\] has the same name/],
      ['weights that describe no traffic', [{ ...one, weight: 0 }, { ...one, name: 'b', weight: 0 }], {}, /weights are all 0 \(primary: 0, b: 0\), so they describe no traffic/],
      ['a negative weight', [{ ...one, weight: -1 }], {}, /variants\[0\]\.weight is -1: a weight is the variant's relative share of traffic, a number of 0 or more/],
      ['a rollback configuration without alarms', [one], { rollbackAlarms: [] }, /rollbackAlarms is an empty list: a rollback configuration needs alarms/],
      ['both a package and an image', [{ ...one, image: { repository: {} as ecr.IRepository, tagOrDigest: '1', artifact: { bucketName: 'b', objectKey: 'k' } } }], {}, /variants\[0\] gives both modelPackageArn and image: give exactly one/],
      ['no model', [{ name: 'primary' }], {}, /variants\[0\] gives neither modelPackageArn nor image/],
      ['a model package that is not an ARN', [{ ...one, modelPackageArn: 'prod-churn/3' }], {}, /modelPackageArn is "prod-churn\/3": pass the ARN of a model package version/],
      ['no variants', [], {}, /variants is empty/],
      ['a max below the count', [{ ...one, maxInstanceCount: 1 }], {}, /maxInstanceCount is 1, below instanceCount 2/],
      ['an endpoint name SageMaker refuses', [one], { name: 'Churn_Model' }, /name is "Churn_Model": use lowercase letters, digits and single hyphens/],
      ['a capture bucket without its key', [one], { captureKey: undefined }, /captureBucket is given without captureKey/],
      ['an expiration for a bucket it does not own', [one], { captureExpiration: Duration.days(30) }, /captureExpiration is set but captureBucket is given/],
      ['an expiration in hours', [one], { captureBucket: undefined, captureKey: undefined, captureExpiration: Duration.hours(36) }, /captureExpiration is 1 day 12 hours: S3 expires objects after whole days/],
      ['a sampling percentage above 100', [one], { captureSamplingPercentage: 101 }, /captureSamplingPercentage is 101: pass a whole percentage from 1 to 100/],
    ])('%s', (_what, variants, extra, error) => {
      expect(() => endpoint(variants as EndpointVariant[], extra as Partial<GuardedEndpointProps>)).toThrow(error);
    });

    test('more rollback alarms than SageMaker watches', () => {
      const s = new Stack(new App(), 'M');
      const alarms = Array.from({ length: 9 }, (_, i) => cloudwatch.Alarm.fromAlarmName(s, `A${i}`, `a${i}`));
      expect(() => endpoint([{ name: 'primary', modelPackageArn: PACKAGE }], { rollbackAlarms: alarms })).toThrow(/11 in all; SageMaker watches at most 10/);
    });

    test('deployment options out of SageMaker\'s range', () => {
      expect(() => EndpointDeployment.canary({ canaryPercent: 60 })).toThrow(/canaryPercent is 60: SageMaker takes a whole percentage of capacity from 1 to 50/);
      expect(() => EndpointDeployment.linear({ stepPercent: 5 })).toThrow(/stepPercent is 5: .* from 10 to 50/);
      expect(() => EndpointDeployment.canary({ bakeTime: Duration.hours(2) })).toThrow(/bakeTime is 7200 seconds: .* pass at most Duration.hours\(1\)/);
    });
  });
});

describe('GuardedEndpoint under the pack', () => {
  test('passes every endpoint and model rule, with no warning on two instances', () => {
    const run = runPackOnStack((stack) => {
      new GuardedEndpoint(stack, 'Endpoint', { ...setup(stack).props, production: true, variants: [{ name: 'primary', modelPackageArn: PACKAGE }] });
    });
    for (const rule of ['SageMakerEndpointConfigKms', 'SageMakerEndpointConfigCaptureKms', 'SageMakerEndpointConfigMultiInstance']) {
      expect({ rule, verdict: run.verdict('Test/Endpoint/Config', rule) }).toEqual({ rule, verdict: 'passed' });
    }
    for (const rule of ['SageMakerModelNetworkIsolation', 'SageMakerModelInVpc']) {
      expect({ rule, verdict: run.verdict('Test/Endpoint/Primary/Model', rule) }).toEqual({ rule, verdict: 'passed' });
    }
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Endpoint')))).toEqual([]);
  });

  test('an NVMe instance type is acknowledged, with its reason, not failed', () => {
    const run = runPackOnStack((stack) => {
      new GuardedEndpoint(stack, 'Endpoint', { ...setup(stack).props, variants: [{ name: 'primary', modelPackageArn: PACKAGE, instanceType: SageMakerInstanceType.ML_G4DN_XLARGE }] });
    });
    expect(run.violations.map((v) => v.ruleName)).not.toContain('SageMakerEndpointConfigKms');
    expect(run.acknowledged.find((a) => a.ruleName === 'SageMakerEndpointConfigKms')?.reason).toMatch(/hardware module/);
  });
});

describe('GuardedEndpoint log group', () => {
  const variants: EndpointVariant[] = [{ name: 'primary', modelPackageArn: PACKAGE }];

  test('with a logs key, the endpoint\'s /aws/sagemaker/Endpoints/<name> log group is created first, encrypted, kept as asked and retained', () => {
    const stack = new Stack(new App(), 'S');
    const key = new PlatformKey(stack, 'LogsKey', { purpose: KeyPurpose.LOGS }).key;
    const ep = new GuardedEndpoint(stack, 'Endpoint', { ...setup(stack).props, variants, logEncryptionKey: key, logRetention: logs.RetentionDays.TWO_YEARS });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/aws/sagemaker/Endpoints/prod-churn', RetentionInDays: 731, KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, key as Key), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.hasResource('AWS::SageMaker::Endpoint', { DependsOn: Match.arrayWith([logicalId(stack, ep.logGroup!)]) });
  });

  test('kept a year by default; none created without a key; a retention without a key is refused', () => {
    const stack = new Stack(new App(), 'S');
    new GuardedEndpoint(stack, 'Endpoint', { ...setup(stack).props, variants, logEncryptionKey: new PlatformKey(stack, 'LogsKey', { purpose: KeyPurpose.LOGS }).key });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/sagemaker/Endpoints/prod-churn', RetentionInDays: 365 });
    expect(endpoint(variants).endpoint.logGroup).toBeUndefined();
    expect(() => endpoint(variants, { logRetention: logs.RetentionDays.TWO_YEARS })).toThrow(/logRetention is 731 but logEncryptionKey is not given: .*Pass logEncryptionKey/);
  });
});
