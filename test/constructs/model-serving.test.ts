/*
 * ModelServing in a plain stack, given its props directly. Two servings are synthesized once each:
 * a production one with every option (two variants, one from a model package and one from an
 * image and an artifact, and all four monitors), and a minimal non-production one.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import {
  EndpointDeployment, ModelProblemType, ModelServing, ModelServingProps, MonitorKind, MonitoringFrequency, MonitoringImage,
  SageMakerInstanceType, SecurityAlertTopic, ServedModelDefinition,
} from '../../index';
import { logicalId, mlScope } from '../helpers/ml-scope';

const PROD_PACKAGE = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/3';
const DEV_PACKAGE = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/dev-fraud/1';
const MONITOR_IMAGE = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/my-model-monitor:2';

/** Every option: two variants (a model package, an image and its artifact) and every monitor. */
const FULL_MODEL: ServedModelDefinition = {
  name: 'churn',
  variants: [
    { name: 'current', modelPackageArn: PROD_PACKAGE, weight: 90 },
    {
      name: 'challenger', imageTag: 'v4', artifactKey: 'churn/4/model.tar.gz', weight: 10,
      instanceType: SageMakerInstanceType.ML_C5_XLARGE, instanceCount: 3, maxInstanceCount: 5,
    },
  ],
  deployment: EndpointDeployment.LINEAR,
  rollbackAlarmNames: ['churn-conversion-drop'],
  // A trailing slash, which the construct must not double.
  baselinePrefix: 'baselines/churn/',
  schedule: MonitoringFrequency.DAILY,
  monitorImage: MonitoringImage.fromUri(MONITOR_IMAGE),
  modelQuality: {
    problemType: ModelProblemType.BINARY_CLASSIFICATION, groundTruthPrefix: 'ground-truth/churn', baselinePrefix: 'baselines/churn-quality',
    inferenceAttribute: '0', probabilityAttribute: '1', probabilityThreshold: 0.6,
  },
  bias: { analysisConfigKey: 'clarify/churn-bias.json', groundTruthPrefix: 'ground-truth/churn-labels', baselinePrefix: 'baselines/churn-bias' },
  explainability: { analysisConfigKey: 'clarify/churn-shap.json', baselinePrefix: 'baselines/churn-shap/' },
};

/** The least a served model needs, on one instance (allowed outside production). */
const MINIMAL_MODEL: ServedModelDefinition = {
  name: 'fraud',
  variants: [{ name: 'primary', modelPackageArn: DEV_PACKAGE, instanceCount: 1 }],
  baselinePrefix: 'baselines/fraud',
};

/** What ModelServing is given, made in the stack: keys, roles, buckets, topic, network and repository. */
function dependencies(stack: Stack, environmentName: string): Omit<ModelServingProps, 'model' | 'production'> {
  const scope = mlScope(stack, environmentName);
  const sageMakerRole = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  return {
    environmentName,
    subnets: scope.subnets,
    securityGroup: scope.securityGroup,
    dataKey: scope.dataKey,
    modelsKey: scope.modelsKey,
    inferenceRole: sageMakerRole('InferenceRole'),
    monitoringRole: sageMakerRole('MonitoringRole'),
    alerts: new SecurityAlertTopic(stack, 'Alerts'),
    modelArtifactsBucket: scope.modelArtifactsBucket,
    trainingDataBucket: scope.trainingDataBucket,
    accessLogsBucket: new s3.Bucket(stack, 'AccessLogs'),
    servingImages: new ecr.Repository(stack, 'ServingImages'),
  };
}

interface Built {
  readonly stack: Stack;
  readonly props: ModelServingProps;
  readonly serving: ModelServing;
  readonly template: Template;
  /** The logical id of a construct's L1 resource. */
  readonly id: (construct: IConstruct) => string;
  /** `s3://<bucket>/<key>` as the template writes it. */
  readonly s3Uri: (bucket: s3.IBucket, key: string) => unknown;
}

function build(environmentName: string, model: ServedModelDefinition, production?: boolean): Built {
  const stack = new Stack(new App(), 'Serving');
  const props: ModelServingProps = { ...dependencies(stack, environmentName), model, production };
  const serving = new ModelServing(stack, 'Serving', props);
  const id = (construct: IConstruct) => logicalId(stack, construct);
  return {
    stack, props, serving, template: Template.fromStack(stack), id,
    s3Uri: (bucket, key) => ({ 'Fn::Join': ['', ['s3://', { Ref: id(bucket) }, `/${key}`]] }),
  };
}

const JOB_DEFINITIONS = ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'].map((t) => `AWS::SageMaker::${t}JobDefinition`);

let full: Built;
let minimal: Built;

beforeAll(() => {
  full = build('prod', FULL_MODEL, true);
  minimal = build('dev', MINIMAL_MODEL);
});

describe('ModelServing capture bucket', () => {
  test('is confidential, marked as holding personal data, on the data key, logging to the given bucket, and retained', () => {
    const { template, serving, props, id } = full;
    const capture = template.findResources('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id(props.dataKey), 'Arn'] } }, BucketKeyEnabled: true }] },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: id(props.accessLogsBucket) } }),
        Tags: Match.arrayWith([{ Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'true' }]),
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(Object.keys(capture)).toEqual([id(serving.captureBucket.bucket)]);
    expect(serving.captureBucket.encryptionKey).toBe(props.dataKey);
  });

  test('expires captured requests and responses after 90 days, and removes them (their old versions) a week later', () => {
    const { template, serving, id } = full;
    const rules = template.toJSON().Resources[id(serving.captureBucket.bucket)].Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([expect.objectContaining({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' })]);
  });

  test('is where the endpoint captures, under the data key', () => {
    const { template, serving, props, id } = full;
    expect(serving.endpoint.captureBucket).toBe(serving.captureBucket.bucket);
    expect(serving.endpoint.captureKey).toBe(props.dataKey);
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      DataCaptureConfig: Match.objectLike({
        EnableCapture: true,
        DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: id(serving.captureBucket.bucket) }, '/data-capture']] },
        KmsKeyId: { 'Fn::GetAtt': [id(props.dataKey), 'Arn'] },
      }),
    });
  });

  test('the inference role may write captured data and the monitoring role read it', () => {
    const { template, serving, props, id } = full;
    const captureArn = { 'Fn::GetAtt': [id(serving.captureBucket.bucket), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: id(props.inferenceRole) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [captureArn, '/data-capture/*']] } })]) },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: id(props.monitoringRole) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [captureArn, '/data-capture/*']] } })]) },
    });
  });
});

describe('ModelServing endpoint', () => {
  test('is named <environment>-<model>', () => {
    expect(full.serving.endpoint.endpointName).toBe('prod-churn');
    full.template.resourceCountIs('AWS::SageMaker::Endpoint', 1);
    full.template.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'prod-churn' });
    minimal.template.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'dev-fraud' });
  });

  test('a variant given a model package serves that package, run by the inference role in the given network', () => {
    const { template, props, id, stack } = full;
    template.hasResourceProperties('AWS::SageMaker::Model', {
      ModelName: Match.stringLikeRegexp('^prod-churn-current-[0-9a-f]{8}$'),
      PrimaryContainer: { ModelPackageName: PROD_PACKAGE },
      ExecutionRoleArn: { 'Fn::GetAtt': [id(props.inferenceRole), 'Arn'] },
      EnableNetworkIsolation: true,
      VpcConfig: { Subnets: props.subnets.map((s) => stack.resolve(s.subnetId)), SecurityGroupIds: [{ 'Fn::GetAtt': [id(props.securityGroup), 'GroupId'] }] },
    });
  });

  test('a variant given an image tag and an artifact key serves that image of the serving repository and that artifact of the model-artifacts bucket', () => {
    const { template, props, stack, s3Uri } = full;
    template.hasResourceProperties('AWS::SageMaker::Model', {
      ModelName: Match.stringLikeRegexp('^prod-churn-challenger-[0-9a-f]{8}$'),
      PrimaryContainer: {
        Image: stack.resolve(props.servingImages.repositoryUriForTag('v4')),
        ModelDataUrl: s3Uri(props.modelArtifactsBucket, 'churn/4/model.tar.gz'),
      },
    });
  });

  test('the configuration carries each variant\'s weight, instance type and count, on the models key', () => {
    const { template, props, id } = full;
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: { 'Fn::GetAtt': [id(props.modelsKey), 'Arn'] },
      ProductionVariants: [
        { VariantName: 'current', InitialVariantWeight: 90, InitialInstanceCount: 2, InstanceType: 'ml.m5.large', ModelName: Match.stringLikeRegexp('^prod-churn-current-') },
        { VariantName: 'challenger', InitialVariantWeight: 10, InitialInstanceCount: 3, InstanceType: 'ml.c5.xlarge', ModelName: Match.stringLikeRegexp('^prod-churn-challenger-') },
      ],
    });
    full.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: { 'Fn::Join': ['', ['endpoint/', { 'Fn::GetAtt': [id(full.serving.endpoint), 'EndpointName'] }, '/variant/challenger']] },
      MinCapacity: 3, MaxCapacity: 5,
    });
  });

  test('deploys as the model says and also rolls back on the named alarms of the account', () => {
    full.template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      DeploymentConfig: {
        BlueGreenUpdatePolicy: Match.objectLike({ TrafficRoutingConfiguration: Match.objectLike({ Type: 'LINEAR' }) }),
        AutoRollbackConfiguration: { Alarms: Match.arrayWith([{ AlarmName: 'churn-conversion-drop' }]) },
      },
    });
    // Imported by name: no alarm resource is created for it.
    expect(JSON.stringify(full.template.findResources('AWS::CloudWatch::Alarm'))).not.toContain('churn-conversion-drop');
    expect(full.serving.endpoint.rollbackAlarms.map((a) => a.alarmName)).toContain('churn-conversion-drop');
  });

  test('every alarm of the endpoint and its monitors goes to the alert topic', () => {
    const { template, props, id } = full;
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    // Per variant: 5XX rate, latency, CPU, memory, disk; per monitor: a violation alarm.
    expect(alarms).toHaveLength(2 * 5 + 4);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: id((props.alerts as SecurityAlertTopic).topic) }]);
    }
  });
});

describe('ModelServing invoke policy', () => {
  test('allows sagemaker:InvokeEndpoint on this endpoint only, attached to no one', () => {
    const { template, serving, id } = full;
    const policy = template.toJSON().Resources[id(serving.invokePolicy)];
    expect(policy.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'sagemaker:InvokeEndpoint',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':endpoint/prod-churn']] },
    }]);
    expect(policy.Properties).not.toHaveProperty('Roles');
    expect(policy.Properties).not.toHaveProperty('Users');
    expect(policy.Properties).not.toHaveProperty('Groups');
    expect(policy.Properties.Description).toMatch(/^Invoke SageMaker endpoint prod-churn and nothing else/);
  });

  test('names the minimal serving\'s own endpoint', () => {
    const { template, serving, id } = minimal;
    const policy = template.toJSON().Resources[id(serving.invokePolicy)];
    expect(JSON.stringify(policy.Properties.PolicyDocument.Statement[0].Resource)).toContain(':endpoint/dev-fraud"');
  });
});

describe('ModelServing monitors', () => {
  test('data-quality monitoring is always there; the other monitors only when modelQuality, bias and explainability are given', () => {
    expect(Object.keys(minimal.serving.monitoring.monitors)).toEqual([MonitorKind.DATA_QUALITY]);
    expect(JOB_DEFINITIONS.map((type) => Object.keys(minimal.template.findResources(type)).length)).toEqual([1, 0, 0, 0]);
    minimal.template.resourceCountIs('AWS::SageMaker::MonitoringSchedule', 1);

    expect(Object.keys(full.serving.monitoring.monitors).sort()).toEqual(
      [MonitorKind.DATA_QUALITY, MonitorKind.MODEL_QUALITY, MonitorKind.MODEL_BIAS, MonitorKind.MODEL_EXPLAINABILITY].sort());
    expect(JOB_DEFINITIONS.map((type) => Object.keys(full.template.findResources(type)).length)).toEqual([1, 1, 1, 1]);
    full.template.resourceCountIs('AWS::SageMaker::MonitoringSchedule', 4);
  });

  test('every monitor runs on the model\'s schedule (hourly by default) as <endpoint>-<monitor>', () => {
    for (const slug of ['data-quality', 'model-quality', 'model-bias', 'explainability']) {
      full.template.hasResourceProperties('AWS::SageMaker::MonitoringSchedule', {
        MonitoringScheduleName: `prod-churn-${slug}`,
        MonitoringScheduleConfig: Match.objectLike({ ScheduleConfig: { ScheduleExpression: 'cron(0 0 ? * * *)' } }),
      });
    }
    minimal.template.hasResourceProperties('AWS::SageMaker::MonitoringSchedule', {
      MonitoringScheduleName: 'dev-fraud-data-quality',
      MonitoringScheduleConfig: Match.objectLike({ ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } }),
    });
  });

  test('the jobs run as the monitoring role in the given network, volumes on the data key, reports to the model-artifacts bucket on the models key', () => {
    const { template, props, id, stack } = full;
    for (const type of JOB_DEFINITIONS) {
      const kind = type.replace(/^AWS::SageMaker::|JobDefinition$/g, '');
      template.hasResourceProperties(type, {
        RoleArn: { 'Fn::GetAtt': [id(props.monitoringRole), 'Arn'] },
        NetworkConfig: Match.objectLike({
          EnableNetworkIsolation: true,
          VpcConfig: { Subnets: props.subnets.map((s) => stack.resolve(s.subnetId)), SecurityGroupIds: [{ 'Fn::GetAtt': [id(props.securityGroup), 'GroupId'] }] },
        }),
        JobResources: { ClusterConfig: Match.objectLike({ VolumeKmsKeyId: { 'Fn::GetAtt': [id(props.dataKey), 'Arn'] } }) },
        [`${kind}JobOutputConfig`]: {
          KmsKeyId: { 'Fn::GetAtt': [id(props.modelsKey), 'Arn'] },
          MonitoringOutputs: [{ S3Output: Match.objectLike({ S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: id(props.modelArtifactsBucket) }, Match.stringLikeRegexp('^/monitoring/prod-churn/')]] } }) }],
        },
      });
    }
  });

  test('data quality compares with statistics.json and constraints.json under the baseline prefix, with the model\'s monitor image', () => {
    const { template, props, s3Uri } = full;
    template.hasResourceProperties('AWS::SageMaker::DataQualityJobDefinition', {
      DataQualityAppSpecification: Match.objectLike({ ImageUri: MONITOR_IMAGE }),
      DataQualityBaselineConfig: {
        StatisticsResource: { S3Uri: s3Uri(props.modelArtifactsBucket, 'baselines/churn/statistics.json') },
        ConstraintsResource: { S3Uri: s3Uri(props.modelArtifactsBucket, 'baselines/churn/constraints.json') },
      },
    });
  });

  test('without an image, data quality runs SageMaker\'s Model Monitor image of the region', () => {
    const spec = Object.values(minimal.template.findResources('AWS::SageMaker::DataQualityJobDefinition'))[0].Properties.DataQualityAppSpecification;
    expect(JSON.stringify(spec.ImageUri)).toContain('/sagemaker-model-monitor-analyzer');
    expect(minimal.template.toJSON().Mappings).toHaveProperty('Soc2MlModelMonitorImageRegistries');
  });

  test('model quality reads ground truth from the training-data bucket and its constraints from the model-artifacts bucket', () => {
    const { template, props, s3Uri } = full;
    template.hasResourceProperties('AWS::SageMaker::ModelQualityJobDefinition', {
      ModelQualityAppSpecification: Match.objectLike({ ImageUri: MONITOR_IMAGE, ProblemType: 'BinaryClassification' }),
      ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: s3Uri(props.modelArtifactsBucket, 'baselines/churn-quality/constraints.json') } },
      ModelQualityJobInput: {
        EndpointInput: Match.objectLike({ InferenceAttribute: '0', ProbabilityAttribute: '1', ProbabilityThresholdAttribute: 0.6 }),
        GroundTruthS3Input: { S3Uri: s3Uri(props.trainingDataBucket, 'ground-truth/churn') },
      },
    });
  });

  test('bias monitoring uses the analysis configuration and analysis.json of the model-artifacts bucket, ground truth from the training-data bucket, and Clarify', () => {
    const { template, props, s3Uri } = full;
    template.hasResourceProperties('AWS::SageMaker::ModelBiasJobDefinition', {
      ModelBiasAppSpecification: Match.objectLike({ ConfigUri: s3Uri(props.modelArtifactsBucket, 'clarify/churn-bias.json') }),
      ModelBiasBaselineConfig: { ConstraintsResource: { S3Uri: s3Uri(props.modelArtifactsBucket, 'baselines/churn-bias/analysis.json') } },
      ModelBiasJobInput: Match.objectLike({ GroundTruthS3Input: { S3Uri: s3Uri(props.trainingDataBucket, 'ground-truth/churn-labels') } }),
    });
    const spec = Object.values(template.findResources('AWS::SageMaker::ModelBiasJobDefinition'))[0].Properties.ModelBiasAppSpecification;
    expect(JSON.stringify(spec.ImageUri)).toContain('/sagemaker-clarify-processing');
  });

  test('explainability monitoring uses its analysis configuration and analysis.json under its baseline prefix, and Clarify', () => {
    const { template, props, s3Uri } = full;
    template.hasResourceProperties('AWS::SageMaker::ModelExplainabilityJobDefinition', {
      ModelExplainabilityAppSpecification: Match.objectLike({ ConfigUri: s3Uri(props.modelArtifactsBucket, 'clarify/churn-shap.json') }),
      ModelExplainabilityBaselineConfig: { ConstraintsResource: { S3Uri: s3Uri(props.modelArtifactsBucket, 'baselines/churn-shap/analysis.json') } },
      ModelExplainabilityJobInput: { EndpointInput: Match.objectLike({ EndpointName: Match.anyValue() }) },
    });
    const spec = Object.values(template.findResources('AWS::SageMaker::ModelExplainabilityJobDefinition'))[0].Properties.ModelExplainabilityAppSpecification;
    expect(JSON.stringify(spec.ImageUri)).toContain('/sagemaker-clarify-processing');
  });
});

describe('ModelServing in production and outside it', () => {
  test('outside production a variant may run on one instance', () => {
    minimal.template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ VariantName: 'primary', InitialInstanceCount: 1 })],
    });
    minimal.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 2 });
  });

  test('in production a variant on one instance is refused, naming the variant and the fix', () => {
    const stack = new Stack(new App(), 'Production');
    expect(() => new ModelServing(stack, 'Serving', { ...dependencies(stack, 'prod'), production: true, model: { ...MINIMAL_MODEL, name: 'fraud' } }))
      .toThrow(/variants\[0\]\.instanceCount is 1 in a production environment: production variants need at least 2 instances.*Pass 2 or more/);
  });

  test('a variant with an image tag but no artifact key (or the reverse) is refused, naming the variant and the fix', () => {
    const serve = (variant: ServedModelDefinition['variants'][number]) => () => {
      const stack = new Stack(new App(), 'HalfImage');
      return new ModelServing(stack, 'Serving', { ...dependencies(stack, 'dev'), production: false, model: { ...MINIMAL_MODEL, variants: [variant] } });
    };
    expect(serve({ name: 'tagonly', imageTag: 'v4' })).toThrow(/variants\[0\] \('tagonly'\) gives imageTag 'v4' without artifactKey: .*needs both/);
    expect(serve({ name: 'keyonly', artifactKey: 'churn/4/model.tar.gz' })).toThrow(/gives artifactKey 'churn\/4\/model.tar.gz' without imageTag/);
  });

  test('in production variants start on two instances by default', () => {
    full.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: { 'Fn::Join': ['', ['endpoint/', Match.anyValue(), '/variant/current']] },
      MinCapacity: 2, MaxCapacity: 4,
    });
  });
});
