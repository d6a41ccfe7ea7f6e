/*
 * The default app with a model, as the README's command gives it: synthesized once with every
 * validation plugin and CloudFormation Validate on, and held to the default app's checks (our
 * pack, cdk-nag's four packs, CloudFormation Validate, acknowledgements listed and placed, AWS
 * Control Tower's controls), then read for the endpoint, its rollback, its alarms and its monitors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EnvironmentStack } from '../../platform/environment-stack';
import { documentationText, listedAcknowledgementId } from '../helpers/app-context';
import { PACKAGE, VARIANTS } from '../fixtures/default-app-variants';
import { logicalIdsOf, pinnedLogicalIds } from '../helpers/logical-ids';
import { CDK_NAG_PACKS, collectAcknowledgements, nonAsciiInTemplates, synthValidated, ValidatedApp, violations } from '../helpers/app-checks';

let v: ValidatedApp;
let prod: EnvironmentStack;
let dev: EnvironmentStack;
let t: Template;
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
const resources = (stack: Stack, type: string) => Object.values(Template.fromStack(stack).findResources(type)) as Resource[];
const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.resolve((c.node.defaultChild as CfnResource).logicalId) as string;

beforeAll(() => {
  // cdk.json's JSON value for prod, a JSON string (as -c passes it) for dev (test/fixtures/default-app-variants.ts).
  v = synthValidated(VARIANTS['with-model']);
  [dev, , prod] = v.built.environments;
  t = Template.fromStack(prod);
});

describe('the default app with a model, under every check the default app applies', () => {
  test('keeps every logical id and type of the snapshot (ids are public API)', () => {
    expect(logicalIdsOf(v.outdir)).toEqual(pinnedLogicalIds('with-model'));
  });

  test('its templates are ASCII text, which the pack reads at half the cost of two-byte text', () => {
    expect(nonAsciiInTemplates(v.outdir)).toEqual([]);
  });

  test('our pack reports no unacknowledged error, and passes every SageMaker resource it judges', () => {
    expect(violations(v.reports, ['Soc2Ml'], 'error')).toEqual([]);
    const verdicts = JSON.parse(fs.readFileSync(path.join(v.outdir, 'soc2ml-verdicts.json'), 'utf-8')).resources as { constructPath: string; type: string; passed: string[]; failed: string[] }[];
    const serving = verdicts.filter((r) => r.constructPath.startsWith('soc2ml-prod/Platform/Serving/'));
    const passed = (type: string) => serving.filter((r) => r.type === type).map((r) => r.passed);
    expect(passed('AWS::SageMaker::Model')).toEqual([
      expect.arrayContaining(['SageMakerModelNetworkIsolation', 'SageMakerModelInVpc']),
      expect.arrayContaining(['SageMakerModelNetworkIsolation', 'SageMakerModelInVpc']),
    ]);
    expect(passed('AWS::SageMaker::EndpointConfig')).toEqual([expect.arrayContaining(['SageMakerEndpointConfigKms', 'SageMakerEndpointConfigCaptureKms', 'SageMakerEndpointConfigMultiInstance'])]);
    const monitoringRules = ['SageMakerMonitoringInterContainerEncryption', 'SageMakerMonitoringNetworkIsolation', 'SageMakerMonitoringVpc', 'SageMakerMonitoringOutputKms', 'SageMakerMonitoringVolumeKms'];
    for (const type of ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability']) {
      expect({ type, passed: passed(`AWS::SageMaker::${type}JobDefinition`) }).toEqual({ type, passed: [expect.arrayContaining(monitoringRules)] });
    }
    expect(serving.flatMap((r) => r.failed ?? [])).toEqual([]);
  });

  test('the single-instance warning is dev\'s only: production variants run on two instances or more', () => {
    const warnings = violations(v.reports, ['Soc2Ml']).filter((w) => w.startsWith('SageMakerEndpointConfigMultiInstance'));
    expect(warnings).toEqual(['SageMakerEndpointConfigMultiInstance on soc2ml-dev/Platform/Serving/Endpoint/Config']);
  });

  test('no cdk-nag pack reports an unacknowledged error', () => {
    expect(violations(v.reports, CDK_NAG_PACKS, 'error')).toEqual([]);
  });

  test('CloudFormation Validate reports nothing, errors or warnings', () => {
    expect(violations(v.reports, ['CloudFormation Validate'])).toEqual([]);
  });

  test('every acknowledgement is listed in the README with its reason; the serving ones sit on the one policy that holds the wildcard', () => {
    const readme = documentationText();
    const acks = collectAcknowledgements(v.app);
    for (const ack of acks) {
      const listedId = listedAcknowledgementId(ack.id, ack.at);
      expect({ id: ack.id, listed: readme.includes(`\`${listedId}\``), reasonListed: readme.includes(ack.reason) }).toEqual({ id: ack.id, listed: true, reasonListed: true });
    }
    // Acknowledgements outside Serving are the default app's (placed and checked by default-app.suite.ts).
    const serving = acks.filter((a) => a.at.includes('/Platform/Serving/'));
    expect(serving.length).toBeGreaterThan(0);
    for (const ack of serving) {
      expect({ at: ack.at, allowed: /^soc2ml-(dev|prod)\/Platform\/Serving\/(Endpoint|Monitoring)\/CapturePolicy$/.test(ack.at) }).toEqual({ at: ack.at, allowed: true });
      expect(ack.id).toMatch(/^AwsSolutions::AwsSolutions-IAM5\[Resource::<PlatformServingCaptureBucket[0-9A-F]+\.Arn>\/data-capture\/\*\]$/);
    }
  });


  test('only the environments given a model serve one', () => {
    expect(v.built.environments.map((e) => e.platform.serving !== undefined)).toEqual([true, false, true]);
    expect(resources(v.built.environments[1], 'AWS::SageMaker::Endpoint')).toEqual([]);
  });
});

describe('the served model in prod', () => {
  test('each variant is its own model: network-isolated, in the workload subnets, run by the inference role, from an approved package', () => {
    const models = resources(prod, 'AWS::SageMaker::Model');
    expect(models.map((m) => m.Properties.PrimaryContainer)).toEqual([{ ModelPackageName: PACKAGE(3) }, { ModelPackageName: PACKAGE(4) }]);
    const subnets = prod.platform.network.workloadSubnets.subnets.map((s) => prod.resolve(s.subnetId));
    for (const m of models) {
      expect(m.Properties).toMatchObject({
        EnableNetworkIsolation: true,
        ExecutionRoleArn: { 'Fn::GetAtt': [id(prod, prod.platform.workloadRoles.inference), 'Arn'] },
        VpcConfig: { Subnets: subnets, SecurityGroupIds: [{ 'Fn::GetAtt': [id(prod, prod.platform.network.workloadSecurityGroup), 'GroupId'] }] },
      });
      expect(m.Properties.ModelName).toMatch(/^prod-churn-(current|challenger)-[0-9a-f]{8}$/);
    }
  });

  test('the endpoint configuration: storage on the models key, two instances a variant weighted 90/10, a fifth of requests captured to the capture bucket on the data key', () => {
    const keyArn = (key: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [id(prod, key), 'Arn'] });
    const [config] = resources(prod, 'AWS::SageMaker::EndpointConfig');
    expect(config.Properties.KmsKeyId).toEqual(keyArn(prod.platform.keys.models));
    expect(config.Properties.ProductionVariants).toEqual([
      { VariantName: 'current', ModelName: expect.stringMatching(/^prod-churn-current-/), InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 90 },
      { VariantName: 'challenger', ModelName: expect.stringMatching(/^prod-churn-challenger-/), InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 10 },
    ]);
    const bucket = id(prod, prod.platform.serving!.captureBucket.bucket);
    expect(config.Properties.DataCaptureConfig).toEqual({
      EnableCapture: true,
      InitialSamplingPercentage: 20,
      DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: bucket }, '/data-capture']] },
      KmsKeyId: keyArn(prod.platform.keys.data),
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    });
    t.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ Tags: Match.arrayWith([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'true' }]) }),
      DeletionPolicy: 'Retain',
    });
  });

  test('deployments are blue/green, linear, and roll back on each variant\'s 5XX and latency alarms and the named alarm', () => {
    const [endpoint] = resources(prod, 'AWS::SageMaker::Endpoint');
    expect(endpoint.Properties.EndpointName).toBe('prod-churn');
    expect(endpoint.Properties.DeploymentConfig.BlueGreenUpdatePolicy).toEqual({
      TrafficRoutingConfiguration: { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 20 }, WaitIntervalInSeconds: 600 },
      TerminationWaitInSeconds: 600,
    });
    const alarms = endpoint.Properties.DeploymentConfig.AutoRollbackConfiguration.Alarms as { AlarmName: unknown }[];
    const own = prod.platform.serving!.endpoint.rollbackAlarms.slice(0, 4).map((a) => ({ AlarmName: { Ref: id(prod, a as unknown as { node: { defaultChild?: unknown } }) } }));
    expect(alarms).toEqual([...own, { AlarmName: 'churn-conversion-drop' }]);
    const metricNames = own.map(({ AlarmName }) => t.toJSON().Resources[AlarmName.Ref].Properties)
      .map((p: { MetricName?: string; Metrics?: { MetricStat?: { Metric: { MetricName: string } } }[] }) => p.MetricName ?? p.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric.MetricName).sort().join('/'));
    expect(metricNames).toEqual(['Invocation5XXErrors/Invocations', 'ModelLatency', 'Invocation5XXErrors/Invocations', 'ModelLatency']);
  });

  test('every alarm of the endpoint and its monitors goes to the environment\'s alert topic: 5XX, latency, CPU, memory, disk per variant, a violation alarm per monitor', () => {
    const topic = { Ref: id(prod, prod.platform.alertTopic.topic) };
    const alarms = Object.entries(t.findResources('AWS::CloudWatch::Alarm')).filter(([logicalId]) => logicalId.startsWith('PlatformServing')).map(([, a]) => a as Resource);
    expect(alarms).toHaveLength(2 * 5 + 4);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([topic]);
    }
    const infra = alarms.filter((a) => a.Properties.Namespace === '/aws/sagemaker/Endpoints').map((a) => a.Properties.MetricName).sort();
    expect(infra).toEqual(['CPUUtilization', 'CPUUtilization', 'DiskUtilization', 'DiskUtilization', 'MemoryUtilization', 'MemoryUtilization']);
  });

  test('each variant scales on invocations per instance, from its two instances', () => {
    const targets = resources(prod, 'AWS::ApplicationAutoScaling::ScalableTarget');
    const endpoint = { 'Fn::GetAtt': [id(prod, prod.platform.serving!.endpoint), 'EndpointName'] };
    expect(targets.map((x) => [x.Properties.ResourceId, x.Properties.MinCapacity, x.Properties.MaxCapacity, x.Properties.RoleARN])).toEqual([
      [{ 'Fn::Join': ['', ['endpoint/', endpoint, '/variant/current']] }, 2, 4, undefined],
      [{ 'Fn::Join': ['', ['endpoint/', endpoint, '/variant/challenger']] }, 2, 4, undefined],
    ]);
    for (const p of resources(prod, 'AWS::ApplicationAutoScaling::ScalingPolicy')) {
      expect(p.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification).toEqual({ PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' });
    }
  });

  test('drift, quality, bias and explainability monitors run hourly on the endpoint, each with its violation rule to the topic', () => {
    const schedules = resources(prod, 'AWS::SageMaker::MonitoringSchedule');
    expect(schedules.map((s) => [s.Properties.MonitoringScheduleName, s.Properties.MonitoringScheduleConfig.MonitoringType, s.Properties.MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression])).toEqual([
      ['prod-churn-data-quality', 'DataQuality', 'cron(0 * ? * * *)'],
      ['prod-churn-model-quality', 'ModelQuality', 'cron(0 * ? * * *)'],
      ['prod-churn-model-bias', 'ModelBias', 'cron(0 * ? * * *)'],
      ['prod-churn-explainability', 'ModelExplainability', 'cron(0 * ? * * *)'],
    ]);
    const [dq] = resources(prod, 'AWS::SageMaker::DataQualityJobDefinition');
    const artifacts = id(prod, prod.platform.modelArtifactsBucket.bucket);
    expect(dq.Properties.DataQualityBaselineConfig).toEqual({
      StatisticsResource: { S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: artifacts }, '/monitoring/churn/3/data-quality/statistics.json']] } },
      ConstraintsResource: { S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: artifacts }, '/monitoring/churn/3/data-quality/constraints.json']] } },
    });
    expect(dq.Properties.DataQualityJobInput.EndpointInput.EndpointName).toEqual({ 'Fn::GetAtt': [id(prod, prod.platform.serving!.endpoint), 'EndpointName'] });
    expect(dq.Properties.RoleArn).toEqual({ 'Fn::GetAtt': [id(prod, prod.platform.workloadRoles.monitoring), 'Arn'] });
    const [bias] = resources(prod, 'AWS::SageMaker::ModelBiasJobDefinition');
    // Clarify's image comes from the documented per-region map, resolved at deploy time.
    expect(JSON.stringify(bias.Properties.ModelBiasAppSpecification.ImageUri)).toContain('"Fn::FindInMap":["Soc2MlClarifyImageRegistries",{"Ref":"AWS::Region"},"account"]');
    expect(Object.keys(t.toJSON().Mappings).sort()).toEqual(['Soc2MlClarifyImageRegistries', 'Soc2MlModelMonitorImageRegistries', 'Soc2MlXgboostImageRegistries']);
    const violationRules = resources(prod, 'AWS::Events::Rule').filter((r) => r.Properties.EventPattern.detail?.ExitMessage);
    expect(violationRules).toHaveLength(4);
  });

  test('the capture bucket is recorded by the data-events trail, and the roles reach captured data only through their capture policies', () => {
    const trail = JSON.stringify(resources(prod, 'AWS::CloudTrail::Trail')[0].Properties.AdvancedEventSelectors);
    expect(trail).toContain(id(prod, prod.platform.serving!.captureBucket.bucket));
    const attached = (policy: { node: { defaultChild?: unknown } }) => t.toJSON().Resources[id(prod, policy)].Properties.Roles;
    expect(attached(prod.platform.serving!.endpoint.capturePolicy)).toEqual([{ Ref: id(prod, prod.platform.workloadRoles.inference) }]);
    expect(attached(prod.platform.serving!.monitoring.capturePolicy)).toEqual([{ Ref: id(prod, prod.platform.workloadRoles.monitoring) }]);
  });

  test('callers get one customer-managed policy: InvokeEndpoint on this endpoint, nothing else, attached to no role of the platform', () => {
    const policy = t.toJSON().Resources[id(prod, prod.platform.serving!.invokePolicy)];
    expect(policy.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'sagemaker:InvokeEndpoint',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':endpoint/prod-churn']] },
    }]);
    expect(policy.Properties.Roles).toBeUndefined();
  });

  test('dev serves an image of its own serving repository with an artifact of its model-artifacts bucket', () => {
    const [model] = resources(dev, 'AWS::SageMaker::Model');
    expect(JSON.stringify(model.Properties.PrimaryContainer.Image)).toContain(id(dev, dev.platform.servingImages.repository));
    expect(model.Properties.PrimaryContainer.Image['Fn::Join'][1].slice(-1)[0]).toMatch(/:1\.4\.0$/);
    expect(model.Properties.PrimaryContainer.ModelDataUrl).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: id(dev, dev.platform.modelArtifactsBucket.bucket) }, '/churn/1.4.0/model.tar.gz']] });
  });
});
