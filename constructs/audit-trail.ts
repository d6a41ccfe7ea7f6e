import { Annotations, ArnFormat, CfnResource, Lazy, Names, Stack, TagManager, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { AuditTrailBucket } from './audit-trail-bucket';
import { MIN_AUDIT_RETENTION_DAYS } from './private/retention';
import { DataClassification } from '../core/data-classification';
import { KeyPurpose } from './key-purpose';
import { PlatformKey } from './platform-key';
import { keyPolicyStatementsFor } from './private/key-policy';
import { TagKeys } from '../core/tags';
import { acknowledgeWildcardResources } from './private/nag-acknowledgements';
import { SecureBucket } from './secure-bucket';
import { validateEnvironmentName } from '../core/names';
import { Soc2MlError } from '../core/errors';

/** What a trail records. */
export enum AuditTrailScope {
  /**
   * The account's trail: management events of every region and global service, the SageMaker
   * data events of the whole account, and S3 object events of the classified buckets. One per
   * account: CloudTrail bills every copy of management events after the first.
   */
  ACCOUNT = 'account',
  /**
   * Data events only (no management events): S3 object events of the classified buckets, and
   * the SageMaker data events given in `sageMakerDataEvents`. For an environment whose account
   * trail (or an organization trail) records management events elsewhere.
   */
  DATA_EVENTS = 'data-events',
}

/** The SageMaker resource types whose data-plane calls CloudTrail can record (`resources.type`). */
export enum SageMakerDataEventResource {
  /** `InvokeEndpoint`, `InvokeEndpointAsync` and `InvokeEndpointWithResponseStream` on endpoints. */
  ENDPOINT = 'AWS::SageMaker::Endpoint',
  /** `PutRecord`, `GetRecord`, `BatchGetRecord` and `DeleteRecord` on Feature Store feature groups. */
  FEATURE_GROUP = 'AWS::SageMaker::FeatureGroup',
  /** SageMaker Experiments metrics (`BatchPutMetrics`, `BatchGetMetrics`) on trial components. */
  EXPERIMENT_TRIAL_COMPONENT = 'AWS::SageMaker::ExperimentTrialComponent',
  /** SageMaker managed MLflow API calls on tracking servers. */
  MLFLOW_TRACKING_SERVER = 'AWS::SageMaker::MlflowTrackingServer',
}

export interface AuditTrailProps {
  /**
   * What the trail records.
   *
   * @default AuditTrailScope.ACCOUNT
   */
  readonly trailScope?: AuditTrailScope;

  /**
   * The environment the trail serves, used in its name `soc2ml-<environment>-audit-trail` (or
   * `-data-events`).
   *
   * @default - the name is derived from the construct path
   */
  readonly environmentName?: string;

  /**
   * Where log and digest files go: a bucket with Object Lock in compliance mode (an
   * `AuditTrailBucket`'s, or a `SecureBucket` with `cloudTrailDelivery`), in this account and
   * region. The trail adds to its policy statements that let only this trail deliver.
   *
   * @default - a new `AuditTrailBucket` encrypted with the trail's key
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key that encrypts log files in S3 and the trail's CloudWatch Logs log group. CDK adds
   * the CloudTrail statements (narrowed by `aws:SourceArn`, `aws:SourceAccount` and the
   * `aws:cloudtrail:arn` encryption context) and the CloudWatch Logs statement to a key defined in
   * this app; a key imported by ARN must already allow them.
   *
   * @default - the bucket's key when `bucket` has one, otherwise a new `PlatformKey` for logs
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long CloudWatch Logs keeps the trail's events: at least a year, and not longer than the
   * bucket's Object Lock retention (the tamper-evident copy must outlive the searchable one). A
   * new bucket is locked for as long (at least 365 days).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Buckets whose object-level reads and writes are recorded, besides those found
   * automatically: every `AWS::S3::Bucket` of this stack tagged `DataClassification`
   * `confidential` or `restricted` (read at synth, after tags are applied), except trail buckets.
   * Each must be in this account and region.
   *
   * @default - only the classified buckets of this stack
   */
  readonly dataEventBuckets?: s3.IBucket[];

  /**
   * The SageMaker data events recorded, for the whole account (endpoints, feature groups and the
   * rest are created by pipelines under names unknown at synth).
   *
   * @default - every type for `AuditTrailScope.ACCOUNT`; none for `AuditTrailScope.DATA_EVENTS`
   */
  readonly sageMakerDataEvents?: SageMakerDataEventResource[];
}

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const CLASSIFIED: readonly string[] = [DataClassification.CONFIDENTIAL, DataClassification.RESTRICTED];
/** Why the delivery role's one wildcard is needed; the acknowledgement lands in the evidence report. */
const LOG_STREAMS_WILDCARD_REASON = 'CloudTrail writes a multi-region trail to one log stream per source region, named <account>_CloudTrail_<region> and created as events arrive, so the streams cannot be listed in advance. The wildcard covers only those streams of this trail\'s own log group in this account and region, and the policy allows only logs:CreateLogStream and logs:PutLogEvents.';

// CloudTrail quota: values of all conditions of all advanced event selectors of a trail.
const MAX_SELECTOR_VALUES = 500;

/**
 * A CloudTrail trail that is multi-region, records global service events, validates its log
 * files (signed hourly digests), encrypts them with a customer-managed key, delivers them to a
 * tamper-evident bucket and to a KMS-encrypted CloudWatch Logs log group kept at least a year
 * (through a role that may only write the trail's log streams), and records data events through
 * advanced event selectors: S3 object events of the stack's confidential and restricted buckets
 * (found from their `DataClassification` tag) and the SageMaker data events.
 */
export class AuditTrail extends Construct {
  /** The trail. */
  public readonly trail: cloudtrail.CfnTrail;
  /** The trail's name. */
  public readonly trailName: string;
  /** The trail's ARN, built from its name (no reference to the trail resource). */
  public readonly trailArn: string;
  /** What the trail records. */
  public readonly trailScope: AuditTrailScope;
  /** Where log and digest files go. */
  public readonly bucket: s3.IBucket;
  /** The key of log files and the log group. */
  public readonly encryptionKey: kms.IKey;
  /** The CloudWatch Logs log group the trail delivers to (metric filters go here). */
  public readonly logGroup: logs.LogGroup;
  /** The role CloudTrail assumes to write to the log group. */
  public readonly logsRole: iam.Role;

  private readonly extraBuckets: s3.IBucket[] = [];
  private readonly sageMakerTypes: readonly SageMakerDataEventResource[];

  constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    super(scope, id);
    this.trailScope = props.trailScope ?? AuditTrailScope.ACCOUNT;
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    validateAuditTrailProps(props, this.trailScope, logRetention);
    this.sageMakerTypes = props.sageMakerDataEvents
      ?? (this.trailScope === AuditTrailScope.ACCOUNT ? Object.values(SageMakerDataEventResource) : []);

    this.trailName = this.nameTrail(props.environmentName);
    this.trailArn = Stack.of(this).formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: this.trailName });

    // The key: given, the given bucket's, or a new one (which a new bucket then shares).
    this.encryptionKey = props.encryptionKey
      ?? props.bucket?.encryptionKey
      ?? new PlatformKey(this, 'Key', { purpose: KeyPurpose.LOGS, description: `cdk-soc2-ml audit trail key (${this.trailName})` }).key;
    this.admitCloudTrailToKey(props.encryptionKey !== undefined || props.bucket?.encryptionKey !== undefined);

    this.bucket = this.useOrCreateBucket(props.bucket, logRetention);
    const bucketPolicyAdded = this.admitTrailToBucket();

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logRetention, encryptionKey: this.encryptionKey });
    this.logsRole = this.createLogsRole();
    const logsPolicy = this.allowLogDelivery();

    this.trail = this.createTrail();
    // CloudTrail checks the bucket policy and the logs role when it creates the trail.
    this.trail.node.addDependency(logsPolicy);
    if (bucketPolicyAdded && this.bucket.policy) {
      this.trail.node.addDependency(this.bucket.policy);
    }

    for (const [i, bucket] of (props.dataEventBuckets ?? []).entries()) {
      this.addDataEventBucketAt(bucket, `dataEventBuckets[${i}]`);
    }
    this.node.addValidation({ validate: () => this.validateSelectors() });
  }

  /** Record object-level reads and writes of another bucket (in this account and region). */
  public addDataEventBucket(bucket: s3.IBucket): void {
    this.addDataEventBucketAt(bucket, 'addDataEventBucket(bucket)');
  }

  /**
   * The S3 buckets whose object events the trail records, as `AWS::S3::Bucket` resources of this
   * stack or buckets passed in. Complete only at synth (tags are applied by aspects).
   */
  public dataEventBucketArns(): string[] {
    const stack = Stack.of(this);
    const arns: string[] = [];
    const seen = new Set<IConstruct>();
    for (const cfn of stack.node.findAll()) {
      if (isCfnBucket(cfn) && Stack.of(cfn) === stack && isClassified(cfn) && !isTrailBucket(cfn) && !this.deliversTo(cfn)) {
        seen.add(cfn);
        arns.push((cfn as CfnResource).getAtt('Arn').toString());
      }
    }
    for (const bucket of this.extraBuckets) {
      const cfn = bucket.node.defaultChild;
      if (cfn && seen.has(cfn)) {
        continue;
      }
      if (cfn) {
        seen.add(cfn);
      }
      arns.push(bucket.bucketArn);
    }
    return arns;
  }

  /** The trail's name: from the environment's name, or unique in the app. */
  private nameTrail(environmentName: string | undefined): string {
    const suffix = this.trailScope === AuditTrailScope.ACCOUNT ? 'audit-trail' : 'data-events';
    return environmentName
      ? `soc2ml-${environmentName}-${suffix}`
      : Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
  }

  /** The given bucket, checked, or a new tamper-evident one. */
  private useOrCreateBucket(given: s3.IBucket | undefined, logRetention: logs.RetentionDays): s3.IBucket {
    if (given) {
      checkTrailBucket(given, logRetention);
      return given;
    }
    // Locked at least as long as CloudWatch Logs keeps the events.
    const lockDays = logRetention === logs.RetentionDays.INFINITE ? MIN_AUDIT_RETENTION_DAYS : Math.max(MIN_AUDIT_RETENTION_DAYS, logRetention);
    return new AuditTrailBucket(this, 'Bucket', { encryptionKey: this.encryptionKey, objectLockRetentionDays: lockDays }).bucket;
  }

  private createLogsRole(): iam.Role {
    return new iam.Role(this, 'LogsRole', {
      // CloudTrail's AssumeRole for CloudWatch Logs delivery carries no aws:SourceArn or
      // aws:SourceAccount (CloudTrail User Guide), so the trust cannot be narrowed further; the
      // permissions are, to the trail's own log streams.
      assumedBy: new iam.ServicePrincipal(CLOUDTRAIL),
      description: `Lets CloudTrail write trail ${this.trailName} to its CloudWatch Logs log group`,
    });
  }

  /** The logs role's policy: write the trail's own log streams, nothing else. */
  private allowLogDelivery(): iam.ManagedPolicy {
    const stack = Stack.of(this);
    // CloudTrail names its streams <account>_CloudTrail_<region>, one per source region.
    const trailStreams = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${this.logGroup.logGroupName}:log-stream:${stack.account}_CloudTrail_*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // A customer-managed policy rather than an inline one, which several compliance packs refuse.
    const logsPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: `Writes trail ${this.trailName} to its CloudWatch Logs log streams`,
      roles: [this.logsRole],
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [trailStreams] })],
    });
    acknowledgeWildcardResources(logsPolicy, [trailStreams], LOG_STREAMS_WILDCARD_REASON);
    return logsPolicy;
  }

  private createTrail(): cloudtrail.CfnTrail {
    return new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      isLogging: true,
      isMultiRegionTrail: true,
      // Required of a multi-region trail; records IAM, STS and other global services once.
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: this.encryptionKey.keyArn,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: this.trailName,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: this.logsRole.roleArn,
      // Rendered at synth, after tags are applied, so buckets classified anywhere in the stack
      // (and later in the code than this trail) are covered. Uncached: a resolution before the
      // tags are applied must not fix the list.
      advancedEventSelectors: Lazy.uncachedAny({ produce: () => this.renderSelectors() }),
    });
  }

  private addDataEventBucketAt(bucket: s3.IBucket, propName: string): void {
    const here = Stack.of(this);
    if (bucket === this.bucket) {
      throw new Soc2MlError(`${propName} is the trail's own bucket: recording its object events would record every delivery of the trail itself. Record it with another trail, or rely on its server access logs.`);
    }
    const { account, region } = bucket.env;
    if (!Token.isUnresolved(account) && !Token.isUnresolved(here.account) && account !== here.account) {
      throw new Soc2MlError(`${propName} is in account ${account}, but the trail is in account ${here.account}: a trail records data events of its own account only. Pass a bucket of account ${here.account}, or give account ${account} an AuditTrail of its own.`);
    }
    if (!Token.isUnresolved(region) && !Token.isUnresolved(here.region) && region !== here.region) {
      throw new Soc2MlError(`${propName} is in region ${region}, but the trail's home region is ${here.region}: each region's buckets are recorded by the trail of their own region, so evidence stays in that region and no data event is recorded (and billed) twice. Pass a bucket of ${here.region}, or record it with an AuditTrail in ${region}.`);
    }
    this.extraBuckets.push(bucket);
  }

  private renderSelectors(): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
    const selectors: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] = [];
    if (this.trailScope === AuditTrailScope.ACCOUNT) {
      // Read and write management events of every service, KMS and RDS Data API included.
      selectors.push({ name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] });
    }
    const arns = this.dataEventBucketArns();
    if (arns.length > 0) {
      selectors.push({
        name: 'S3 object events of confidential and restricted buckets',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          // The bucket ARN and a slash: objects of this bucket, not of buckets whose names
          // merely start the same way.
          { field: 'resources.ARN', startsWith: arns.map((arn) => `${arn}/`) },
        ],
      });
    }
    for (const type of this.sageMakerTypes) {
      selectors.push({
        name: `SageMaker data events: ${type}`,
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: [type] },
        ],
      });
    }
    return selectors;
  }

  private validateSelectors(): string[] {
    const selectors = this.renderSelectors();
    if (selectors.length === 0) {
      // With no advanced selector CloudTrail falls back to its default: every management event,
      // a second (billed) copy beside the account trail.
      return [`The trail records nothing: its trailScope is AuditTrailScope.DATA_EVENTS, no bucket of stack ${Stack.of(this).stackName} is tagged ${TagKeys.DATA_CLASSIFICATION} confidential or restricted, and neither dataEventBuckets nor sageMakerDataEvents is given. Pass buckets or SageMaker data events to record, or remove the trail.`];
    }
    const values = selectors.flatMap((s) => (s.fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[]))
      .reduce((n, f) => n + (f.equalTo?.length ?? 0) + (f.startsWith?.length ?? 0), 0);
    if (values > MAX_SELECTOR_VALUES) {
      return [`The trail's advanced event selectors hold ${values} values, more than the ${MAX_SELECTOR_VALUES} CloudTrail allows on a trail: record fewer buckets here and the rest with another AuditTrail (for example one per stack).`];
    }
    return [];
  }

  /** Whether the trail delivers to this bucket resource: its own log deliveries are not recorded. */
  private deliversTo(cfn: IConstruct): boolean {
    return this.bucket.node.defaultChild === cfn;
  }

  private admitCloudTrailToKey(givenKey: boolean): void {
    const stack = Stack.of(this);
    const fromThisTrail = { 'aws:SourceArn': this.trailArn, 'aws:SourceAccount': stack.account };
    const statements = [
      new iam.PolicyStatement({
        sid: `AllowCloudTrailEncrypt${Names.uniqueId(this)}`,
        principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
        // Decrypt as well: CloudTrail needs it to create or update a trail whose bucket uses an
        // S3 Bucket Key (CloudTrail User Guide).
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: fromThisTrail,
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' }) },
        },
      }),
      new iam.PolicyStatement({
        sid: `AllowCloudTrailDescribe${Names.uniqueId(this)}`,
        principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: fromThisTrail },
      }),
      // The log group is encrypted with the same key.
      ...(givenKey ? keyPolicyStatementsFor(this, KeyPurpose.LOGS) : []),
    ];
    const added = statements.map((s) => this.encryptionKey.addToResourcePolicy(s, true).statementAdded);
    if (added.some((ok) => !ok)) {
      Annotations.of(this).addWarningV2('cdk-soc2-ml:trailKeyPolicy',
        `encryptionKey is imported, so CDK cannot add the statements CloudTrail (for trail ${this.trailName}) and CloudWatch Logs need. Add them to the key policy yourself, or the trail will not be created.`);
    }
  }

  private admitTrailToBucket(): boolean {
    const stack = Stack.of(this);
    const fromThisTrail = { 'aws:SourceArn': this.trailArn, 'aws:SourceAccount': stack.account };
    const acl = this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowCloudTrailAclCheck${Names.uniqueId(this)}`,
      principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
      actions: ['s3:GetBucketAcl'],
      resources: [this.bucket.bucketArn],
      conditions: { StringEquals: fromThisTrail },
    })).statementAdded;
    const write = this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowCloudTrailWrite${Names.uniqueId(this)}`,
      principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
      actions: ['s3:PutObject'],
      resources: [this.bucket.arnForObjects(`${this.trailName}/AWSLogs/${stack.account}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...fromThisTrail } },
    })).statementAdded;
    if (!acl || !write) {
      Annotations.of(this).addWarningV2('cdk-soc2-ml:trailBucketPolicy',
        `bucket is imported, so CDK cannot add the statements that let trail ${this.trailName} deliver to it. Allow cloudtrail.amazonaws.com s3:GetBucketAcl and s3:PutObject on ${this.trailName}/AWSLogs/<account>/*, narrowed by aws:SourceArn, or the trail will not be created.`);
      return false;
    }
    return true;
  }
}

/** Throw on a prop the trail cannot honour, naming the prop, the value and the fix. */
function validateAuditTrailProps(props: AuditTrailProps, trailScope: AuditTrailScope, logRetention: logs.RetentionDays): void {
  if (!Object.values(AuditTrailScope).includes(trailScope)) {
    throw new Soc2MlError(`trailScope is ${JSON.stringify(trailScope)}: pass AuditTrailScope.ACCOUNT or AuditTrailScope.DATA_EVENTS.`);
  }
  if (props.environmentName !== undefined) {
    validateEnvironmentName(props.environmentName, 'environmentName');
  }
  if (!Token.isUnresolved(logRetention) && logRetention < MIN_AUDIT_RETENTION_DAYS) {
    throw new Soc2MlError(`logRetention is ${logRetention} days: trail events are audit evidence and must be kept at least ${MIN_AUDIT_RETENTION_DAYS} days (an audit period is 6 to 12 months). Pass logs.RetentionDays.ONE_YEAR or longer.`);
  }
  for (const t of props.sageMakerDataEvents ?? []) {
    if (!Object.values(SageMakerDataEventResource).includes(t)) {
      throw new Soc2MlError(`sageMakerDataEvents has ${JSON.stringify(t)}: pass SageMakerDataEventResource values (${Object.keys(SageMakerDataEventResource).join(', ')}).`);
    }
  }
}

function isCfnBucket(c: IConstruct): boolean {
  return CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::S3::Bucket';
}

function isClassified(cfn: IConstruct): boolean {
  const value = TagManager.of(cfn)?.tagValues()[TagKeys.DATA_CLASSIFICATION];
  return value !== undefined && !Token.isUnresolved(value) && CLASSIFIED.includes(value);
}

/** A bucket of an `AuditTrailBucket` holds trail logs: recording its writes would record CloudTrail's own deliveries. */
function isTrailBucket(cfn: IConstruct): boolean {
  return cfn.node.scopes.some((s) => s instanceof AuditTrailBucket);
}

/**
 * A bucket defined in the app must be tamper-evident (Object Lock in compliance mode, locked at
 * least as long as CloudWatch Logs keeps the events) and, if a `SecureBucket`, let CloudTrail
 * deliver. A bucket imported from outside the app cannot be checked.
 */
function checkTrailBucket(bucket: s3.IBucket, logRetention: logs.RetentionDays): void {
  const secure = bucket.node.scope;
  if (secure instanceof SecureBucket && !secure.cloudTrailDelivery) {
    throw new Soc2MlError(`bucket is the SecureBucket ${secure.node.path} without cloudTrailDelivery: its encryption denials would refuse CloudTrail's digest files (written with SSE-S3). Pass an AuditTrailBucket's bucket, or set cloudTrailDelivery: true on the SecureBucket.`);
  }
  const cfn = bucket.node.defaultChild;
  if (!(cfn instanceof s3.CfnBucket)) {
    Annotations.of(bucket).addWarningV2('cdk-soc2-ml:trailBucketUnverified',
      'This trail bucket is imported, so CDK cannot check that it has Object Lock in compliance mode for at least as long as the trail keeps its logs. Make sure it does: trail logs must be tamper-evident.');
    return;
  }
  const lock = Stack.of(cfn).resolve(cfn.objectLockConfiguration) as { rule?: { defaultRetention?: { mode?: string; days?: number; years?: number } } } | undefined;
  const retention = lock?.rule?.defaultRetention;
  if (!retention || retention.mode !== 'COMPLIANCE') {
    throw new Soc2MlError(`bucket ${bucket.node.path} has no Object Lock default retention in compliance mode: trail log files must be tamper-evident. Pass an AuditTrailBucket's bucket (or a SecureBucket with objectLock: { mode: ObjectLockMode.COMPLIANCE, ... } and cloudTrailDelivery: true).`);
  }
  const lockDays = retention.days ?? (retention.years !== undefined ? retention.years * 365 : undefined);
  if (typeof lockDays === 'number' && logRetention !== logs.RetentionDays.INFINITE && lockDays < logRetention) {
    throw new Soc2MlError(`logRetention is ${logRetention} days, but bucket ${bucket.node.path} locks log files for only ${lockDays} days: the tamper-evident copy would be deletable while CloudWatch Logs still holds the events. Lock at least as long (objectLockRetentionDays: ${logRetention} on the AuditTrailBucket) or shorten logRetention.`);
  }
}
