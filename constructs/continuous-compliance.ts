import { Annotations, Aws, Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IDependable } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { MirroredConfigRule } from './mirrored-config-rule';
import { CONFIG_RULE_CATALOGUE, describeRule } from './private/config-rule-catalogue';
import { acknowledgeWildcardResources, replicationAcknowledgements } from './private/nag-acknowledgements';
import { placementFor } from './private/region-availability';
import { SecureBucket, SecureBucketReplication } from './secure-bucket';
import { constructIdOf } from '../core/construct-ids';
import { awsManagedPolicyFinding, awsSolutionsRuleId } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { Soc2MlError } from '../core/errors';

/** How often AWS Config delivers a configuration snapshot to the bucket. */
export enum SnapshotDeliveryFrequency {
  /** Every hour. */
  ONE_HOUR = 'One_Hour',
  /** Every 3 hours. */
  THREE_HOURS = 'Three_Hours',
  /** Every 6 hours. */
  SIX_HOURS = 'Six_Hours',
  /** Every 12 hours. */
  TWELVE_HOURS = 'Twelve_Hours',
  /** Every 24 hours. */
  TWENTY_FOUR_HOURS = 'TwentyFour_Hours',
}

/** Options for the configuration recorder that `ContinuousCompliance` creates. */
export interface ConfigRecorderOptions {
  /**
   * Whether to record global resources (IAM users, roles, policies). Record them in one region of
   * the account only, or every region records them again: pass false for the other regions.
   *
   * @default true
   */
  readonly recordGlobalResourceTypes?: boolean;

  /**
   * The key that encrypts the delivery bucket and the objects AWS Config delivers. CDK adds the
   * statement AWS Config needs to a key defined in this app; an imported key must already allow it.
   *
   * @default - a new `PlatformKey` for data
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where the delivery bucket's server access logs go.
   *
   * @default - the stack's shared `AccessLogBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * How often a configuration snapshot is delivered (configuration history is delivered on every
   * change regardless).
   *
   * @default SnapshotDeliveryFrequency.TWENTY_FOUR_HOURS
   */
  readonly snapshotDeliveryFrequency?: SnapshotDeliveryFrequency;
}

/**
 * Whether `ContinuousCompliance` creates the account's AWS Config recorder (with its delivery
 * channel, bucket and role) or adopts the recorder that exists. An account has one recorder and
 * one delivery channel per region: creating a second fails.
 */
export class ConfigRecorderSetup {
  /**
   * Adopt the recorder and delivery channel that exist (for example AWS Control Tower's): only the
   * rules are created, and they evaluate what that recorder records.
   */
  public static readonly EXISTING = new ConfigRecorderSetup(true, {});

  /** Create the recorder for all supported resource types, its delivery channel, bucket and role. */
  public static create(options: ConfigRecorderOptions = {}): ConfigRecorderSetup {
    return new ConfigRecorderSetup(false, options);
  }

  private constructor(
    /** Whether the recorder exists already. */
    public readonly adopted: boolean,
    /** The options of a created recorder. */
    public readonly options: ConfigRecorderOptions,
  ) {}
}

export interface ContinuousComplianceProps {
  /**
   * The account's configuration recorder: a new one, or the one that exists.
   *
   * @default ConfigRecorderSetup.create()
   */
  readonly recorder?: ConfigRecorderSetup;

  /**
   * Mirrored rules to leave out, for example where an organization conformance pack already
   * deploys them. Every rule left out is a runtime control the audit evidence lacks: say why in
   * your documentation.
   *
   * @default - none; rules a region lacks are left out there automatically
   */
  readonly excludedRules?: MirroredConfigRule[];

  /**
   * Replicate what AWS Config delivers (snapshots and history) into another bucket, for example an
   * `EvidenceArchive`'s: AWS Config cannot deliver to a bucket with a default Object Lock
   * retention, but S3 replication can, and each replica then takes that retention.
   *
   * @default - no replication
   */
  readonly deliveryReplication?: SecureBucketReplication;
}

/**
 * Continuous compliance evidence with AWS Config: a configuration recorder for every supported
 * resource type (global resources in the home region), delivering to a KMS-encrypted, retained
 * `SecureBucket`, and AWS Config managed rules that mirror `Soc2MlChecks` at runtime. Each rule's
 * description names the pack rules it mirrors and their SOC 2 criteria, so the synth-time
 * verdicts and the evaluations over the audit period line up.
 *
 * Rules that exist only in some regions are created only there: in a stack pinned to a region
 * they are left out at synth; in a region-agnostic stack a CloudFormation condition on
 * `AWS::Region` decides at deploy time.
 */
export class ContinuousCompliance extends Construct {
  /** The created recorder, or undefined when one was adopted. */
  public readonly recorder?: config.CfnConfigurationRecorder;
  /** The created delivery channel, or undefined when the recorder was adopted. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;
  /** The bucket AWS Config delivers to, or undefined when the recorder was adopted. */
  public readonly deliveryBucket?: SecureBucket;
  /** The role the recorder assumes, or undefined when the recorder was adopted. */
  public readonly role?: iam.Role;
  /** The mirrored rules deployed (in region-agnostic stacks, some under a region condition). */
  public readonly rules: config.ManagedRule[] = [];

  constructor(scope: Construct, id: string, props: ContinuousComplianceProps = {}) {
    super(scope, id);
    checkExcludedRules(props.excludedRules ?? []);
    const setup = props.recorder ?? ConfigRecorderSetup.create();
    checkRecorderOptions(setup.options);

    let recording: IDependable[] = [];
    if (!setup.adopted) {
      const options = setup.options;
      // The configuration of every resource is a map of the security posture: confidential.
      this.deliveryBucket = new SecureBucket(this, 'DeliveryBucket', {
        dataClassification: DataClassification.CONFIDENTIAL,
        encryptionKey: options.encryptionKey,
        accessLogsBucket: options.accessLogsBucket,
        replication: props.deliveryReplication,
      });
      const deliveryPrefix = this.deliveryBucket.bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/Config/*`);
      this.allowConfigDelivery(this.deliveryBucket, deliveryPrefix);
      const delivery = this.createDeliveryPolicy(this.deliveryBucket, deliveryPrefix);
      this.role = this.createRecorderRole(delivery);
      this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
        roleArn: this.role.roleArn,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: options.recordGlobalResourceTypes ?? true,
        },
      });
      this.deliveryChannel = this.createDeliveryChannel(this.deliveryBucket, options, this.recorder, delivery);
      recording = [this.recorder, this.deliveryChannel];
      this.acknowledgeRecorderFindings(this.deliveryBucket, this.role, delivery, deliveryPrefix, props.deliveryReplication !== undefined);
    }

    this.createRules(props.excludedRules ?? [], recording);
  }

  /**
   * What the AWS Config Developer Guide asks of the bucket ("Permissions for the Amazon S3
   * Bucket"), narrowed to this account; used when AWS Config delivers as itself. The key gets
   * the matching statement where CDK can add it, and a warning says so where it cannot.
   */
  private allowConfigDelivery(deliveryBucket: SecureBucket, deliveryPrefix: string): void {
    const bucket = deliveryBucket.bucket;
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketPermissionsCheck',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: sameAccount() },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketExistenceCheck',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: sameAccount() },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketDelivery',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [deliveryPrefix],
      conditions: { StringEquals: { ...sameAccount(), 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
    const keyStatementAdded = deliveryBucket.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowConfigToEncryptDeliveries',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: sameAccount() },
    }), true).statementAdded;
    if (!keyStatementAdded) {
      Annotations.of(this).addWarningV2('cdk-soc2-ml:configKeyPolicy',
        'encryptionKey is imported, so CDK cannot add the statement that lets AWS Config (config.amazonaws.com, narrowed by aws:SourceAccount) use it. Add kms:Decrypt and kms:GenerateDataKey for it to the key policy, or deliveries will fail.');
    }
  }

  /** Delivery as the recorder role: a customer-managed policy on this bucket's Config prefix and key only. */
  private createDeliveryPolicy(deliveryBucket: SecureBucket, deliveryPrefix: string): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: 'AWS Config recorder: deliver configuration snapshots and history to the delivery bucket.',
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [deliveryPrefix],
          conditions: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
        new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [deliveryBucket.bucket.bucketArn] }),
        new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [deliveryBucket.encryptionKey.keyArn] }),
      ],
    });
  }

  /**
   * The recorder role: AWS_ConfigRole is the AWS managed policy the AWS Config Developer Guide
   * documents for reading resource configurations (read-only Describe/List/Get), plus delivery.
   */
  private createRecorderRole(delivery: iam.ManagedPolicy): iam.Role {
    return new iam.Role(this, 'RecorderRole', {
      description: 'Assumed by AWS Config to record resource configurations and deliver them to the delivery bucket.',
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', { conditions: { StringEquals: sameAccount() } }),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole'),
        delivery,
      ],
    });
  }

  private createDeliveryChannel(
    deliveryBucket: SecureBucket, options: ConfigRecorderOptions, recorder: config.CfnConfigurationRecorder, delivery: iam.ManagedPolicy,
  ): config.CfnDeliveryChannel {
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: deliveryBucket.bucket.bucketName,
      s3KmsKeyArn: deliveryBucket.encryptionKey.keyArn,
      configSnapshotDeliveryProperties: {
        deliveryFrequency: options.snapshotDeliveryFrequency ?? SnapshotDeliveryFrequency.TWENTY_FOUR_HOURS,
      },
    });
    // A delivery channel needs a recorder, and the recorder starts once both exist.
    channel.addResourceDependency(recorder, 'a delivery channel needs a recorder');
    channel.node.addDependency(deliveryBucket.bucket, delivery);
    return channel;
  }

  private acknowledgeRecorderFindings(deliveryBucket: SecureBucket, role: iam.Role, delivery: iam.ManagedPolicy, deliveryPrefix: string, replicated: boolean): void {
    const configRoleReason = 'The AWS_ConfigRole AWS managed policy is the permission set the AWS Config Developer Guide documents for the configuration recorder: read-only Describe, List and Get calls across every resource type it records, kept current by AWS as new types are supported. It is neither an administrator nor a full-access policy.';
    acknowledgeForPlatform(role, {
      id: awsSolutionsRuleId('IAM4', awsManagedPolicyFinding('service-role/AWS_ConfigRole')),
      reason: configRoleReason,
    });
    acknowledgeWildcardResources(delivery, [deliveryPrefix],
      'AWS Config writes objects it names itself (snapshots, history, a writability check) under AWSLogs/<this account>/Config/ in the delivery bucket; the wildcard covers only that prefix of this one bucket, as the AWS Config Developer Guide documents for the recorder role.');
    if (replicated) {
      return;
    }
    const replicationReason = 'AWS Config keeps the configuration history of every recorded resource itself for its retention period (seven years by default), so this bucket is the delivered copy, not the only one. It stays in the region it records by design, like the rest of the account baseline, and is versioned, KMS-encrypted, retained on stack deletion and keeps noncurrent versions 365 days; SecureBucket offers cross-region replication where a second region is approved.';
    acknowledgeForPlatform(deliveryBucket, ...replicationAcknowledgements(replicationReason));
  }

  /** The mirrored rules, less those excluded and those the region lacks, each after the recorder. */
  private createRules(excludedRules: MirroredConfigRule[], recording: IDependable[]): void {
    const rulesScope = new Construct(this, 'Rules');
    const excluded = new Set<string>(excludedRules);
    for (const entry of CONFIG_RULE_CATALOGUE) {
      if (excluded.has(entry.rule)) {
        continue;
      }
      const placement = placementFor(rulesScope, entry.regions);
      if (placement === 'skip') {
        Annotations.of(this).addInfo(`AWS Config rule ${entry.rule} does not exist in region ${Stack.of(this).region} and is left out.`);
        continue;
      }
      const rule = new config.ManagedRule(rulesScope, constructIdOf(entry.rule.toLowerCase()), {
        identifier: entry.rule,
        description: describeRule(entry),
        inputParameters: entry.inputParameters?.(this),
        ruleScope: entry.resourceTypes ? config.RuleScope.fromResources(entry.resourceTypes.map((t) => config.ResourceType.of(t))) : undefined,
      });
      if (placement !== 'create') {
        (rule.node.defaultChild as config.CfnConfigRule).cfnOptions.condition = placement;
      }
      for (const dependency of recording) {
        rule.node.addDependency(dependency);
      }
      this.rules.push(rule);
    }
  }
}

/** The condition that narrows AWS Config's access to this account (a new object per use). */
function sameAccount(): Record<string, string> {
  return { 'aws:SourceAccount': Aws.ACCOUNT_ID };
}

function checkExcludedRules(excludedRules: MirroredConfigRule[]): void {
  const known: readonly string[] = Object.values(MirroredConfigRule);
  for (const [i, rule] of excludedRules.entries()) {
    if (!known.includes(rule)) {
      throw new Soc2MlError(`excludedRules[${i}] is ${JSON.stringify(rule)}, which is not a rule ContinuousCompliance deploys: pass a MirroredConfigRule member, for example MirroredConfigRule.SAGEMAKER_DOMAIN_IN_VPC.`);
    }
  }
}

function checkRecorderOptions(options: ConfigRecorderOptions): void {
  if (options.snapshotDeliveryFrequency !== undefined && !Object.values(SnapshotDeliveryFrequency).includes(options.snapshotDeliveryFrequency)) {
    throw new Soc2MlError(`recorder snapshotDeliveryFrequency is ${JSON.stringify(options.snapshotDeliveryFrequency)}: pass a SnapshotDeliveryFrequency member, for example SnapshotDeliveryFrequency.TWENTY_FOUR_HOURS.`);
  }
}
