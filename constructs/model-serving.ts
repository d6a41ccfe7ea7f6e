import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { EndpointDeployment, GuardedEndpoint } from './guarded-endpoint';
import { CAPTURE_NONCURRENT_RETENTION, checkCaptureExpiration, DEFAULT_CAPTURE_EXPIRATION_DAYS } from './private/capture';
import { ModelMonitoring, ModelProblemType, MonitoringFrequency, MonitoringImage } from './model-monitoring';
import { SageMakerInstanceType } from './sagemaker-instance-type';
import { SecureBucket } from './secure-bucket';
import { IAlertDestination } from './security-alert-topic';
import { Soc2MlError } from '../core/errors';

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
  /**
   * The share of requests the endpoint captures, in percent.
   *
   * @default 20 (see `GuardedEndpointProps.captureSamplingPercentage`)
   */
  readonly captureSamplingPercentage?: number;
  /**
   * How long captured requests and responses are kept before they expire.
   *
   * @default Duration.days(90)
   */
  readonly captureExpiration?: Duration;
}

export interface ModelServingProps {
  /** The environment's name: the endpoint is `<environmentName>-<model name>`. */
  readonly environmentName: string;
  /**
   * Whether the environment serves production (every variant on two instances or more).
   *
   * @default false
   */
  readonly production?: boolean;
  /** The model to serve and how it is watched. */
  readonly model: ServedModelDefinition;
  /** The subnets the endpoint and its monitors run in. */
  readonly subnets: ec2.ISubnet[];
  /** The security group of the endpoint and its monitors. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The key of captured data and of the monitors' volumes (the environment's data key). */
  readonly dataKey: kms.IKey;
  /** The key of the endpoint's storage and of the monitors' reports (the environment's models key). */
  readonly modelsKey: kms.IKey;
  /**
   * The key of the endpoint's log group (the environment's logs key): the construct then creates
   * `/aws/sagemaker/Endpoints/<endpoint>` itself, kept `logRetention`.
   *
   * @default - SageMaker creates the log group, unencrypted by a customer key and kept forever
   */
  readonly logsKey?: kms.IKey;
  /**
   * How long the endpoint's log group keeps the models' logs (with `logsKey`).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /** The role the endpoint runs as. */
  readonly inferenceRole: iam.IRole;
  /** The role the monitors run as. */
  readonly monitoringRole: iam.IRole;
  /** Where the endpoint's and the monitors' alarms go. */
  readonly alerts: IAlertDestination;
  /** Where model artifacts, baselines, analysis configurations and monitoring reports are. */
  readonly modelArtifactsBucket: s3.IBucket;
  /** Where ground-truth labels arrive. */
  readonly trainingDataBucket: s3.IBucket;
  /** Where the capture bucket's server access logs go. */
  readonly accessLogsBucket: s3.IBucket;
  /** The repository of serving images, for variants given as an image and an artifact. */
  readonly servingImages: ecr.IRepository;
}

/**
 * The model an environment serves: a `GuardedEndpoint` run by the inference role in the
 * environment's network, its storage on the `models` key, capturing to a confidential bucket on the `data`
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
    checkServedImages(props.model);
    this.captureBucket = this.createCaptureBucket(props);
    this.endpoint = this.createEndpoint(props);
    this.invokePolicy = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: `Invoke SageMaker endpoint ${this.endpoint.endpointName} and nothing else; attach it to the role an application calls the model with`,
      statements: [this.endpoint.invokeStatement()],
    });
    this.monitoring = this.createMonitoring(props);
  }

  private createCaptureBucket(props: ModelServingProps): SecureBucket {
    // Requests to a model are production data about real people: treated as personal data, kept
    // 90 days (enough for monitoring and for investigating a quarter's incidents), then expired,
    // and removed for good a week later.
    checkCaptureExpiration(props.model.captureExpiration, 'model.captureExpiration');
    return new SecureBucket(this, 'CaptureBucket', {
      dataClassification: DataClassification.CONFIDENTIAL,
      containsPersonalData: true,
      encryptionKey: props.dataKey,
      accessLogsBucket: props.accessLogsBucket,
      expiration: props.model.captureExpiration ?? Duration.days(DEFAULT_CAPTURE_EXPIRATION_DAYS),
      noncurrentVersionRetention: CAPTURE_NONCURRENT_RETENTION,
    });
  }

  private createEndpoint(props: ModelServingProps): GuardedEndpoint {
    const model = props.model;
    return new GuardedEndpoint(this, 'Endpoint', {
      environmentName: props.environmentName,
      name: model.name,
      production: props.production,
      role: props.inferenceRole,
      subnets: props.subnets,
      securityGroup: props.securityGroup,
      encryptionKey: props.modelsKey,
      logEncryptionKey: props.logsKey,
      logRetention: props.logRetention,
      alerts: props.alerts,
      captureBucket: this.captureBucket.bucket,
      captureKey: props.dataKey,
      captureSamplingPercentage: model.captureSamplingPercentage,
      deployment: model.deployment,
      rollbackAlarms: model.rollbackAlarmNames?.map((name, i) => cloudwatch.Alarm.fromAlarmName(this, `RollbackAlarm${i + 1}`, name)),
      variants: model.variants.map((v) => ({
        name: v.name,
        modelPackageArn: v.modelPackageArn,
        image: v.imageTag === undefined ? undefined : {
          repository: props.servingImages,
          tagOrDigest: v.imageTag,
          artifact: at(props.modelArtifactsBucket, v.artifactKey!),
        },
        weight: v.weight,
        instanceType: v.instanceType,
        instanceCount: v.instanceCount,
        maxInstanceCount: v.maxInstanceCount,
      })),
    });
  }

  private createMonitoring(props: ModelServingProps): ModelMonitoring {
    const model = props.model;
    const artifacts = props.modelArtifactsBucket;
    const trainingData = props.trainingDataBucket;
    const mq = model.modelQuality;
    const bias = model.bias;
    const explain = model.explainability;
    return new ModelMonitoring(this, 'Monitoring', {
      endpoint: this.endpoint,
      role: props.monitoringRole,
      subnets: props.subnets,
      securityGroup: props.securityGroup,
      volumeKey: props.dataKey,
      outputBucket: artifacts,
      outputKey: props.modelsKey,
      alerts: props.alerts,
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

/** An object (or prefix) of a bucket. */
/** A variant served from an image needs its artifact, and an artifact needs the image that serves it. */
function checkServedImages(model: ServedModelDefinition): void {
  model.variants.forEach((v, i) => {
    if ((v.imageTag === undefined) !== (v.artifactKey === undefined)) {
      const given = v.imageTag === undefined ? `artifactKey '${v.artifactKey}' without imageTag` : `imageTag '${v.imageTag}' without artifactKey`;
      throw new Soc2MlError(`model '${model.name}' variants[${i}] ('${v.name}') gives ${given}: a variant served from the serving repository needs both, the image's tag and the model artifact's key in the model-artifacts bucket (or give modelPackageArn instead).`);
    }
  });
}

function at(bucket: s3.IBucket, key: string): s3.Location {
  return { bucketName: bucket.bucketName, objectKey: key };
}

/** A file under a prefix, whether or not the prefix ends in a slash. */
function file(prefix: string, name: string): string {
  return `${prefix.replace(/\/+$/, '')}/${name}`;
}
