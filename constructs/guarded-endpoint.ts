import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { CAPTURE_NONCURRENT_RETENTION, checkCaptureExpiration, DEFAULT_CAPTURE_EXPIRATION_DAYS, DEFAULT_CAPTURE_SAMPLING_PERCENTAGE } from './private/capture';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { digest, physicalName } from './private/sagemaker-names';
import { SageMakerInstanceType } from './sagemaker-instance-type';
import { SecureBucket } from './secure-bucket';
import { IAlertDestination } from './security-alert-topic';
import { alertAction } from './private/alert-destination';
import { constructIdOf } from '../core/construct-ids';
import { checkModelPackagePlacement, MAX_ENDPOINT_NAME, parseModelPackageArn, validateEnvironmentName, validateEnvironmentScopedName } from '../core/names';
import { checkVariants, DEFAULT_INSTANCE_COUNT } from './private/variant-checks';
import { complianceAcknowledgements, soc2mlRuleId } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { Soc2MlError } from '../core/errors';
import { checkProps, PropShape } from './private/prop-checks';

/** A serving image and the model artifact it serves. */
export interface VariantImage {
  /** The repository of the image, for example the environment's serving `ImageRepository`. */
  readonly repository: ecr.IRepository;
  /** The image's tag (immutable in an `ImageRepository`) or digest (`sha256:…`). */
  readonly tagOrDigest: string;
  /** The model artifact (`model.tar.gz`) the image serves. */
  readonly artifact: s3.Location;
}

/** One production variant of a `GuardedEndpoint`: its own model, instances and share of traffic. */
export interface EndpointVariant {
  /**
   * The variant's name. Keep it across updates: a blue/green deployment replaces a variant's fleet
   * only when the new configuration names the same variants.
   */
  readonly name: string;

  /**
   * The ARN of an approved model package version (`…:model-package/<group>/<version>`), the
   * registry's record of what was approved. Give this or `image`.
   *
   * @default - none; `image` is used
   */
  readonly modelPackageArn?: string;

  /**
   * A serving image and the artifact it serves. Give this or `modelPackageArn`.
   *
   * @default - none; `modelPackageArn` is used
   */
  readonly image?: VariantImage;

  /**
   * The variant's share of traffic, relative to the other variants' weights (A/B testing).
   *
   * @default 1
   */
  readonly weight?: number;

  /**
   * The instance type.
   *
   * @default SageMakerInstanceType.ML_M5_LARGE
   */
  readonly instanceType?: SageMakerInstanceType;

  /**
   * Instances to start with, and the fewest autoscaling keeps (at least 2 in production, which
   * SageMaker spreads across Availability Zones).
   *
   * @default 2
   */
  readonly instanceCount?: number;

  /**
   * The most instances autoscaling may add up to.
   *
   * @default - twice `instanceCount`
   */
  readonly maxInstanceCount?: number;

  /**
   * The invocations per instance per minute autoscaling keeps the variant at
   * (`SageMakerVariantInvocationsPerInstance`). Load-test the model to choose it.
   *
   * @default 100
   */
  readonly targetInvocationsPerInstance?: number;
}

/** Options of a canary deployment. */
export interface CanaryDeploymentOptions {
  /**
   * The share of capacity that receives traffic first, in percent (1 to 50).
   *
   * @default 10
   */
  readonly canaryPercent?: number;
  /**
   * How long the canary is watched before the rest of the traffic moves (at most an hour).
   *
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
  /**
   * How long the old fleet is kept, watched, once all traffic has moved (at most an hour).
   *
   * @default Duration.minutes(10)
   */
  readonly finalBakeTime?: Duration;
}

/** Options of a linear deployment. */
export interface LinearDeploymentOptions {
  /**
   * The share of capacity each step moves, in percent (10 to 50).
   *
   * @default 20
   */
  readonly stepPercent?: number;
  /**
   * How long each step is watched before the next (at most an hour).
   *
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
  /**
   * How long the old fleet is kept, watched, once all traffic has moved (at most an hour).
   *
   * @default Duration.minutes(10)
   */
  readonly finalBakeTime?: Duration;
}

const MAX_BAKE_SECONDS = 3600;

/**
 * How a new endpoint configuration takes traffic: a blue/green deployment that shifts traffic to
 * the new fleet in a canary step or linear steps, watched by the rollback alarms at every step.
 * There is no all-at-once option.
 */
export class EndpointDeployment {
  /** 10% of capacity first, watched 10 minutes, then the rest. */
  public static readonly CANARY = EndpointDeployment.canary();
  /** 20% of capacity at a time, each step watched 10 minutes. */
  public static readonly LINEAR = EndpointDeployment.linear();

  /** Shift a canary share of traffic first, then the rest. */
  public static canary(options: CanaryDeploymentOptions = {}): EndpointDeployment {
    const percent = percentIn('canaryPercent', options.canaryPercent ?? 10, 1, 50);
    return new EndpointDeployment('CANARY', percent, bake('bakeTime', options.bakeTime), bake('finalBakeTime', options.finalBakeTime));
  }

  /** Shift traffic in equal steps. */
  public static linear(options: LinearDeploymentOptions = {}): EndpointDeployment {
    const percent = percentIn('stepPercent', options.stepPercent ?? 20, 10, 50);
    return new EndpointDeployment('LINEAR', percent, bake('bakeTime', options.bakeTime), bake('finalBakeTime', options.finalBakeTime));
  }

  private constructor(
    /** `CANARY` or `LINEAR`, as SageMaker names it. */
    public readonly trafficRoutingType: string,
    /** The canary size or the linear step, in percent of capacity. */
    public readonly percent: number,
    /** Seconds each step is watched. */
    public readonly bakeSeconds: number,
    /** Seconds the old fleet is kept once all traffic has moved. */
    public readonly finalBakeSeconds: number,
  ) {}

  /** @internal */
  public _policy(): sagemaker.CfnEndpoint.BlueGreenUpdatePolicyProperty {
    const size = { type: 'CAPACITY_PERCENT', value: this.percent };
    return {
      trafficRoutingConfiguration: {
        type: this.trafficRoutingType,
        waitIntervalInSeconds: this.bakeSeconds,
        ...(this.trafficRoutingType === 'CANARY' ? { canarySize: size } : { linearStepSize: size }),
      },
      terminationWaitInSeconds: this.finalBakeSeconds,
    };
  }
}

function percentIn(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Soc2MlError(`${option} is ${value}: SageMaker takes a whole percentage of capacity from ${min} to ${max}.`);
  }
  return value;
}

function bake(option: string, value: Duration | undefined): number {
  const seconds = (value ?? Duration.minutes(10)).toSeconds();
  if (seconds < 0 || seconds > MAX_BAKE_SECONDS) {
    throw new Soc2MlError(`${option} is ${seconds} seconds: SageMaker watches a deployment step for 0 to ${MAX_BAKE_SECONDS} seconds; pass at most Duration.hours(1).`);
  }
  return seconds;
}

/** Thresholds of a `GuardedEndpoint`'s alarms. */
export interface EndpointAlarmThresholds {
  /**
   * The share of invocations that may fail with a 5XX error, in percent, before a deployment
   * rolls back and the alert topic hears of it.
   *
   * @default 1
   */
  readonly serverErrorRatePercent?: number;
  /**
   * The 90th-percentile model latency above which a deployment rolls back.
   *
   * @default Duration.seconds(1)
   */
  readonly modelLatency?: Duration;
  /**
   * CPU use above which the alert topic hears of it, in percent of an instance's vCPUs.
   *
   * @default 80
   */
  readonly cpuUtilizationPercent?: number;
  /**
   * Memory use above which the alert topic hears of it, in percent.
   *
   * @default 90
   */
  readonly memoryUtilizationPercent?: number;
  /**
   * Disk use above which the alert topic hears of it, in percent.
   *
   * @default 80
   */
  readonly diskUtilizationPercent?: number;
}

/** A SageMaker endpoint whose captured data can be monitored. */
export interface IGuardedEndpoint extends IConstruct {
  /** The endpoint's name. */
  readonly endpointName: string;
  /** The endpoint's ARN. */
  readonly endpointArn: string;
  /** Where the endpoint captures requests and responses. */
  readonly captureBucket: s3.IBucket;
  /** The key that encrypts captured data. */
  readonly captureKey: kms.IKey;
  /** The key prefix captured data is written under. */
  readonly capturePrefix: string;
}

export interface GuardedEndpointProps {
  /** The environment; the endpoint is named `<environment>-<name>`. */
  readonly environmentName: string;

  /** The endpoint's short name (lowercase letters, digits and hyphens), for example `churn`. */
  readonly name: string;

  /** The production variants: one or more, each with its own model, for A/B testing by weight. */
  readonly variants: EndpointVariant[];

  /**
   * The role the models run as: it must be able to read the artifacts and pull the images (the
   * environment's inference role). The endpoint lets it write captured data.
   */
  readonly role: iam.IRole;

  /** The subnets the models run in (the environment's workload subnets). */
  readonly subnets: ec2.ISubnet[];

  /** The security group of the models (the environment's workload security group). */
  readonly securityGroup: ec2.ISecurityGroup;

  /**
   * The customer-managed key that encrypts the instances' storage volumes (the environment's
   * `models` key). Instance types with local NVMe storage refuse a key: their storage is encrypted
   * by hardware, and the construct leaves the key out and says so in an acknowledgement.
   */
  readonly encryptionKey: kms.IKey;

  /** Where the endpoint's alarms go. */
  readonly alerts: IAlertDestination;

  /**
   * Where requests and responses are captured (under `data-capture/`).
   *
   * @default - a new confidential `SecureBucket`, marked as holding personal data, encrypted with
   * `captureKey`
   */
  readonly captureBucket?: s3.IBucket;

  /**
   * The customer-managed key captured data is encrypted with. Required with `captureBucket`: it
   * must be that bucket's default key.
   *
   * @default - a new `PlatformKey` for data
   */
  readonly captureKey?: kms.IKey;

  /**
   * The share of requests captured, in percent (1 to 100). Captured requests and responses are
   * data about real people, so the endpoint keeps a sample rather than all of them: a fifth is
   * enough for hourly drift statistics at a few hundred requests an hour. Raise it for an endpoint
   * with little traffic, or for model-quality monitoring that needs most predictions labelled.
   *
   * @default 20
   */
  readonly captureSamplingPercentage?: number;

  /**
   * How long captured data is kept in the endpoint's own capture bucket before it expires (at
   * least a day). Not with `captureBucket`: the lifecycle of a bucket you give is yours.
   *
   * @default Duration.days(90)
   */
  readonly captureExpiration?: Duration;

  /**
   * Whether the endpoint serves production: every variant then needs at least 2 instances.
   *
   * @default false
   */
  readonly production?: boolean;

  /**
   * How a new configuration takes traffic.
   *
   * @default EndpointDeployment.CANARY
   */
  readonly deployment?: EndpointDeployment;

  /**
   * More alarms that roll a deployment back, on top of each variant's server-error and latency
   * alarms (SageMaker watches at most 10 in all). An empty list is refused: leave it out.
   *
   * @default - none
   */
  readonly rollbackAlarms?: cloudwatch.IAlarm[];

  /**
   * Thresholds of the alarms.
   *
   * @default - see `EndpointAlarmThresholds`
   */
  readonly alarmThresholds?: EndpointAlarmThresholds;

  /**
   * The key of the endpoint's log group (a key whose policy admits CloudWatch Logs, such as a
   * `PlatformKey` for logs). Given, the construct creates `/aws/sagemaker/Endpoints/<endpoint>`
   * itself, before the endpoint, encrypted and kept `logRetention`, instead of leaving SageMaker to
   * create it on first start unencrypted and kept forever. An endpoint deployed without it already
   * has that log group: delete it (or import it with `cdk import`) before deploying with a key.
   *
   * @default - SageMaker creates the log group
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * How long the endpoint's log group keeps the models' logs. Only with `logEncryptionKey`.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

const MAX_ROLLBACK_ALARMS = 10;
const CAPTURE_PREFIX = 'data-capture';

/**
 * A SageMaker real-time endpoint guarded for production: each variant its own network-isolated
 * model in the VPC, storage encrypted with a customer-managed key, every request and response
 * captured to a KMS-encrypted bucket, target-tracking autoscaling, and blue/green deployments
 * (canary or linear) that roll back on the variants' server-error and latency alarms and any
 * alarm you add. CPU, memory and disk alarms, and the rollback alarms, go to the alert topic.
 * Callers invoke it only through roles given `grantInvoke`.
 */
export class GuardedEndpoint extends Construct implements IGuardedEndpoint {
  /** The endpoint. */
  public readonly resource: sagemaker.CfnEndpoint;
  /** The endpoint configuration in service. */
  public readonly config: sagemaker.CfnEndpointConfig;
  /** The model of each variant, by variant name. */
  public readonly models: Readonly<Record<string, sagemaker.CfnModel>>;
  /** `<environment>-<name>`. */
  public readonly endpointName: string;
  public readonly endpointArn: string;
  public readonly captureBucket: s3.IBucket;
  public readonly captureKey: kms.IKey;
  public readonly capturePrefix = CAPTURE_PREFIX;
  /** The alarms that roll a deployment back (each variant's, then yours). */
  public readonly rollbackAlarms: cloudwatch.IAlarm[];
  /** The CPU, memory and disk alarms of each variant. */
  public readonly infrastructureAlarms: cloudwatch.Alarm[];
  /** The policy that lets the models' role write captured data. */
  public readonly capturePolicy: iam.ManagedPolicy;
  /** The endpoint's log group, where the construct creates it (`logEncryptionKey`). */
  public readonly logGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, props: GuardedEndpointProps) {
    super(scope, id);
    checkProps('GuardedEndpoint', props, GUARDED_ENDPOINT_PROPS);
    validate(props);
    const stack = Stack.of(this);
    props.variants.forEach((v, i) => {
      if (v.modelPackageArn !== undefined && !Token.isUnresolved(v.modelPackageArn)) {
        checkModelPackagePlacement(v.modelPackageArn, `variants[${i}].modelPackageArn`,
          Token.isUnresolved(stack.account) ? undefined : stack.account, Token.isUnresolved(stack.region) ? undefined : stack.region);
      }
    });
    const variants = props.variants;
    this.endpointName = `${props.environmentName}-${props.name}`;
    this.endpointArn = Stack.of(this).formatArn({ service: 'sagemaker', resource: 'endpoint', resourceName: this.endpointName });

    const capture = this.captureDestination(props);
    this.captureBucket = capture.bucket;
    this.captureKey = capture.key;
    this.capturePolicy = this.createCapturePolicy(props.role);

    const types = variants.map((v) => v.instanceType ?? SageMakerInstanceType.ML_M5_LARGE);
    const variantScopes = variants.map((v) => new Construct(this, constructIdOf(v.name)));
    this.models = this.createModels(props, variantScopes);
    this.config = this.createConfig(props, types);

    const thresholds = props.alarmThresholds ?? {};
    const alarmAction = alertAction(props.alerts);
    const ownRollbackAlarms = variants.flatMap((v, i) => this.createRollbackAlarms(variantScopes[i], v, thresholds));
    ownRollbackAlarms.forEach((a) => a.addAlarmAction(alarmAction));
    this.rollbackAlarms = [...ownRollbackAlarms, ...(props.rollbackAlarms ?? [])];
    if (this.rollbackAlarms.length > MAX_ROLLBACK_ALARMS) {
      throw new Soc2MlError(`rollbackAlarms: ${variants.length} variant(s) bring ${ownRollbackAlarms.length} rollback alarms and rollbackAlarms adds ${props.rollbackAlarms?.length ?? 0}, ${this.rollbackAlarms.length} in all; SageMaker watches at most ${MAX_ROLLBACK_ALARMS}. Pass fewer alarms (a composite alarm counts as one).`);
    }
    this.resource = this.createEndpoint(props.deployment);
    if (props.logEncryptionKey) {
      this.logGroup = this.createLogGroup(props.logEncryptionKey, props.logRetention);
    }

    // Rollback alarms name the endpoint literally (the endpoint refers to them); everything after
    // it refers to the endpoint, so it is created first and an inventory sees what watches it.
    this.infrastructureAlarms = variants.flatMap((v, i) => {
      const alarms = this.createInfrastructureAlarms(variantScopes[i], v, types[i], thresholds, alarmAction);
      this.addAutoscaling(variantScopes[i], v);
      return alarms;
    });
  }

  /** Let a principal invoke this endpoint, and nothing else. */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: [...INVOKE_ACTIONS], resourceArns: [this.endpointArn] });
  }

  /** The statement `grantInvoke` adds, for a policy of your own (for example one your application's role attaches). */
  public invokeStatement(): iam.PolicyStatement {
    return new iam.PolicyStatement({ actions: [...INVOKE_ACTIONS], resources: [this.endpointArn] });
  }

  /** The caller's bucket and key, or a new confidential bucket (and key, unless given) of our own. */
  private captureDestination(props: GuardedEndpointProps): { bucket: s3.IBucket; key: kms.IKey } {
    if (props.captureBucket) {
      return { bucket: props.captureBucket, key: props.captureKey! };
    }
    const bucket = new SecureBucket(this, 'CaptureBucket', {
      dataClassification: DataClassification.CONFIDENTIAL,
      containsPersonalData: true,
      encryptionKey: props.captureKey,
      expiration: props.captureExpiration ?? Duration.days(DEFAULT_CAPTURE_EXPIRATION_DAYS),
      noncurrentVersionRetention: CAPTURE_NONCURRENT_RETENTION,
    });
    return { bucket: bucket.bucket, key: bucket.encryptionKey };
  }

  /** SageMaker writes captured data as the models' role, under SSE-KMS with the capture key. */
  private createCapturePolicy(role: iam.IRole): iam.ManagedPolicy {
    const policy = new iam.ManagedPolicy(this, 'CapturePolicy', {
      description: `Lets the models of SageMaker endpoint ${this.endpointName} write captured requests and responses`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({ sid: 'WriteCapturedData', actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [this.captureBucket.arnForObjects(`${CAPTURE_PREFIX}/*`)] }),
        new iam.PolicyStatement({ sid: 'EncryptCapturedData', actions: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], resources: [this.captureKey.keyArn] }),
      ],
    });
    acknowledgeRoleWildcards(policy);
    return policy;
  }

  /** Each variant's network-isolated model, in its variant's scope. */
  private createModels(props: GuardedEndpointProps, variantScopes: Construct[]): Record<string, sagemaker.CfnModel> {
    const models: Record<string, sagemaker.CfnModel> = {};
    props.variants.forEach((v, i) => {
      const modelProps: sagemaker.CfnModelProps = {
        executionRoleArn: props.role.roleArn,
        enableNetworkIsolation: true,
        vpcConfig: { subnets: props.subnets.map((s) => s.subnetId), securityGroupIds: [props.securityGroup.securityGroupId] },
        primaryContainer: v.modelPackageArn !== undefined
          ? { modelPackageName: v.modelPackageArn }
          : { image: v.image!.repository.repositoryUriForTagOrDigest(v.image!.tagOrDigest), modelDataUrl: `s3://${v.image!.artifact.bucketName}/${v.image!.artifact.objectKey}` },
      };
      // Named `<endpoint>-<variant>-<digest>`: see private/sagemaker-names.
      models[v.name] = new sagemaker.CfnModel(variantScopes[i], 'Model', {
        ...modelProps,
        modelName: physicalName(`${this.endpointName}-${v.name}`, digest(this, modelProps)),
      });
      // Kept when a deployment replaces it: the configuration before it still names it (rollback).
      models[v.name].applyRemovalPolicy(RemovalPolicy.RETAIN);
    });
    return models;
  }

  /** The endpoint configuration: the variants, their storage key, and data capture. */
  private createConfig(props: GuardedEndpointProps, types: SageMakerInstanceType[]): sagemaker.CfnEndpointConfig {
    const localStorage = types.filter((t) => t.hasLocalStorage).map((t) => t.name);
    const configProps: sagemaker.CfnEndpointConfigProps = {
      kmsKeyId: localStorage.length > 0 ? undefined : props.encryptionKey.keyArn,
      productionVariants: props.variants.map((v, i) => ({
        variantName: v.name,
        modelName: this.models[v.name].modelName!,
        instanceType: types[i].name,
        initialInstanceCount: v.instanceCount ?? DEFAULT_INSTANCE_COUNT,
        initialVariantWeight: v.weight ?? 1,
      })),
      dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: props.captureSamplingPercentage ?? DEFAULT_CAPTURE_SAMPLING_PERCENTAGE,
        destinationS3Uri: `s3://${this.captureBucket.bucketName}/${CAPTURE_PREFIX}`,
        kmsKeyId: this.captureKey.keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
      },
    };
    const config = new sagemaker.CfnEndpointConfig(this, 'Config', {
      ...configProps,
      endpointConfigName: physicalName(this.endpointName, digest(this, configProps)),
    });
    Object.values(this.models).forEach((m) => config.addResourceDependency(m));
    // Kept when a deployment replaces it, so the endpoint can be rolled back to it (IncidentRunbooks'
    // rollback runbook); an endpoint configuration costs nothing while no endpoint uses it.
    config.applyRemovalPolicy(RemovalPolicy.RETAIN);
    if (localStorage.length > 0) {
      const reason = `The instance types ${[...new Set(localStorage)].join(', ')} have local NVMe instance storage, which SageMaker encrypts with a hardware module on the instance and for which CreateEndpointConfig refuses a KmsKeyId (SageMaker API Reference, CreateEndpointConfig). Captured data is still encrypted with a customer-managed key.`;
      acknowledgeForPlatform(config,
        { id: soc2mlRuleId('SageMakerEndpointConfigKms'), reason },
        ...complianceAcknowledgements('SageMakerEndpointConfigurationKMSKeyConfigured', reason),
      );
    }
    return config;
  }

  /** A variant's server-error-rate and latency alarms, which roll a deployment back. */
  private createRollbackAlarms(at: Construct, v: EndpointVariant, thresholds: EndpointAlarmThresholds): cloudwatch.Alarm[] {
    const variantDims = { EndpointName: this.endpointName, VariantName: v.name };
    const invocationMetric = (metricName: string, statistic: string) => new cloudwatch.Metric({
      namespace: 'AWS/SageMaker', metricName, dimensionsMap: variantDims, statistic, period: Duration.minutes(1),
    });
    const errorRate = thresholds.serverErrorRatePercent ?? 1;
    const serverErrors = new cloudwatch.Alarm(at, 'ServerErrorsAlarm', {
      alarmDescription: `More than ${errorRate}% of invocations of ${this.endpointName} variant ${v.name} failed with a server (5XX) error in 2 of the last 3 minutes. A deployment in progress rolls back; otherwise check the model's logs in CloudWatch Logs under /aws/sagemaker/Endpoints/${this.endpointName}.`,
      metric: new cloudwatch.MathExpression({
        expression: '100 * errors / invocations',
        usingMetrics: { errors: invocationMetric('Invocation5XXErrors', 'Sum'), invocations: invocationMetric('Invocations', 'Sum') },
        label: '5XX error rate (%)',
        period: Duration.minutes(1),
      }),
      threshold: errorRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const latency = thresholds.modelLatency ?? Duration.seconds(1);
    const latencyAlarm = new cloudwatch.Alarm(at, 'LatencyAlarm', {
      alarmDescription: `The 90th-percentile model latency of ${this.endpointName} variant ${v.name} was above ${latency.toMilliseconds()} ms in 2 of the last 3 minutes. A deployment in progress rolls back; otherwise check load, instance metrics and the model's logs.`,
      // ModelLatency is reported in microseconds.
      metric: invocationMetric('ModelLatency', 'p90'),
      threshold: latency.toMilliseconds() * 1000,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    return [serverErrors, latencyAlarm];
  }

  /** The endpoint, deployed blue/green and rolled back on the rollback alarms. */
  private createEndpoint(deployment: EndpointDeployment | undefined): sagemaker.CfnEndpoint {
    return new sagemaker.CfnEndpoint(this, 'Resource', {
      endpointName: this.endpointName,
      endpointConfigName: this.config.attrEndpointConfigName,
      deploymentConfig: {
        blueGreenUpdatePolicy: (deployment ?? EndpointDeployment.CANARY)._policy(),
        autoRollbackConfiguration: { alarms: this.rollbackAlarms.map((a) => ({ alarmName: a.alarmName })) },
      },
    });
  }

  /**
   * The log group SageMaker writes the models' logs to, created first: SageMaker then finds it and
   * keeps its key and retention.
   */
  private createLogGroup(encryptionKey: kms.IKey, retention: logs.RetentionDays | undefined): logs.LogGroup {
    const group = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/sagemaker/Endpoints/${this.endpointName}`,
      encryptionKey,
      retention: retention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.resource.node.addDependency(group);
    return group;
  }

  /** A variant's CPU, memory and disk alarms, which go to the alert topic. */
  private createInfrastructureAlarms(
    at: Construct, v: EndpointVariant, type: SageMakerInstanceType, thresholds: EndpointAlarmThresholds, alarmAction: cloudwatch.IAlarmAction,
  ): cloudwatch.Alarm[] {
    const variantDims = { EndpointName: this.resource.attrEndpointName, VariantName: v.name };
    const instanceMetric = (metricName: string) => new cloudwatch.Metric({
      namespace: '/aws/sagemaker/Endpoints', metricName, dimensionsMap: variantDims, statistic: 'Average', period: Duration.minutes(5),
    });
    // CPUUtilization is the sum over an instance's cores (up to 100% each).
    const cpuPercent = thresholds.cpuUtilizationPercent ?? 80;
    const memoryPercent = thresholds.memoryUtilizationPercent ?? 90;
    const diskPercent = thresholds.diskUtilizationPercent ?? 80;
    const infra: [string, string, number, string][] = [
      ['CpuAlarm', 'CPUUtilization', cpuPercent * (type.vcpus ?? 1), `CPU use of ${this.endpointName} variant ${v.name} was above ${cpuPercent}% of its vCPUs for 15 minutes`],
      ['MemoryAlarm', 'MemoryUtilization', memoryPercent, `Memory use of ${this.endpointName} variant ${v.name} was above ${memoryPercent}% for 15 minutes`],
      ['DiskAlarm', 'DiskUtilization', diskPercent, `Disk use of ${this.endpointName} variant ${v.name} was above ${diskPercent}% for 15 minutes`],
    ];
    return infra.map(([alarmId, metricName, threshold, what]) => {
      const alarm = new cloudwatch.Alarm(at, alarmId, {
        alarmDescription: `${what}. Autoscaling adds instances on invocations, not on this: raise maxInstanceCount or choose a larger instance type if it persists.`,
        metric: instanceMetric(metricName),
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(alarmAction);
      return alarm;
    });
  }

  /** Target tracking on a variant's invocations per instance, between its instance counts. */
  private addAutoscaling(at: Construct, v: EndpointVariant): void {
    const count = v.instanceCount ?? DEFAULT_INSTANCE_COUNT;
    // L1 without a RoleARN: Application Auto Scaling then uses (and creates, if needed) its
    // service-linked role for SageMaker, where the L2 would create an IAM role of its own.
    const target = new appscaling.CfnScalableTarget(at, 'ScalableTarget', {
      serviceNamespace: 'sagemaker',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      resourceId: `endpoint/${this.resource.attrEndpointName}/variant/${v.name}`,
      minCapacity: count,
      maxCapacity: v.maxInstanceCount ?? 2 * count,
    });
    new appscaling.CfnScalingPolicy(at, 'ScalingPolicy', {
      policyName: `${this.endpointName}-${v.name}-invocations`,
      policyType: 'TargetTrackingScaling',
      scalingTargetId: target.ref,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: v.targetInvocationsPerInstance ?? 100,
        predefinedMetricSpecification: { predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
      },
    });
  }
}

/** What a caller of the endpoint may do. */
const INVOKE_ACTIONS = ['sagemaker:InvokeEndpoint'] as const;

const GUARDED_ENDPOINT_PROPS: PropShape<GuardedEndpointProps> = {
  environmentName: 'value', name: 'value', variants: 'value', role: 'role', subnets: 'value', securityGroup: 'value', encryptionKey: 'key',
  alerts: 'topic', captureBucket: 'bucket', captureKey: 'key', captureSamplingPercentage: 'value', production: 'value', deployment: 'value',
  rollbackAlarms: 'value', alarmThresholds: 'value', captureExpiration: 'value', logEncryptionKey: 'key', logRetention: 'value',
};

function validate(props: GuardedEndpointProps): void {
  validateEnvironmentName(props?.environmentName, 'environmentName');
  validateEnvironmentScopedName(props.name, 'name', props.environmentName, MAX_ENDPOINT_NAME);
  for (const prop of ['role', 'securityGroup', 'encryptionKey', 'alerts'] as const) {
    if (!props[prop]) {
      throw new Soc2MlError(`${prop} is undefined: the endpoint needs it; pass it (MlEnvironment exposes the environment's).`);
    }
  }
  if (!Array.isArray(props.subnets) || props.subnets.length === 0) {
    throw new Soc2MlError('subnets is empty: pass the subnets the models run in (for example network.workloadSubnets.subnets).');
  }
  if (props.captureBucket && !props.captureKey) {
    throw new Soc2MlError('captureBucket is given without captureKey: pass the customer-managed key that is the bucket\'s default key, so captured data is written under it.');
  }
  if (props.captureBucket && props.captureExpiration) {
    throw new Soc2MlError('captureExpiration is set but captureBucket is given: the expiration applies to the endpoint\'s own capture bucket. Set the expiration on the bucket you give (SecureBucket\'s expiration), or drop captureBucket.');
  }
  checkCaptureExpiration(props.captureExpiration, 'captureExpiration');
  if (props.logRetention !== undefined && !props.logEncryptionKey) {
    throw new Soc2MlError(`logRetention is ${JSON.stringify(props.logRetention)} but logEncryptionKey is not given: the construct creates the endpoint's log group only with a key. Pass logEncryptionKey (the environment's logs key), or drop logRetention.`);
  }
  const sampling = props.captureSamplingPercentage;
  if (sampling !== undefined && !(Number.isInteger(sampling) && sampling >= 1 && sampling <= 100)) {
    throw new Soc2MlError(`captureSamplingPercentage is ${sampling}: pass a whole percentage from 1 to 100.`);
  }
  if (props.rollbackAlarms !== undefined && props.rollbackAlarms.length === 0) {
    throw new Soc2MlError('rollbackAlarms is an empty list: a rollback configuration needs alarms. Leave rollbackAlarms out to roll back on each variant\'s server-error and latency alarms, or name the alarms to add.');
  }
  const variants = props.variants;
  if (!Array.isArray(variants) || variants.length === 0) {
    throw new Soc2MlError('variants is empty: pass at least one production variant, for example [{ name: "primary", modelPackageArn }].');
  }
  checkVariants(variants, (i) => `variants[${i}]`, props.production ?? false, 'The variants');
  variants.forEach((v, i) => {
    const at = `variants[${i}]`;
    if ((v.modelPackageArn === undefined) === (v.image === undefined)) {
      throw new Soc2MlError(`${at} gives ${v.modelPackageArn === undefined ? 'neither modelPackageArn nor image' : 'both modelPackageArn and image'}: give exactly one, an approved model package version or a serving image with its artifact.`);
    }
    if (v.modelPackageArn !== undefined && !Token.isUnresolved(v.modelPackageArn) && parseModelPackageArn(v.modelPackageArn) === undefined) {
      throw new Soc2MlError(`${at}.modelPackageArn is ${JSON.stringify(v.modelPackageArn)}: pass the ARN of a model package version, arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>.`);
    }
    if (v.image !== undefined && (!v.image.repository || !v.image.tagOrDigest || !v.image.artifact)) {
      throw new Soc2MlError(`${at}.image needs repository, tagOrDigest and artifact: the image to serve and the model artifact it loads.`);
    }
    const target = v.targetInvocationsPerInstance;
    if (target !== undefined && !(Number.isFinite(target) && target > 0)) {
      throw new Soc2MlError(`${at}.targetInvocationsPerInstance is ${target}: pass the invocations per instance per minute to scale at, a positive number.`);
    }
  });
}



