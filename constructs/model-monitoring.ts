import { CfnResource, Duration, Size, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { IGuardedEndpoint } from './guarded-endpoint';
import { CLARIFY_IMAGE, MODEL_MONITOR_IMAGE, RegionalImage, regionalImageUri } from './private/monitoring-images';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { digest, physicalName } from './private/sagemaker-names';
import { SageMakerInstanceType } from './sagemaker-instance-type';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget, alertAction } from './private/alert-destination';
import { Soc2MlError } from '../core/errors';

const HOUR = 3600;
const DAY = 24 * HOUR;
const CRON = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;

/**
 * How often monitoring runs. SageMaker runs monitoring jobs at most hourly, on the hour, from a
 * cron expression of the forms `cron(0 * ? * * *)` (hourly), `cron(0 H ? * * *)` (daily at hour
 * H, UTC) and `cron(0 H/N ? * * *)` (every N hours from hour H).
 */
export class MonitoringFrequency {
  /** Every hour, on the hour. */
  public static readonly HOURLY = new MonitoringFrequency('cron(0 * ? * * *)', HOUR);
  /** Every day at midnight UTC. */
  public static readonly DAILY = new MonitoringFrequency('cron(0 0 ? * * *)', DAY);

  /** Every day at an hour (0 to 23, UTC). */
  public static daily(hourUtc: number): MonitoringFrequency {
    return MonitoringFrequency.cron(`cron(0 ${hourUtc} ? * * *)`);
  }

  /** Every `hours` hours (1 to 24), from midnight UTC. */
  public static everyHours(hours: number): MonitoringFrequency {
    return MonitoringFrequency.cron(hours === 1 ? 'cron(0 * ? * * *)' : `cron(0 0/${hours} ? * * *)`);
  }

  /** A cron expression SageMaker accepts (see the class description). */
  public static cron(expression: string): MonitoringFrequency {
    const fields = typeof expression === 'string' ? CRON.exec(expression.trim()) : null;
    const forms = 'SageMaker accepts cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H, UTC) and cron(0 H/N ? * * *) (every N hours)';
    if (!fields) {
      throw new Soc2MlError(`schedule ${JSON.stringify(expression)} is not a cron expression SageMaker runs monitoring on: ${forms}.`);
    }
    const [, minute, hour, dayOfMonth, month, dayOfWeek, year] = fields;
    if (minute !== '0') {
      throw new Soc2MlError(`schedule ${JSON.stringify(expression)} runs at minute "${minute}", more often than SageMaker allows: monitoring runs at most hourly, on the hour. ${forms}.`);
    }
    if (!['?', '*'].includes(dayOfMonth) || month !== '*' || !['?', '*'].includes(dayOfWeek) || year !== '*') {
      throw new Soc2MlError(`schedule ${JSON.stringify(expression)} restricts days, months or years, which SageMaker does not support: ${forms}.`);
    }
    if (hour === '*') {
      return new MonitoringFrequency(expression.trim(), HOUR);
    }
    const h = /^(\d{1,2})(?:\/(\d{1,2}))?$/.exec(hour);
    const start = h ? Number(h[1]) : NaN;
    const step = h?.[2] === undefined ? 24 : Number(h[2]);
    if (!h || start > 23 || step < 1 || step > 24) {
      throw new Soc2MlError(`schedule ${JSON.stringify(expression)} has hour field "${hour}": use *, an hour from 0 to 23, or H/N with N from 1 to 24. ${forms}.`);
    }
    return new MonitoringFrequency(expression.trim(), step * HOUR);
  }

  private constructor(
    /** The schedule expression. */
    public readonly expression: string,
    /** Seconds between runs. */
    public readonly intervalSeconds: number,
  ) {}
}

/**
 * The image a monitoring job runs: SageMaker's own (from the AWS-owned registry of the stack's
 * region, looked up in a documented per-region map at deploy time, so synth needs no lookup) or
 * one you name.
 */
export class MonitoringImage {
  /** SageMaker Model Monitor's analyzer (data quality, model quality). */
  public static readonly MODEL_MONITOR = new MonitoringImage(MODEL_MONITOR_IMAGE);
  /** SageMaker Clarify's processing image (model bias, model explainability). */
  public static readonly CLARIFY = new MonitoringImage(CLARIFY_IMAGE);

  /** An image by URI, for example SageMaker's image of a region the map lacks. */
  public static fromUri(uri: string): MonitoringImage {
    if (!Token.isUnresolved(uri) && (typeof uri !== 'string' || !/^\S+\.dkr\.ecr\.\S+\/\S+$/.test(uri))) {
      throw new Soc2MlError(`MonitoringImage.fromUri(${JSON.stringify(uri)}): pass an ECR image URI, <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag].`);
    }
    return new MonitoringImage(uri);
  }

  private constructor(private readonly source: RegionalImage | string) {}

  /** @internal */
  public _bind(scope: IConstruct): string {
    if (typeof this.source === 'string') {
      return this.source;
    }
    return regionalImageUri(scope, this.source, 'MonitoringImage.fromUri');
  }
}

/** The machine-learning problem a model solves, as model-quality monitoring names it. */
export enum ModelProblemType {
  BINARY_CLASSIFICATION = 'BinaryClassification',
  MULTICLASS_CLASSIFICATION = 'MulticlassClassification',
  REGRESSION = 'Regression',
}

/** Data-quality (drift) monitoring: captured requests against a baseline. */
export interface DataQualityMonitorOptions {
  /** The baseline's `statistics.json` (from a SageMaker baselining job on the training data). */
  readonly statistics: s3.Location;
  /** The baseline's `constraints.json`. */
  readonly constraints: s3.Location;
  /** @default MonitoringImage.MODEL_MONITOR */
  readonly image?: MonitoringImage;
}

/** Model-quality monitoring: predictions against ground-truth labels. */
export interface ModelQualityMonitorOptions {
  readonly problemType: ModelProblemType;
  /** Where ground-truth labels arrive (a prefix laid out like captured data). */
  readonly groundTruth: s3.Location;
  /** The baseline's `constraints.json`. */
  readonly constraints: s3.Location;
  /**
   * Where the prediction is in the model's output (an index for CSV, a JSON path for JSON).
   *
   * @default - the whole output
   */
  readonly inferenceAttribute?: string;
  /**
   * Where the probability is in the model's output (classification).
   *
   * @default - none
   */
  readonly probabilityAttribute?: string;
  /**
   * The probability above which a binary prediction is positive (0 to 1).
   *
   * @default - SageMaker's default
   */
  readonly probabilityThreshold?: number;
  /** @default MonitoringImage.MODEL_MONITOR */
  readonly image?: MonitoringImage;
}

/** SageMaker Clarify bias-drift monitoring. */
export interface ModelBiasMonitorOptions {
  /** The Clarify analysis configuration (label, facets, metrics). */
  readonly analysisConfig: s3.Location;
  /** Where ground-truth labels arrive. */
  readonly groundTruth: s3.Location;
  /** The baselining job's `analysis.json`, the bias constraints. */
  readonly constraints: s3.Location;
  /** @default MonitoringImage.CLARIFY */
  readonly image?: MonitoringImage;
}

/** SageMaker Clarify feature-attribution (explainability) drift monitoring. */
export interface ModelExplainabilityMonitorOptions {
  /** The Clarify analysis configuration (SHAP baseline, features). */
  readonly analysisConfig: s3.Location;
  /** The baselining job's `analysis.json`, the attribution constraints. */
  readonly constraints: s3.Location;
  /** @default MonitoringImage.CLARIFY */
  readonly image?: MonitoringImage;
}

export interface ModelMonitoringProps {
  /** The endpoint to watch; its captured data is the input. */
  readonly endpoint: IGuardedEndpoint;

  /**
   * The role monitoring jobs run as (the environment's monitoring role). It must be able to read
   * the baselines, ground truth and analysis configurations and write to `outputBucket`; the
   * construct lets it read the endpoint's captured data.
   */
  readonly role: iam.IRole;

  /** The subnets the jobs run in (the environment's workload subnets). */
  readonly subnets: ec2.ISubnet[];

  /** The security group of the jobs (the environment's workload security group). */
  readonly securityGroup: ec2.ISecurityGroup;

  /** The customer-managed key that encrypts the jobs' storage volumes (the `data` key). */
  readonly volumeKey: kms.IKey;

  /** Where reports go, under `monitoring/<endpoint>/<monitor>/`. */
  readonly outputBucket: s3.IBucket;

  /** The customer-managed key reports are encrypted with (`outputBucket`'s default key). */
  readonly outputKey: kms.IKey;

  /** Where violations and their alarms go. */
  readonly alerts: IAlertDestination;

  /** Data-quality (drift) monitoring, which every watched endpoint has. */
  readonly dataQuality: DataQualityMonitorOptions;

  /**
   * Model-quality monitoring.
   *
   * @default - none
   */
  readonly modelQuality?: ModelQualityMonitorOptions;

  /**
   * SageMaker Clarify bias-drift monitoring.
   *
   * @default - none
   */
  readonly modelBias?: ModelBiasMonitorOptions;

  /**
   * SageMaker Clarify feature-attribution drift monitoring.
   *
   * @default - none
   */
  readonly modelExplainability?: ModelExplainabilityMonitorOptions;

  /**
   * How often every monitor runs (at most hourly).
   *
   * @default MonitoringFrequency.HOURLY
   */
  readonly schedule?: MonitoringFrequency;

  /**
   * The instance type of the jobs. Types with local NVMe storage are refused: SageMaker refuses a
   * volume key on them.
   *
   * @default SageMakerInstanceType.ML_M5_XLARGE
   */
  readonly instanceType?: SageMakerInstanceType;

  /**
   * The storage volume of each job.
   *
   * @default Size.gibibytes(30)
   */
  readonly volumeSize?: Size;

  /**
   * How long a job may run, at most the schedule's interval and an hour.
   *
   * @default Duration.hours(1)
   */
  readonly maxRuntime?: Duration;
}

/** The monitors of an endpoint. */
export enum MonitorKind {
  DATA_QUALITY = 'DataQuality',
  MODEL_QUALITY = 'ModelQuality',
  MODEL_BIAS = 'ModelBias',
  MODEL_EXPLAINABILITY = 'ModelExplainability',
}

const KIND: Readonly<Record<MonitorKind, { slug: string; what: string }>> = {
  [MonitorKind.DATA_QUALITY]: { slug: 'data-quality', what: 'data drift (captured requests break the baseline\'s constraints)' },
  [MonitorKind.MODEL_QUALITY]: { slug: 'model-quality', what: 'model quality below its baseline' },
  [MonitorKind.MODEL_BIAS]: { slug: 'model-bias', what: 'bias drift beyond the baseline' },
  [MonitorKind.MODEL_EXPLAINABILITY]: { slug: 'explainability', what: 'feature-attribution drift beyond the baseline' },
};

/** One monitor: its job definition, schedule, violation rule and alarm. */
export interface Monitor {
  readonly kind: MonitorKind;
  readonly jobDefinition: sagemaker.CfnDataQualityJobDefinition | sagemaker.CfnModelQualityJobDefinition | sagemaker.CfnModelBiasJobDefinition | sagemaker.CfnModelExplainabilityJobDefinition;
  readonly schedule: sagemaker.CfnMonitoringSchedule;
  /** Sends each run that finds violations to the alert topic, written for a person. */
  readonly violationRule: events.Rule;
  /** In alarm when a run finds violations; its action is the alert topic. */
  readonly violationAlarm: cloudwatch.Alarm;
}

/**
 * Model Monitor for one endpoint: data-quality (drift) monitoring against a baseline you supply,
 * and optionally model-quality and SageMaker Clarify bias and explainability monitoring. Every job
 * encrypts traffic between its instances, runs network-isolated in the VPC, and encrypts its
 * volume and its reports with customer-managed keys. A run that finds violations is sent to the
 * alert topic and raises a CloudWatch alarm; failed and stopped runs are `MlOperationsAlerts`'.
 */
export class ModelMonitoring extends Construct {
  /** The monitors, by kind. */
  public readonly monitors: Readonly<Partial<Record<MonitorKind, Monitor>>>;
  /** The policy that lets the monitoring role read the endpoint's captured data. */
  public readonly capturePolicy: iam.ManagedPolicy;
  private readonly endpointNameRef: string;

  constructor(scope: Construct, id: string, props: ModelMonitoringProps) {
    super(scope, id);
    const schedule = props?.schedule ?? MonitoringFrequency.HOURLY;
    validate(props, schedule);
    const endpoint = props.endpoint;
    this.capturePolicy = this.createCapturePolicy(props);

    // Refer to the endpoint where it is a GuardedEndpoint's, so the jobs depend on it and an
    // inventory sees what watches it; names are derived from the literal name.
    const endpointRef = guardedEndpointNameRef(endpoint);
    this.endpointNameRef = endpointRef ?? endpoint.endpointName;

    const monitors: Partial<Record<MonitorKind, Monitor>> = {};
    const add = (kind: MonitorKind, define: (scope: Construct, name: JobDefinitionName) => Monitor['jobDefinition']) => {
      const at = new Construct(this, kind);
      const jobDefinition = define(at, (p) => physicalName(`${endpoint.endpointName}-${KIND[kind].slug}`, digest(this, p)));
      if (endpointRef === undefined) {
        jobDefinition.node.addDependency(endpoint);
      }
      monitors[kind] = this.watch(at, kind, jobDefinition, props, schedule);
    };
    add(MonitorKind.DATA_QUALITY, (at, name) => this.dataQualityJob(at, name, props));
    const { modelQuality, modelBias, modelExplainability } = props;
    if (modelQuality) {
      add(MonitorKind.MODEL_QUALITY, (at, name) => this.modelQualityJob(at, name, props, modelQuality));
    }
    if (modelBias) {
      add(MonitorKind.MODEL_BIAS, (at, name) => this.modelBiasJob(at, name, props, modelBias));
    }
    if (modelExplainability) {
      add(MonitorKind.MODEL_EXPLAINABILITY, (at, name) => this.modelExplainabilityJob(at, name, props, modelExplainability));
    }
    this.monitors = monitors;
  }

  private createCapturePolicy(props: ModelMonitoringProps): iam.ManagedPolicy {
    const endpoint = props.endpoint;
    const policy = new iam.ManagedPolicy(this, 'CapturePolicy', {
      description: `Lets the monitoring jobs of SageMaker endpoint ${endpoint.endpointName} read its captured requests and responses`,
      roles: [props.role],
      statements: [
        new iam.PolicyStatement({ sid: 'ReadCapturedData', actions: ['s3:GetObject'], resources: [endpoint.captureBucket.arnForObjects(`${endpoint.capturePrefix}/*`)] }),
        new iam.PolicyStatement({ sid: 'ListCapturedData', actions: ['s3:ListBucket'], resources: [endpoint.captureBucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${endpoint.capturePrefix}/*`] } } }),
        new iam.PolicyStatement({ sid: 'DecryptCapturedData', actions: ['kms:Decrypt'], resources: [endpoint.captureKey.keyArn] }),
      ],
    });
    acknowledgeRoleWildcards(policy);
    return policy;
  }

  private dataQualityJob(at: Construct, name: JobDefinitionName, props: ModelMonitoringProps): sagemaker.CfnDataQualityJobDefinition {
    const dq = props.dataQuality;
    const { output, ...common } = this.commonJobProps(MonitorKind.DATA_QUALITY, props);
    const p: sagemaker.CfnDataQualityJobDefinitionProps = {
      ...common,
      dataQualityAppSpecification: { imageUri: (dq.image ?? MonitoringImage.MODEL_MONITOR)._bind(this), environment: JOB_ENVIRONMENT },
      dataQualityBaselineConfig: { statisticsResource: { s3Uri: uri(dq.statistics) }, constraintsResource: { s3Uri: uri(dq.constraints) } },
      dataQualityJobInput: { endpointInput: this.endpointInput() },
      dataQualityJobOutputConfig: output,
    };
    return new sagemaker.CfnDataQualityJobDefinition(at, 'JobDefinition', { ...p, jobDefinitionName: name(p) });
  }

  private modelQualityJob(
    at: Construct, name: JobDefinitionName, props: ModelMonitoringProps, mq: ModelQualityMonitorOptions,
  ): sagemaker.CfnModelQualityJobDefinition {
    const { output, ...common } = this.commonJobProps(MonitorKind.MODEL_QUALITY, props);
    const p: sagemaker.CfnModelQualityJobDefinitionProps = {
      ...common,
      modelQualityAppSpecification: { imageUri: (mq.image ?? MonitoringImage.MODEL_MONITOR)._bind(this), problemType: mq.problemType, environment: JOB_ENVIRONMENT },
      modelQualityBaselineConfig: { constraintsResource: { s3Uri: uri(mq.constraints) } },
      modelQualityJobInput: {
        endpointInput: {
          ...this.endpointInput(),
          inferenceAttribute: mq.inferenceAttribute,
          probabilityAttribute: mq.probabilityAttribute,
          probabilityThresholdAttribute: mq.probabilityThreshold,
        },
        groundTruthS3Input: { s3Uri: uri(mq.groundTruth) },
      },
      modelQualityJobOutputConfig: output,
    };
    return new sagemaker.CfnModelQualityJobDefinition(at, 'JobDefinition', { ...p, jobDefinitionName: name(p) });
  }

  private modelBiasJob(
    at: Construct, name: JobDefinitionName, props: ModelMonitoringProps, bias: ModelBiasMonitorOptions,
  ): sagemaker.CfnModelBiasJobDefinition {
    const { output, ...common } = this.commonJobProps(MonitorKind.MODEL_BIAS, props);
    const p: sagemaker.CfnModelBiasJobDefinitionProps = {
      ...common,
      modelBiasAppSpecification: { imageUri: (bias.image ?? MonitoringImage.CLARIFY)._bind(this), configUri: uri(bias.analysisConfig), environment: JOB_ENVIRONMENT },
      modelBiasBaselineConfig: { constraintsResource: { s3Uri: uri(bias.constraints) } },
      modelBiasJobInput: { endpointInput: this.endpointInput(), groundTruthS3Input: { s3Uri: uri(bias.groundTruth) } },
      modelBiasJobOutputConfig: output,
    };
    return new sagemaker.CfnModelBiasJobDefinition(at, 'JobDefinition', { ...p, jobDefinitionName: name(p) });
  }

  private modelExplainabilityJob(
    at: Construct, name: JobDefinitionName, props: ModelMonitoringProps, explain: ModelExplainabilityMonitorOptions,
  ): sagemaker.CfnModelExplainabilityJobDefinition {
    const { output, ...common } = this.commonJobProps(MonitorKind.MODEL_EXPLAINABILITY, props);
    const p: sagemaker.CfnModelExplainabilityJobDefinitionProps = {
      ...common,
      modelExplainabilityAppSpecification: { imageUri: (explain.image ?? MonitoringImage.CLARIFY)._bind(this), configUri: uri(explain.analysisConfig), environment: JOB_ENVIRONMENT },
      modelExplainabilityBaselineConfig: { constraintsResource: { s3Uri: uri(explain.constraints) } },
      modelExplainabilityJobInput: { endpointInput: this.endpointInput() },
      modelExplainabilityJobOutputConfig: output,
    };
    return new sagemaker.CfnModelExplainabilityJobDefinition(at, 'JobDefinition', { ...p, jobDefinitionName: name(p) });
  }

  /** What every job definition shares: role, isolated and encrypted network, encrypted volume and output. */
  private commonJobProps(kind: MonitorKind, props: ModelMonitoringProps) {
    const instanceType = props.instanceType ?? SageMakerInstanceType.ML_M5_XLARGE;
    return {
      roleArn: props.role.roleArn,
      networkConfig: {
        enableInterContainerTrafficEncryption: true,
        enableNetworkIsolation: true,
        vpcConfig: { subnets: props.subnets.map((s) => s.subnetId), securityGroupIds: [props.securityGroup.securityGroupId] },
      },
      jobResources: {
        clusterConfig: {
          instanceCount: 1,
          instanceType: instanceType.name,
          volumeSizeInGb: (props.volumeSize ?? Size.gibibytes(30)).toGibibytes(),
          volumeKmsKeyId: props.volumeKey.keyArn,
        },
      },
      stoppingCondition: { maxRuntimeInSeconds: (props.maxRuntime ?? Duration.hours(1)).toSeconds() },
      output: {
        kmsKeyId: props.outputKey.keyArn,
        monitoringOutputs: [{ s3Output: { s3Uri: `s3://${props.outputBucket.bucketName}/monitoring/${props.endpoint.endpointName}/${KIND[kind].slug}`, localPath: '/opt/ml/processing/output', s3UploadMode: 'EndOfJob' } }],
      },
    };
  }

  /** The endpoint's captured data, as every job reads it. */
  private endpointInput() {
    return { endpointName: this.endpointNameRef, localPath: '/opt/ml/processing/input/endpoint', s3InputMode: 'File', s3DataDistributionType: 'FullyReplicated' };
  }

  private watch(at: Construct, kind: MonitorKind, jobDefinition: Monitor['jobDefinition'], props: ModelMonitoringProps, frequency: MonitoringFrequency): Monitor {
    const endpointName = props.endpoint.endpointName;
    const { slug, what } = KIND[kind];
    const schedule = new sagemaker.CfnMonitoringSchedule(at, 'Schedule', {
      monitoringScheduleName: `${endpointName}-${slug}`,
      endpointName: this.endpointNameRef,
      monitoringScheduleConfig: {
        // The name, not a reference: a new definition (under a new name) updates the schedule in place.
        monitoringJobDefinitionName: jobDefinition.jobDefinitionName!,
        monitoringType: kind,
        scheduleConfig: { scheduleExpression: frequency.expression },
      },
    });
    schedule.addResourceDependency(jobDefinition);

    const field = (path: string) => events.EventField.fromPath(path);
    const reports = `s3://${props.outputBucket.bucketName}/monitoring/${endpointName}/${slug}/`;
    // A monitoring run is a processing job; one that finds violations completes with an exit
    // message that starts "CompletedWithViolations".
    const violationRule = new events.Rule(at, 'ViolationRule', {
      description: `cdk-soc2-ml: ${slug} monitoring of ${endpointName} found violations`,
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Processing Job State Change'],
        detail: {
          MonitoringScheduleArn: [schedule.attrMonitoringScheduleArn],
          ProcessingJobStatus: ['Completed'],
          ExitMessage: events.Match.prefix('CompletedWithViolations'),
        },
      },
      targets: [alertTarget(props.alerts, events.RuleTargetInput.fromText(
        `Model monitoring of SageMaker endpoint ${endpointName} found ${what}: ${field('$.detail.ExitMessage')} `
        + `(run ${field('$.detail.ProcessingJobName')}, ${field('$.time')}). The violations report is under ${reports}. `
        + 'Compare it with the baseline and decide whether to retrain, roll back or accept a new baseline; record the decision.',
      ))],
    });
    // EventBridge counts each matched run; the alarm makes the violation a CloudWatch alarm state.
    const violationAlarm = new cloudwatch.Alarm(at, 'ViolationAlarm', {
      alarmDescription: `SageMaker ${slug} monitoring of ${endpointName} found ${what}. The violations report is under ${reports}; the alert topic has the run's details.`,
      metric: new cloudwatch.Metric({ namespace: 'AWS/Events', metricName: 'TriggeredRules', dimensionsMap: { RuleName: violationRule.ruleName }, statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    violationAlarm.addAlarmAction(alertAction(props.alerts));
    return { kind, jobDefinition, schedule, violationRule, violationAlarm };
  }
}

/** Names a job definition after what it is (see private/sagemaker-names). */
type JobDefinitionName = (props: unknown) => string;

/** Every job publishes its metrics to CloudWatch. */
const JOB_ENVIRONMENT = { publish_cloudwatch_metrics: 'Enabled' };

/** The endpoint's name as a reference where it is a GuardedEndpoint's, so what refers to it depends on it. */
function guardedEndpointNameRef(endpoint: IGuardedEndpoint): string | undefined {
  const child = endpoint.node.defaultChild;
  return CfnResource.isCfnResource(child) && child.cfnResourceType === 'AWS::SageMaker::Endpoint'
    ? (child as sagemaker.CfnEndpoint).attrEndpointName : undefined;
}

function uri(location: s3.Location): string {
  return `s3://${location.bucketName}/${location.objectKey}`;
}

function validate(props: ModelMonitoringProps, schedule: MonitoringFrequency): void {
  for (const prop of ['endpoint', 'role', 'securityGroup', 'volumeKey', 'outputBucket', 'outputKey', 'alerts', 'dataQuality'] as const) {
    if (!props?.[prop]) {
      throw new Soc2MlError(`${prop} is undefined: monitoring needs it; pass it${prop === 'dataQuality' ? ' (the baseline\'s statistics and constraints: every watched endpoint is monitored for drift)' : ''}.`);
    }
  }
  if (!Array.isArray(props.subnets) || props.subnets.length === 0) {
    throw new Soc2MlError('subnets is empty: pass the subnets monitoring jobs run in (for example network.workloadSubnets.subnets).');
  }
  if (props.instanceType?.hasLocalStorage) {
    throw new Soc2MlError(`instanceType is ${props.instanceType.name}, which has local NVMe storage: SageMaker refuses a volume key on it, and monitoring volumes must be encrypted with a customer-managed key. Choose a type without local storage, for example SageMakerInstanceType.ML_M5_XLARGE.`);
  }
  const runtime = (props.maxRuntime ?? Duration.hours(1)).toSeconds();
  const limit = Math.min(schedule.intervalSeconds, HOUR);
  if (runtime < 60 || runtime > limit) {
    throw new Soc2MlError(`maxRuntime is ${runtime} seconds: a monitoring run must end before the next one starts and within an hour; pass from Duration.minutes(1) to ${limit / 60} minutes.`);
  }
  const threshold = props.modelQuality?.probabilityThreshold;
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    throw new Soc2MlError(`modelQuality.probabilityThreshold is ${threshold}: pass a probability from 0 to 1.`);
  }
}
