import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Fn, RemovalPolicy, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessLogBucket } from '../../constructs/access-log-bucket';
import { DataClassification } from '../../core/data-classification';
import { SecureBucket } from '../../constructs/secure-bucket';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { EVIDENCE_DIRECTORY } from '../../evidence/writer';

/** The reason the small app gives for its one acknowledgement. */
export const MODEL_ACK_REASON = 'The container needs the feature store online endpoint at inference time; egress is limited to the VPC endpoints by the security group.';

/** The handles tests assert on. */
export interface MlApp {
  readonly stack: Stack;
  readonly trainingData: SecureBucket;
  readonly model: sagemaker.CfnModel;
  readonly monitoringLogs: logs.LogGroup;
}

/**
 * A small ML app written the way a user would, mostly with plain CDK: a data source (Firehose)
 * into training data, a feature group, a training role, a model registry and model version, a
 * model, an endpoint with data capture and a rollback alarm, data-quality monitoring with an
 * alarm to a topic, and a data scientist role. One finding is acknowledged (the model's network
 * isolation) and one fails (a log group kept 30 days), so synth fails.
 */
export function buildMlApp(app: App): MlApp {
  Validations.of(app).addPlugins(new Soc2MlChecks(app));
  const stack = new Stack(app, 'ml-sandbox');
  Tags.of(stack).add('Environment', 'sandbox');

  const key = new kms.Key(stack, 'DataKey', { enableKeyRotation: true, alias: 'alias/ml/data' });
  const accessLogs = new AccessLogBucket(stack, 'AccessLogs');
  const secure = (id: string, dataClassification: DataClassification, containsPersonalData = false) =>
    new SecureBucket(stack, id, { dataClassification, containsPersonalData, encryptionKey: key, accessLogsBucket: accessLogs.bucket });
  const trainingData = secure('TrainingData', DataClassification.CONFIDENTIAL, true);
  const artifacts = secure('ModelArtifacts', DataClassification.CONFIDENTIAL);
  const reports = secure('MonitoringReports', DataClassification.INTERNAL);
  // A plain L2 bucket: the evidence reads templates, not our constructs.
  const capture = new s3.Bucket(stack, 'CapturedData', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    serverAccessLogsBucket: accessLogs.bucket,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365) }],
  });
  Tags.of(capture).add('DataClassification', 'restricted');
  Tags.of(capture).add('PersonalData', 'true');

  const vpc = new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.90.0.0/16'),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { destination: ec2.FlowLogDestination.toS3(reports.bucket, 'flow-logs/') } },
  });
  vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const sg = new ec2.SecurityGroup(stack, 'Workloads', { vpc, allowAllOutbound: false });
  const subnets = vpc.isolatedSubnets.map((s) => s.subnetId);

  // Data source → training data.
  const ingestRole = new iam.Role(stack, 'IngestRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  trainingData.bucket.grantWrite(ingestRole);
  key.grantEncrypt(ingestRole);
  new firehose.CfnDeliveryStream(stack, 'Ingest', {
    deliveryStreamEncryptionConfigurationInput: { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: key.keyArn },
    extendedS3DestinationConfiguration: {
      bucketArn: trainingData.bucket.bucketArn,
      roleArn: ingestRole.roleArn,
      prefix: 'raw/',
      encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: key.keyArn } },
    },
  });

  // Training: a SageMaker role reading training data and features, writing artifacts and model versions.
  const trainingRole = new iam.Role(stack, 'TrainingRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  trainingData.bucket.grantRead(trainingRole);
  artifacts.bucket.grantWrite(trainingRole);
  const features = new sagemaker.CfnFeatureGroup(stack, 'Features', {
    featureGroupName: 'customer-features',
    recordIdentifierFeatureName: 'customer_id',
    eventTimeFeatureName: 'event_time',
    featureDefinitions: [{ featureName: 'customer_id', featureType: 'String' }, { featureName: 'event_time', featureType: 'String' }],
    onlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: key.keyArn } },
    offlineStoreConfig: { S3StorageConfig: { S3Uri: `s3://${trainingData.bucket.bucketName}/features`, KmsKeyId: key.keyArn } },
    roleArn: trainingRole.roleArn,
    tags: [{ key: 'DataClassification', value: 'confidential' }, { key: 'PersonalData', value: 'true' }],
  });
  trainingRole.addToPolicy(new iam.PolicyStatement({ actions: ['sagemaker:GetRecord'], resources: [stack.formatArn({ service: 'sagemaker', resource: 'feature-group', resourceName: features.ref })] }));
  const registry = new sagemaker.CfnModelPackageGroup(stack, 'Registry', { modelPackageGroupName: 'churn' });
  trainingRole.addToPolicy(new iam.PolicyStatement({ actions: ['sagemaker:CreateModelPackage'], resources: [registry.attrModelPackageGroupArn] }));
  const version = new sagemaker.CfnModelPackage(stack, 'ModelVersion', {
    modelPackageGroupName: registry.attrModelPackageGroupArn,
    modelApprovalStatus: 'Approved',
    inferenceSpecification: {
      containers: [{ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:1', modelDataUrl: `s3://${artifacts.bucket.bucketName}/churn/model.tar.gz` }],
      supportedContentTypes: ['text/csv'],
      supportedResponseMimeTypes: ['text/csv'],
    },
  });

  // Serving: the model from the registry, an endpoint capturing its traffic, rolled back by an alarm.
  const inferenceRole = new iam.Role(stack, 'InferenceRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  artifacts.bucket.grantRead(inferenceRole);
  const model = new sagemaker.CfnModel(stack, 'Model', {
    executionRoleArn: inferenceRole.roleArn,
    primaryContainer: { modelPackageName: version.attrModelPackageArn },
    vpcConfig: { subnets, securityGroupIds: [sg.securityGroupId] },
  });
  Validations.of(model).acknowledge({ id: 'Soc2Ml::SageMakerModelNetworkIsolation', reason: MODEL_ACK_REASON });

  const topic = new sns.Topic(stack, 'Alerts', { masterKey: key });
  const endpointName = 'churn-serving';
  const latency = new cloudwatch.Alarm(stack, 'LatencyAlarm', {
    metric: new cloudwatch.Metric({ namespace: 'AWS/SageMaker', metricName: 'ModelLatency', dimensionsMap: { EndpointName: endpointName, VariantName: 'primary' } }),
    threshold: 500000,
    evaluationPeriods: 3,
  });
  latency.addAlarmAction(new cw_actions.SnsAction(topic));
  const config = new sagemaker.CfnEndpointConfig(stack, 'EndpointConfig', {
    kmsKeyId: key.keyArn,
    productionVariants: [{ variantName: 'primary', modelName: model.attrModelName, instanceType: 'ml.m5.large', initialInstanceCount: 2, initialVariantWeight: 1 }],
    dataCaptureConfig: {
      enableCapture: true,
      initialSamplingPercentage: 20,
      destinationS3Uri: `s3://${capture.bucketName}/capture`,
      kmsKeyId: key.keyArn,
      captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
    },
  });
  const endpoint = new sagemaker.CfnEndpoint(stack, 'Endpoint', {
    endpointName,
    endpointConfigName: config.attrEndpointConfigName,
    deploymentConfig: {
      autoRollbackConfiguration: { alarms: [{ alarmName: latency.alarmName }] },
      blueGreenUpdatePolicy: { trafficRoutingConfiguration: { type: 'CANARY', canarySize: { type: 'CAPACITY_PERCENT', value: 10 }, waitIntervalInSeconds: 600 } },
    },
  });

  // Monitoring: data quality of the captured traffic, alarmed to the topic.
  const monitoringRole = new iam.Role(stack, 'MonitoringRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  capture.grantRead(monitoringRole);
  reports.bucket.grantWrite(monitoringRole);
  const quality = new sagemaker.CfnDataQualityJobDefinition(stack, 'DataQuality', {
    jobDefinitionName: 'churn-data-quality',
    roleArn: monitoringRole.roleArn,
    dataQualityAppSpecification: { imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/monitor:1' },
    dataQualityJobInput: { endpointInput: { endpointName: endpoint.attrEndpointName, localPath: '/opt/ml/processing/input' } },
    dataQualityJobOutputConfig: { kmsKeyId: key.keyArn, monitoringOutputs: [{ s3Output: { s3Uri: `s3://${reports.bucket.bucketName}/quality`, localPath: '/opt/ml/processing/output' } }] },
    jobResources: { clusterConfig: { instanceCount: 1, instanceType: 'ml.m5.large', volumeSizeInGb: 20, volumeKmsKeyId: key.keyArn } },
    networkConfig: { enableInterContainerTrafficEncryption: true, enableNetworkIsolation: true, vpcConfig: { subnets, securityGroupIds: [sg.securityGroupId] } },
  });
  const schedule = new sagemaker.CfnMonitoringSchedule(stack, 'Monitoring', {
    monitoringScheduleName: 'churn-data-quality',
    endpointName: endpoint.attrEndpointName,
    monitoringScheduleConfig: {
      monitoringJobDefinitionName: Fn.select(1, Fn.split('/', quality.attrJobDefinitionArn)),
      monitoringType: 'DataQuality',
      scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
    },
  });
  const drift = new cloudwatch.Alarm(stack, 'DriftAlarm', {
    metric: new cloudwatch.Metric({ namespace: 'aws/sagemaker/Endpoints/data-metrics', metricName: 'feature_baseline_drift_total', dimensionsMap: { MonitoringSchedule: Fn.select(1, Fn.split('/', schedule.attrMonitoringScheduleArn)), Endpoint: endpointName } }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });
  drift.addAlarmAction(new cw_actions.SnsAction(topic));

  // The one failing finding: monitoring logs kept only 30 days.
  const monitoringLogs = new logs.LogGroup(stack, 'MonitoringLogs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });

  // People: a data scientist who reads training data, with MFA.
  const scientist = new iam.Role(stack, 'DataScientist', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    maxSessionDuration: Duration.hours(4),
  });
  Tags.of(scientist).add('Persona', 'data-scientist');
  trainingData.bucket.grantRead(scientist);

  return { stack, trainingData, model, monitoringLogs };
}

/** The evidence folder of an assembly. */
export function evidenceDir(outdir: string): string {
  return path.join(outdir, EVIDENCE_DIRECTORY);
}

/** A JSON evidence file. */
export function readEvidenceJson<T>(outdir: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(evidenceDir(outdir), file), 'utf-8')) as T;
}

/** A text evidence file. */
export function readEvidenceText(outdir: string, file: string): string {
  return fs.readFileSync(path.join(evidenceDir(outdir), file), 'utf-8');
}
