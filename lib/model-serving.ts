import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DataClassification } from '../constructs/data-classification';
import { EndpointDeployment, GuardedEndpoint } from '../constructs/guarded-endpoint';
import { ModelMonitoring, ModelProblemType, MonitoringFrequency, MonitoringImage } from '../constructs/model-monitoring';
import { SageMakerInstanceType } from '../constructs/sagemaker-instance-type';
import { SecureBucket } from '../constructs/secure-bucket';
import type { MlEnvironment } from './ml-environment';

/** One variant of the served model. */
export interface ServedVariantDefinition {
  /** The variant's name, kept across updates. */
  readonly name: string;
  /** An approved model package version of the environment's registry; or `imageTag` and `artifactKey`. */
  readonly modelPackageArn?: string;
  /** A tag of the environment's serving repository (`soc2ml/<environment>/serving`). */
  readonly imageTag?: string;
  /** The artifact's key in the environment's model-artifacts bucket. */
  readonly artifactKey?: string;
  /** @default 1 */
  readonly weight?: number;
  /** @default SageMakerInstanceType.ML_M5_LARGE */
  readonly instanceType?: SageMakerInstanceType;
  /** @default 2 */
  readonly instanceCount?: number;
  /** @default - twice `instanceCount` */
  readonly maxInstanceCount?: number;
}

/** Model-quality monitoring of the served model. */
export interface ServedModelQuality {
  readonly problemType: ModelProblemType;
  /** Where ground-truth labels arrive, a prefix in the training-data bucket. */
  readonly groundTruthPrefix: string;
  /** The prefix in the model-artifacts bucket holding the baseline's `constraints.json`. */
  readonly baselinePrefix: string;
  readonly inferenceAttribute?: string;
  readonly probabilityAttribute?: string;
  readonly probabilityThreshold?: number;
}

/** SageMaker Clarify bias monitoring of the served model. */
export interface ServedModelBias {
  /** The analysis configuration's key in the model-artifacts bucket. */
  readonly analysisConfigKey: string;
  /** Where ground-truth labels arrive, a prefix in the training-data bucket. */
  readonly groundTruthPrefix: string;
  /** The prefix in the model-artifacts bucket holding the baseline's `analysis.json`. */
  readonly baselinePrefix: string;
}

/** SageMaker Clarify explainability monitoring of the served model. */
export interface ServedModelExplainability {
  /** The analysis configuration's key in the model-artifacts bucket. */
  readonly analysisConfigKey: string;
  /** The prefix in the model-artifacts bucket holding the baseline's `analysis.json`. */
  readonly baselinePrefix: string;
}

/** The model an environment serves, and how it is watched (from `soc2ml:<env>:model`). */
export interface ServedModelDefinition {
  /** The endpoint is `<environment>-<name>`. */
  readonly name: string;
  readonly variants: ServedVariantDefinition[];
  /** @default EndpointDeployment.CANARY */
  readonly deployment?: EndpointDeployment;
  /** Alarms of the account, by name, that also roll a deployment back. */
  readonly rollbackAlarmNames?: string[];
  /** The prefix in the model-artifacts bucket holding the drift baseline (`statistics.json`, `constraints.json`). */
  readonly baselinePrefix: string;
  /** @default MonitoringFrequency.HOURLY */
  readonly schedule?: MonitoringFrequency;
  /** @default MonitoringImage.MODEL_MONITOR */
  readonly monitorImage?: MonitoringImage;
  /** @default MonitoringImage.CLARIFY */
  readonly clarifyImage?: MonitoringImage;
  readonly modelQuality?: ServedModelQuality;
  readonly bias?: ServedModelBias;
  readonly explainability?: ServedModelExplainability;
}

export interface ModelServingProps {
  /** The environment that serves the model. */
  readonly environment: MlEnvironment;
  readonly model: ServedModelDefinition;
}

/**
 * The model an environment serves: a `GuardedEndpoint` run by the environment's inference role in
 * its network, its storage on the `models` key, capturing to a confidential bucket on the `data`
 * key, alarms to the environment's topic; and `ModelMonitoring` run by the monitoring role, reading
 * baselines and analysis configurations from the model-artifacts bucket and ground truth from the
 * training-data bucket, and writing reports to the model-artifacts bucket.
 */
export class ModelServing extends Construct {
  /** Captured requests and responses of the environment's endpoints. */
  public readonly captureBucket: SecureBucket;
  public readonly endpoint: GuardedEndpoint;
  public readonly monitoring: ModelMonitoring;
  /**
   * `sagemaker:InvokeEndpoint` on this endpoint and nothing else: attach it to the role an
   * application calls the model with (callers invoke only through such a role).
   */
  public readonly invokePolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ModelServingProps) {
    super(scope, id);
    const env = props.environment;
    const model = props.model;
    const artifacts = env.modelArtifactsBucket.bucket;
    const at = (bucket: s3.IBucket, key: string): s3.Location => ({ bucketName: bucket.bucketName, objectKey: key });
    const file = (prefix: string, name: string) => `${prefix.replace(/\/+$/, '')}/${name}`;

    // Requests to a model are production data about real people: treated as personal data. Kept
    // a year, which covers any baseline comparison, then expired.
    this.captureBucket = new SecureBucket(this, 'CaptureBucket', {
      dataClassification: DataClassification.CONFIDENTIAL,
      containsPersonalData: true,
      encryptionKey: env.keys.data,
      accessLogsBucket: env.accessLogs.bucket,
      expiration: Duration.days(365),
    });

    this.endpoint = new GuardedEndpoint(this, 'Endpoint', {
      environmentName: env.environmentName,
      name: model.name,
      production: env.production,
      role: env.workloadRoles.inference,
      subnets: env.network.workloadSubnets.subnets,
      securityGroup: env.network.workloadSecurityGroup,
      encryptionKey: env.keys.models,
      alerts: env.alertTopic,
      captureBucket: this.captureBucket.bucket,
      captureKey: env.keys.data,
      deployment: model.deployment,
      rollbackAlarms: model.rollbackAlarmNames?.map((name, i) => cloudwatch.Alarm.fromAlarmName(this, `RollbackAlarm${i + 1}`, name)),
      variants: model.variants.map((v) => ({
        name: v.name,
        modelPackageArn: v.modelPackageArn,
        image: v.imageTag === undefined ? undefined : {
          repository: env.servingImages.repository,
          tagOrDigest: v.imageTag,
          artifact: at(artifacts, v.artifactKey!),
        },
        weight: v.weight,
        instanceType: v.instanceType,
        instanceCount: v.instanceCount,
        maxInstanceCount: v.maxInstanceCount,
      })),
    });

    this.invokePolicy = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: `Invoke SageMaker endpoint ${this.endpoint.endpointName} and nothing else; attach it to the role an application calls the model with`,
      statements: [this.endpoint.invokeStatement()],
    });

    const trainingData = env.trainingDataBucket.bucket;
    const mq = model.modelQuality;
    const bias = model.bias;
    const explain = model.explainability;
    this.monitoring = new ModelMonitoring(this, 'Monitoring', {
      endpoint: this.endpoint,
      role: env.workloadRoles.monitoring,
      subnets: env.network.workloadSubnets.subnets,
      securityGroup: env.network.workloadSecurityGroup,
      volumeKey: env.keys.data,
      outputBucket: artifacts,
      outputKey: env.keys.models,
      alerts: env.alertTopic,
      schedule: model.schedule,
      dataQuality: {
        statistics: at(artifacts, file(model.baselinePrefix, 'statistics.json')),
        constraints: at(artifacts, file(model.baselinePrefix, 'constraints.json')),
        image: model.monitorImage,
      },
      modelQuality: mq && {
        problemType: mq.problemType,
        groundTruth: at(trainingData, mq.groundTruthPrefix),
        constraints: at(artifacts, file(mq.baselinePrefix, 'constraints.json')),
        inferenceAttribute: mq.inferenceAttribute,
        probabilityAttribute: mq.probabilityAttribute,
        probabilityThreshold: mq.probabilityThreshold,
        image: model.monitorImage,
      },
      modelBias: bias && {
        analysisConfig: at(artifacts, bias.analysisConfigKey),
        groundTruth: at(trainingData, bias.groundTruthPrefix),
        constraints: at(artifacts, file(bias.baselinePrefix, 'analysis.json')),
        image: model.clarifyImage,
      },
      modelExplainability: explain && {
        analysisConfig: at(artifacts, explain.analysisConfigKey),
        constraints: at(artifacts, file(explain.baselinePrefix, 'analysis.json')),
        image: model.clarifyImage,
      },
    });
  }
}
