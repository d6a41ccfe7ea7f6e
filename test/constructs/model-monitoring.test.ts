import { App, CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  GuardedEndpoint, ModelMonitoring, ModelMonitoringProps, ModelProblemType, MonitorKind, MonitoringFrequency, MonitoringImage,
  SageMakerInstanceType, SecurityAlertTopic,
} from '../../index';
import { logicalId, mlScope } from '../helpers/ml-scope';
import { runPackOnStack } from '../pack/helpers';

const at = (objectKey: string) => ({ bucketName: 'artifacts', objectKey });
const DATA_QUALITY = { statistics: at('baseline/statistics.json'), constraints: at('baseline/constraints.json') };

/** An endpoint and what monitoring needs, in a stack. */
function setup(stack: Stack): Omit<ModelMonitoringProps, 'dataQuality'> {
  const scope = mlScope(stack);
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const endpoint = new GuardedEndpoint(stack, 'Endpoint', {
    environmentName: 'prod', name: 'churn', production: true,
    // A version of the stack's own registry where the stack is pinned (GuardedEndpoint refuses another's).
    variants: [{ name: 'primary', modelPackageArn: `arn:aws:sagemaker:${Token.isUnresolved(stack.region) ? 'eu-west-1' : stack.region}:${Token.isUnresolved(stack.account) ? '111111111111' : stack.account}:model-package/prod-churn/3` }],
    role: new iam.Role(stack, 'Inference', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') }),
    subnets: scope.subnets, securityGroup: scope.securityGroup, encryptionKey: scope.modelsKey, alerts,
    captureBucket: scope.featureStoreBucket!, captureKey: scope.dataKey,
  });
  return {
    endpoint,
    role: new iam.Role(stack, 'MonitoringRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') }),
    subnets: scope.subnets,
    securityGroup: scope.securityGroup,
    volumeKey: scope.dataKey,
    outputBucket: scope.modelArtifactsBucket,
    outputKey: scope.modelsKey,
    alerts,
  };
}

function monitoring(extra: Partial<ModelMonitoringProps> = {}, stackProps = {}): { stack: Stack; monitoring: ModelMonitoring } {
  const stack = new Stack(new App(), 'S', stackProps);
  return { stack, monitoring: new ModelMonitoring(stack, 'Monitoring', { ...setup(stack), dataQuality: DATA_QUALITY, ...extra }) };
}

const JOB_TYPES = ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'];

describe('ModelMonitoring', () => {
  const stack = new Stack(new App(), 'S');
  const props = setup(stack);
  const m = new ModelMonitoring(stack, 'Monitoring', {
    ...props,
    dataQuality: DATA_QUALITY,
    modelQuality: { problemType: ModelProblemType.BINARY_CLASSIFICATION, groundTruth: at('ground-truth/churn'), constraints: at('mq/constraints.json'), inferenceAttribute: '0', probabilityThreshold: 0.5 },
    modelBias: { analysisConfig: at('bias/analysis_config.json'), groundTruth: at('ground-truth/churn'), constraints: at('bias/analysis.json') },
    modelExplainability: { analysisConfig: at('explain/analysis_config.json'), constraints: at('explain/analysis.json'), image: MonitoringImage.fromUri('111111111111.dkr.ecr.eu-west-1.amazonaws.com/my-clarify:2') },
  });
  const template = Template.fromStack(stack);
  const topic = { Ref: logicalId(stack, (props.alerts as SecurityAlertTopic).topic) };

  test.each(JOB_TYPES)('the %s job encrypts traffic between instances, runs network-isolated in the VPC, and encrypts its volume and reports with customer-managed keys', (type) => {
    const output = `${type}JobOutputConfig`;
    template.hasResourceProperties(`AWS::SageMaker::${type}JobDefinition`, {
      JobDefinitionName: Match.stringLikeRegexp('^prod-churn-[a-z-]+-[0-9a-f]{8}$'),
      RoleArn: { 'Fn::GetAtt': [logicalId(stack, props.role as iam.Role), 'Arn'] },
      NetworkConfig: {
        EnableInterContainerTrafficEncryption: true,
        EnableNetworkIsolation: true,
        VpcConfig: { Subnets: props.subnets.map((s) => stack.resolve(s.subnetId)), SecurityGroupIds: [stack.resolve(props.securityGroup.securityGroupId)] },
      },
      JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: { 'Fn::GetAtt': [logicalId(stack, props.volumeKey), 'Arn'] } } },
      [output]: Match.objectLike({ KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, props.outputKey), 'Arn'] } }),
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    });
  });

  // The jobs and schedules refer to the endpoint, so they depend on it and an inventory sees them.
  const endpointName = { 'Fn::GetAtt': [logicalId(stack, props.endpoint as GuardedEndpoint), 'EndpointName'] };

  test('data quality reads the endpoint\'s captured data against the baseline\'s statistics and constraints', () => {
    template.hasResourceProperties('AWS::SageMaker::DataQualityJobDefinition', {
      DataQualityJobInput: { EndpointInput: { EndpointName: endpointName, LocalPath: '/opt/ml/processing/input/endpoint', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' } },
      DataQualityBaselineConfig: { StatisticsResource: { S3Uri: 's3://artifacts/baseline/statistics.json' }, ConstraintsResource: { S3Uri: 's3://artifacts/baseline/constraints.json' } },
      DataQualityAppSpecification: { Environment: { publish_cloudwatch_metrics: 'Enabled' }, ImageUri: Match.anyValue() },
    });
  });

  test('model quality compares predictions with ground truth; bias and explainability run Clarify with their analysis configurations', () => {
    template.hasResourceProperties('AWS::SageMaker::ModelQualityJobDefinition', {
      ModelQualityAppSpecification: Match.objectLike({ ProblemType: 'BinaryClassification' }),
      ModelQualityJobInput: { EndpointInput: Match.objectLike({ InferenceAttribute: '0', ProbabilityThresholdAttribute: 0.5 }), GroundTruthS3Input: { S3Uri: 's3://artifacts/ground-truth/churn' } },
    });
    template.hasResourceProperties('AWS::SageMaker::ModelBiasJobDefinition', {
      ModelBiasAppSpecification: Match.objectLike({ ConfigUri: 's3://artifacts/bias/analysis_config.json' }),
      ModelBiasBaselineConfig: { ConstraintsResource: { S3Uri: 's3://artifacts/bias/analysis.json' } },
    });
    template.hasResourceProperties('AWS::SageMaker::ModelExplainabilityJobDefinition', {
      ModelExplainabilityAppSpecification: Match.objectLike({ ImageUri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/my-clarify:2' }),
    });
  });

  test('SageMaker\'s own images come from the documented per-region map, looked up at deploy time', () => {
    const json = template.toJSON();
    expect(Object.keys(json.Mappings).sort()).toEqual(['Soc2MlClarifyImageRegistries', 'Soc2MlModelMonitorImageRegistries']);
    expect(json.Mappings.Soc2MlModelMonitorImageRegistries['eu-west-1']).toEqual({ account: '468650794304' });
    const dq = Object.values(template.findResources('AWS::SageMaker::DataQualityJobDefinition'))[0];
    expect(dq.Properties.DataQualityAppSpecification.ImageUri).toEqual({
      'Fn::Join': ['', [{ 'Fn::FindInMap': ['Soc2MlModelMonitorImageRegistries', { Ref: 'AWS::Region' }, 'account'] }, '.dkr.ecr.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/sagemaker-model-monitor-analyzer']],
    });
  });

  test('in a stack of a known region the image is written out; in a region the map lacks, synth says how to name it', () => {
    const pinned = monitoring({}, { env: { account: '222222222222', region: 'eu-west-1' } });
    Template.fromStack(pinned.stack).hasResourceProperties('AWS::SageMaker::DataQualityJobDefinition', {
      DataQualityAppSpecification: Match.objectLike({ ImageUri: '468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer' }),
    });
    expect(() => monitoring({}, { env: { account: '222222222222', region: 'mx-central-1' } }))
      .toThrow(/No sagemaker-model-monitor-analyzer image is documented for region mx-central-1: pass the image of that region with MonitoringImage.fromUri/);
  });

  test('a schedule per monitor, hourly by default, names the job definition', () => {
    const schedules = Object.values(template.findResources('AWS::SageMaker::MonitoringSchedule')).map((s) => s.Properties);
    expect(schedules.map((s) => [s.MonitoringScheduleName, s.EndpointName, s.MonitoringScheduleConfig.MonitoringType, s.MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression])).toEqual([
      ['prod-churn-data-quality', endpointName, 'DataQuality', 'cron(0 * ? * * *)'],
      ['prod-churn-model-quality', endpointName, 'ModelQuality', 'cron(0 * ? * * *)'],
      ['prod-churn-model-bias', endpointName, 'ModelBias', 'cron(0 * ? * * *)'],
      ['prod-churn-explainability', endpointName, 'ModelExplainability', 'cron(0 * ? * * *)'],
    ]);
    const dq = m.monitors[MonitorKind.DATA_QUALITY]!;
    expect(schedules[0].MonitoringScheduleConfig.MonitoringJobDefinitionName).toBe(dq.jobDefinition.jobDefinitionName);
  });

  test('a run that finds violations goes to the topic, written for a person, and raises a CloudWatch alarm to the topic', () => {
    const dq = m.monitors[MonitorKind.DATA_QUALITY]!;
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.sagemaker'],
        'detail-type': ['SageMaker Processing Job State Change'],
        'detail': { MonitoringScheduleArn: [{ 'Fn::GetAtt': [stack.resolve(dq.schedule.logicalId), 'MonitoringScheduleArn'] }], ProcessingJobStatus: ['Completed'], ExitMessage: [{ prefix: 'CompletedWithViolations' }] },
      },
      Targets: [Match.objectLike({ Arn: topic })],
    });
    const target = template.toJSON().Resources[stack.resolve((dq.violationRule.node.defaultChild as CfnResource).logicalId)].Properties.Targets[0];
    expect(JSON.stringify(target.InputTransformer.InputTemplate)).toContain('Model monitoring of SageMaker endpoint prod-churn found data drift (captured requests break the baseline\'s constraints): <detail-ExitMessage>');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Events', MetricName: 'TriggeredRules', Dimensions: [{ Name: 'RuleName', Value: { Ref: logicalId(stack, dq.violationRule) } }],
      Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [topic],
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5 + 4);
  });

  test('the monitoring role may read the endpoint\'s captured data, and decrypt it', () => {
    const capture = props.endpoint.captureBucket;
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, props.role as iam.Role) }],
      PolicyDocument: { Statement: [
        Match.objectLike({ Sid: 'ReadCapturedData', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [stack.resolve(capture.bucketArn), '/data-capture/*']] } }),
        Match.objectLike({ Sid: 'ListCapturedData', Condition: { StringLike: { 's3:prefix': ['data-capture/*'] } } }),
        Match.objectLike({ Sid: 'DecryptCapturedData', Action: 'kms:Decrypt' }),
      ] },
    });
  });

  test('monitoring frequencies SageMaker accepts', () => {
    expect([MonitoringFrequency.HOURLY, MonitoringFrequency.DAILY, MonitoringFrequency.daily(3), MonitoringFrequency.everyHours(6), MonitoringFrequency.everyHours(1)].map((f) => [f.expression, f.intervalSeconds]))
      .toEqual([['cron(0 * ? * * *)', 3600], ['cron(0 0 ? * * *)', 86400], ['cron(0 3 ? * * *)', 86400], ['cron(0 0/6 ? * * *)', 21600], ['cron(0 * ? * * *)', 3600]]);
    const daily = monitoring({ schedule: MonitoringFrequency.daily(3), maxRuntime: Duration.minutes(30) });
    Template.fromStack(daily.stack).hasResourceProperties('AWS::SageMaker::MonitoringSchedule', { MonitoringScheduleConfig: Match.objectLike({ ScheduleConfig: { ScheduleExpression: 'cron(0 3 ? * * *)' } }) });
  });

  describe('refuses bad input, naming the prop, the value and the fix', () => {
    test('a schedule more frequent than SageMaker allows', () => {
      expect(() => MonitoringFrequency.cron('cron(*/30 * ? * * *)')).toThrow(/runs at minute "\*\/30", more often than SageMaker allows: monitoring runs at most hourly, on the hour/);
      expect(() => MonitoringFrequency.cron('cron(15 * ? * * *)')).toThrow(/more often than SageMaker allows/);
      expect(() => MonitoringFrequency.cron('rate(5 minutes)')).toThrow(/is not a cron expression SageMaker runs monitoring on/);
      expect(() => MonitoringFrequency.cron('cron(0 * ? * MON *)')).toThrow(/restricts days, months or years/);
      expect(() => MonitoringFrequency.everyHours(30)).toThrow(/hour field "0\/30"/);
    });

    test('an instance type with local storage, on which SageMaker refuses a volume key', () => {
      expect(() => monitoring({ instanceType: SageMakerInstanceType.of('ml.m5d.xlarge') })).toThrow(/instanceType is ml.m5d.xlarge, which has local NVMe storage/);
    });

    test('a run longer than the schedule allows', () => {
      expect(() => monitoring({ maxRuntime: Duration.hours(2) })).toThrow(/maxRuntime is 7200 seconds: .* pass from Duration.minutes\(1\) to 60 minutes/);
    });

    test('no data-quality monitor', () => {
      const stack = new Stack(new App(), 'S');
      expect(() => new ModelMonitoring(stack, 'M', { ...setup(stack) } as ModelMonitoringProps)).toThrow(/dataQuality is undefined: .* every watched endpoint is monitored for drift/);
    });

    test('an image URI that is not one', () => {
      expect(() => MonitoringImage.fromUri('sagemaker-model-monitor-analyzer')).toThrow(/pass an ECR image URI/);
    });
  });
});

describe('ModelMonitoring under the pack', () => {
  test('every job definition passes the five monitoring rules; the schedules name their definitions', () => {
    const run = runPackOnStack((stack) => {
      new ModelMonitoring(stack, 'Monitoring', {
        ...setup(stack),
        dataQuality: DATA_QUALITY,
        modelQuality: { problemType: ModelProblemType.REGRESSION, groundTruth: at('gt'), constraints: at('mq/constraints.json') },
        modelBias: { analysisConfig: at('bias.json'), groundTruth: at('gt'), constraints: at('bias/analysis.json') },
        modelExplainability: { analysisConfig: at('explain.json'), constraints: at('explain/analysis.json') },
      });
    });
    const rules = ['SageMakerMonitoringInterContainerEncryption', 'SageMakerMonitoringNetworkIsolation', 'SageMakerMonitoringVpc', 'SageMakerMonitoringOutputKms', 'SageMakerMonitoringVolumeKms'];
    for (const kind of JOB_TYPES) {
      for (const rule of rules) {
        expect({ kind, rule, verdict: run.verdict(`Test/Monitoring/${kind}/JobDefinition`, rule) }).toEqual({ kind, rule, verdict: 'passed' });
        expect({ kind, rule, verdict: run.verdict(`Test/Monitoring/${kind}/Schedule`, rule) }).toEqual({ kind, rule, verdict: 'not-applicable' });
      }
    }
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Monitoring/')))).toEqual([]);
  });
});
