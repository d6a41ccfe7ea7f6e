import { Aws, Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GateEnvironment } from '../core/signature-format';
import { ModelRegistry } from './model-registry';
import { ModelSigningKey } from './model-signing-key';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { Handler } from './private/handler-code';
import { HardenedFunction, hardenedFunction } from './private/hardened-function';
import { policyGrantee } from './private/policy-grantee';
import { validateQualityMinimums } from './private/quality-minimums';
import { acknowledgeWildcardsOfKinds, flattenedArn, WildcardKind, WildcardReasons } from './private/role-acknowledgements';
import { SecurityAlertTopic } from './security-alert-topic';
import { Soc2MlError } from '../core/errors';

/**
 * Minimum model-quality metrics by model family, then by metric as the model-quality statistics
 * name it (`auc`, `f1`, `accuracy`, `weighted_f1`, `r2`): `{ churn: { auc: 0.8 } }`.
 */
export type ModelQualityMinimums = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What the release gate requires of an approved version besides its signature. */
export interface ModelReleaseChecks {
  /**
   * The minimum of each model-quality metric, per model family. A version must carry
   * model-quality statistics (`ModelMetrics.ModelQuality.Statistics`) whatever its family; those
   * of a family named here must also meet its minimums.
   *
   * @default - no minimums: statistics and a bias report are required, any values pass
   */
  readonly qualityMinimums?: ModelQualityMinimums;
}

export interface ModelSignatureGateProps {
  /** The registry whose approvals the gate checks (it must have model families). */
  readonly registry: ModelRegistry;

  /** The environment's model-signing key: only its signatures are accepted. */
  readonly signingKey: ModelSigningKey;

  /** Where rejections, and events the gate could not handle, are announced. */
  readonly alertTopic: SecurityAlertTopic;

  /** The VPC the function runs in. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets the function runs in. They must reach S3 (a gateway endpoint), and KMS, SageMaker
   * API and SNS (interface endpoints, all in `EndpointSet.ESSENTIAL`).
   */
  readonly subnets: ec2.ISubnet[];

  /** The security group of the function (HTTPS to the endpoints and to S3). */
  readonly securityGroup: ec2.ISecurityGroup;

  /**
   * The key of the dead-letter queues.
   *
   * @default - the key of the registry's artifacts bucket
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The key of the function's log group; its policy must admit CloudWatch Logs.
   *
   * @default - a new `PlatformKey` for logs
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * Make the gate a release gate (production registries): an approved version must also carry
   * model-quality statistics at `ModelMetrics.ModelQuality.Statistics.S3Uri` meeting its family's
   * minimums, and a Clarify bias report (`ModelMetrics.Bias.Report` or `PostTrainingReport`), both in
   * the registry's artifacts bucket (the only bucket the gate may read). What is missing,
   * unreadable, malformed or below a minimum rejects the version, with every reason as its
   * approval description.
   *
   * @default - the signature only
   */
  readonly releaseChecks?: ModelReleaseChecks;

  /**
   * How long the function's logs (its verdicts on each approval) are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The function's reserved concurrency: how many approvals it checks at once. Further approvals
   * wait (EventBridge and Lambda retry for hours), so a small number is enough.
   *
   * @default 2
   */
  readonly reservedConcurrency?: number;
}

/** The wildcard resources of the gate's policy, and why each is there. */
const GATE_WILDCARDS: readonly WildcardKind[] = [
  [/^\*$/, WildcardReasons.ALL_RESOURCES],
  [/^<[^>]+\.Arn>\/\*$/, WildcardReasons.BUCKET_OBJECTS],
  [flattenedArn('sagemaker', 'model-package/[a-z0-9-]+/\\*'), WildcardReasons.MODEL_VERSIONS],
  [flattenedArn('ec2', 'network-interface/\\*'), WildcardReasons.FUNCTION_NETWORK_INTERFACES],
];

/** Reserved concurrency when `reservedConcurrency` is not given. */
const DEFAULT_RESERVED_CONCURRENCY = 2;

/** How long one check may take: hashing an artifact of several gigabytes through the S3 endpoint. */
const TIMEOUT = Duration.minutes(15);

/**
 * The verification gate of model signatures: when a version of one of the registry's model
 * package groups is approved ("SageMaker Model Package State Change", `ModelApprovalStatus:
 * Approved`), an EventBridge rule invokes a function in the VPC that re-hashes the artifact the
 * version serves, verifies the signature recorded in its customer metadata with the signing key,
 * and on any failure (no signature, another key, a changed or unreadable artifact) sets the version
 * back to `Rejected` (the registry's `grantReject`: it can set nothing else) and announces why to
 * the alert topic.
 *
 * With `releaseChecks` (production registries) it is the release gate: a version must also carry
 * model-quality statistics meeting its family's minimums and a Clarify bias report, and is
 * rejected with every reason it fails as its approval description (the rejection is a model
 * package state change, which the registry's rule announces too).
 *
 * The function is hardened like every function of this library: the current Node.js runtime, a
 * KMS-encrypted log group kept a year and retained, a KMS-encrypted dead-letter queue (with its own
 * redrive) whose messages raise an alarm, reserved concurrency, and one customer-managed policy
 * naming exactly what it reads and writes.
 */
export class ModelSignatureGate extends Construct {
  /** The function that checks approvals. */
  public readonly function: lambda.Function;
  /** The function's role. */
  public readonly role: iam.Role;
  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;
  /** Where approval events the function could not handle are kept. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The rule that invokes the function on approval. */
  public readonly rule: events.Rule;
  /** Whether the gate checks releases (quality statistics and a bias report) besides signatures. */
  public readonly checksReleases: boolean;

  constructor(scope: Construct, id: string, props: ModelSignatureGateProps) {
    super(scope, id);
    validateGateProps(props);
    this.checksReleases = props.releaseChecks !== undefined;
    const gate = this.createFunction(props);
    this.function = gate.function;
    this.role = gate.role;
    this.logGroup = gate.logGroup;
    this.deadLetterQueue = gate.deadLetterQueue;
    // Rejected only, and the reads a decision needs: the registry's own grant, kept in the
    // function's customer-managed policy.
    props.registry.grantReject(policyGrantee(gate.role, gate.policy));
    props.signingKey.allowVerify(gate.role);

    this.rule = this.createApprovalRule(props.registry);

    acknowledgeWildcardsOfKinds(gate.policy, GATE_WILDCARDS);
  }

  private createFunction(props: ModelSignatureGateProps): HardenedFunction {
    const artifacts = props.registry.artifactsBucket;
    const statements = gateStatements(props);
    const release: Record<string, string> = props.releaseChecks ? { [GateEnvironment.RELEASE_CHECKS]: releaseChecksJson(props.registry, props.releaseChecks) } : {};
    return hardenedFunction(this, {
      handler: Handler.MODEL_SIGNATURE_GATE,
      // Lambda descriptions hold 256 characters: name the registry, not each group.
      description: this.checksReleases
        ? `cdk-soc2-ml model release gate: checks the signature, quality statistics and bias report of approved versions of the ${props.registry.groupNamePrefix}* model package groups, rejects what fails`
        : `cdk-soc2-ml model signature gate: verifies approved versions of the ${props.registry.groupNamePrefix}* model package groups, rejects what does not verify`,
      environment: {
        [GateEnvironment.SIGNING_KEY_ARN]: props.signingKey.keyArn,
        [GateEnvironment.ALERT_TOPIC_ARN]: props.alertTopic.topic.topicArn,
        ...release,
      },
      timeout: TIMEOUT,
      memorySize: 1024,
      reservedConcurrency: props.reservedConcurrency ?? DEFAULT_RESERVED_CONCURRENCY,
      queueKey: props.encryptionKey ?? artifacts.encryptionKey,
      logKey: props.logEncryptionKey ?? new PlatformKey(this, 'LogsKey', { purpose: KeyPurpose.LOGS }).key,
      alertTopic: props.alertTopic,
      logRetention: props.logRetention,
      statements,
      network: { vpc: props.vpc, subnets: props.subnets, securityGroup: props.securityGroup },
    });
  }

  private createApprovalRule(registry: ModelRegistry): events.Rule {
    return new events.Rule(this, 'ApprovalRule', {
      description: `cdk-soc2-ml: verify the signature of every approved model version of the ${registry.groupNamePrefix}* model package groups`,
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Model Package State Change'],
        detail: { ModelPackageGroupName: groupNames(registry), ModelApprovalStatus: ['Approved'] },
      },
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 8, maxEventAge: Duration.hours(24) })],
    });
  }
}

/** Throw on props the gate cannot work with, naming the prop and the fix. */
function validateGateProps(props: ModelSignatureGateProps): void {
  if (!props?.registry) {
    throw new Soc2MlError('registry is required: pass the ModelRegistry whose approvals the gate checks.');
  }
  if (groupNames(props.registry).length === 0) {
    throw new Soc2MlError('registry has no model families: the gate checks the approvals of the registry\'s model package groups, so create the registry with modelFamilies (for example ["churn"]).');
  }
  if (!props.signingKey || !props.alertTopic) {
    throw new Soc2MlError(`${props.signingKey ? 'alertTopic' : 'signingKey'} is required: pass the environment's ${props.signingKey ? 'SecurityAlertTopic' : 'ModelSigningKey'}.`);
  }
  if (!props.subnets || props.subnets.length === 0) {
    throw new Soc2MlError('subnets is empty: pass the workload subnets the function runs in (for example network.workloadSubnets.subnets).');
  }
  if (props.releaseChecks?.qualityMinimums) {
    validateQualityMinimums(props.releaseChecks.qualityMinimums, 'releaseChecks.qualityMinimums', Object.keys(props.registry.modelPackageGroups));
  }
  const concurrency = props.reservedConcurrency ?? DEFAULT_RESERVED_CONCURRENCY;
  if (!Token.isUnresolved(concurrency) && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new Soc2MlError(`reservedConcurrency is ${JSON.stringify(concurrency)}: pass a whole number of 1 or more (for example 2).`);
  }
}

/** The names of the registry's model package groups, whose approvals the gate checks. */
function groupNames(registry: ModelRegistry): string[] {
  return Object.values(registry.modelPackageGroups).map((g) => g.modelPackageGroupName);
}

/** The release checks as the function reads them: minimums by model package group name. */
function releaseChecksJson(registry: ModelRegistry, checks: ModelReleaseChecks): string {
  const minimums = Object.fromEntries(Object.entries(checks.qualityMinimums ?? {})
    .map(([family, metrics]) => [registry.modelPackageGroups[family].modelPackageGroupName, metrics]));
  return JSON.stringify({ minimums });
}

/** What the gate reads (the artifacts) and announces (rejections), besides the registry and the signing key. */
function gateStatements(props: ModelSignatureGateProps): iam.PolicyStatement[] {
  const artifacts = props.registry.artifactsBucket;
  return [
    new iam.PolicyStatement({
      sid: 'ReadModelArtifacts',
      actions: ['s3:GetObject'],
      resources: [artifacts.bucket.arnForObjects('*')],
    }),
    new iam.PolicyStatement({
      sid: 'DecryptModelArtifacts',
      actions: ['kms:Decrypt'],
      resources: [artifacts.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
    }),
    new iam.PolicyStatement({
      sid: 'AnnounceRejections',
      actions: ['sns:Publish'],
      resources: [props.alertTopic.topic.topicArn],
    }),
    new iam.PolicyStatement({
      sid: 'EncryptAnnouncements',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [props.alertTopic.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${Aws.REGION}.amazonaws.com` } },
    }),
  ];
}
