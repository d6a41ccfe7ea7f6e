import { Annotations, Duration, Names, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { assertDataClassification, DataClassification, isConfidentialOrAbove } from '../core/data-classification';
import { TagKeys } from '../core/tags';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { acknowledgeWildcardResources } from './private/nag-acknowledgements';
import { ABORT_INCOMPLETE_UPLOADS_AFTER, enableEventBridgeNotifications, HARDENED_BUCKET_PROPS, logAccessTo } from './private/bucket-hardening';
import { Soc2MlError } from '../core/errors';
import { checkProps, PropShape } from './private/prop-checks';

/** Object Lock retention modes. */
export enum ObjectLockMode {
  /** Users with `s3:BypassGovernanceRetention` may shorten or remove a lock. */
  GOVERNANCE = 'GOVERNANCE',
  /** Nobody, the account root included, can shorten or remove a lock before it ends. */
  COMPLIANCE = 'COMPLIANCE',
}

/** Object Lock for a `SecureBucket`. */
export interface SecureBucketObjectLock {
  /** The retention mode of the default retention. */
  readonly mode: ObjectLockMode;
  /** How long each new object version is locked, in days (at least 1). */
  readonly defaultRetentionDays: number;
}

/** Cross-region (or cross-account) replication for a `SecureBucket`. */
export interface SecureBucketReplication {
  /** The replica bucket: versioned, in another region where the data may live. */
  readonly destination: s3.IBucket;
  /** The customer-managed key that encrypts replicas, in the destination's region. */
  readonly destinationKey: kms.IKey;
}

export interface SecureBucketProps {
  /** How sensitive the bucket's data is; written as the `DataClassification` tag. */
  readonly dataClassification: DataClassification;

  /**
   * Whether the bucket holds personal data (written as the `PersonalData` tag). A bucket with
   * personal data must be classified confidential or restricted.
   *
   * @default false
   */
  readonly containsPersonalData?: boolean;

  /**
   * The KMS key for default encryption (SSE-KMS with an S3 Bucket Key).
   *
   * @default - a new `PlatformKey` for data, with rotation on
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where server access logs go. A bucket you pass in must authorize log delivery by bucket
   * policy (CDK adds the statement when the bucket is defined in the same app).
   *
   * @default - the stack's shared `AccessLogBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * Object Lock with a default retention. Object Lock can only be turned on when a bucket is
   * created.
   *
   * @default - no Object Lock
   */
  readonly objectLock?: SecureBucketObjectLock;

  /**
   * How long a version stays after it is overwritten or deleted.
   *
   * @default - by classification: public 30 days, internal 90 days, confidential and restricted
   * 365 days; never shorter than the Object Lock retention
   */
  readonly noncurrentVersionRetention?: Duration;

  /**
   * Replicate every object, delete markers included, to a bucket in another region, encrypted
   * with a customer-managed key there. CDK creates the replication role.
   *
   * @default - no replication
   */
  readonly replication?: SecureBucketReplication;

  /**
   * When current objects expire (become noncurrent). Must not be shorter than the Object Lock
   * retention.
   *
   * @default - objects never expire
   */
  readonly expiration?: Duration;

  /**
   * Move current objects to cheaper storage classes as they age (for example logs to
   * `StorageClass.GLACIER_INSTANT_RETRIEVAL` after 90 days). Objects keep their encryption,
   * versioning and Object Lock retention in every class. `ONE_ZONE_INFREQUENT_ACCESS` is refused:
   * it keeps data in a single Availability Zone. A transition to Standard-IA needs at least 30
   * days (an S3 rule), and every transition must come before `expiration`.
   *
   * S3 by default does not transition objects smaller than 128 KB, whose per-object transition
   * request would cost more than the storage it saves.
   *
   * @default - objects stay in S3 Standard
   */
  readonly transitions?: s3.Transition[];

  /**
   * Let AWS CloudTrail deliver to this bucket. CloudTrail writes log files with the trail's key
   * (which may be named differently from, or differ from, this bucket's key) and digest files
   * with SSE-S3 (Amazon S3-managed keys) whatever the trail's key, so the two denials of uploads
   * that name another algorithm or key would block it. With this option those two statements
   * exempt requests made by the `cloudtrail.amazonaws.com` service principal
   * (`aws:PrincipalServiceName`), and nothing else. It grants CloudTrail nothing: `AuditTrail`
   * adds allow statements narrowed to its own trail by `aws:SourceArn` and `aws:SourceAccount`.
   *
   * @default false
   */
  readonly cloudTrailDelivery?: boolean;
}

const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';

// S3 requires objects to spend 30 days in S3 Standard before moving to an infrequent-access class.
const MIN_DAYS_BEFORE_INFREQUENT_ACCESS = 30;

const NONCURRENT_RETENTION_DAYS: Record<DataClassification, number> = {
  [DataClassification.PUBLIC]: 30,
  [DataClassification.INTERNAL]: 90,
  [DataClassification.CONFIDENTIAL]: 365,
  [DataClassification.RESTRICTED]: 365,
};

/**
 * An S3 bucket that meets every data-protection control of the platform: SSE-KMS with a
 * customer-managed key and a Bucket Key, TLS 1.2+ only, all of Block Public Access,
 * `BucketOwnerEnforced`, versioning, server access logging, EventBridge notifications,
 * noncurrent-version lifecycle, `RETAIN`, and a classification tag. Uploads that name another
 * encryption algorithm or key are denied; uploads that name none get the default.
 */
export class SecureBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The key that encrypts the bucket. */
  public readonly encryptionKey: kms.IKey;
  /** The bucket's classification. */
  public readonly dataClassification: DataClassification;
  /** Whether the upload-encryption denials exempt CloudTrail deliveries (`cloudTrailDelivery`). */
  public readonly cloudTrailDelivery: boolean;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    checkProps('SecureBucket', props, SECURE_BUCKET_PROPS);
    assertDataClassification(props?.dataClassification, 'dataClassification');
    this.dataClassification = props.dataClassification;
    const lockDays = validateSecureBucketProps(props);
    this.cloudTrailDelivery = props.cloudTrailDelivery ?? false;

    this.encryptionKey = props.encryptionKey ?? new PlatformKey(this, 'Key', { purpose: KeyPurpose.DATA }).key;
    const replication = props.replication ? this.createReplicationRole() : undefined;
    this.bucket = this.createBucket(props, lockDays, replication?.role);
    if (replication && props.replication) {
      this.allowReplication(replication.policy, props.replication);
    }
    enableEventBridgeNotifications(this.bucket);
    this.sendAccessLogsTo(props.accessLogsBucket ?? AccessLogBucket.of(this).bucket);
    this.denyUploadsNamingOtherEncryption();

    Tags.of(this.bucket).add(TagKeys.DATA_CLASSIFICATION, props.dataClassification);
    Tags.of(this.bucket).add(TagKeys.PERSONAL_DATA, props.containsPersonalData ? 'true' : 'false');
  }

  /**
   * The role S3 replicates with, its permissions in one customer-managed policy (CDK's own role
   * would get an inline policy with wildcard KMS actions).
   */
  private createReplicationRole(): { role: iam.Role; policy: iam.ManagedPolicy } {
    const role = new iam.Role(this, 'ReplicationRole', { assumedBy: new iam.ServicePrincipal('s3.amazonaws.com') });
    // Attached from the policy's side: the policy names the bucket, which names the role.
    const policy = new iam.ManagedPolicy(this, 'ReplicationPolicy', { description: 'S3 replication of this bucket: read its versions, write replicas to the destination', roles: [role] });
    return { role, policy };
  }

  /** What S3 replication needs, as the S3 User Guide lists it for SSE-KMS objects, and nothing else. */
  private allowReplication(policy: iam.ManagedPolicy, replication: SecureBucketReplication): void {
    const viaS3 = (region: string) => ({ StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } });
    const sourceObjects = this.bucket.arnForObjects('*');
    const replicaObjects = replication.destination.arnForObjects('*');
    policy.addStatements(
      new iam.PolicyStatement({ sid: 'ReadReplicationConfiguration', actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [this.bucket.bucketArn] }),
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging', 's3:GetObjectRetention', 's3:GetObjectLegalHold'],
        resources: [sourceObjects],
      }),
      new iam.PolicyStatement({ sid: 'WriteReplicas', actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], resources: [replicaObjects] }),
      new iam.PolicyStatement({ sid: 'DecryptSource', actions: ['kms:Decrypt'], resources: [this.encryptionKey.keyArn], conditions: viaS3(this.bucket.stack.region) }),
      new iam.PolicyStatement({ sid: 'EncryptReplicas', actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [replication.destinationKey.keyArn], conditions: viaS3(replication.destination.stack.region) }),
    );
    acknowledgeWildcardResources(policy, [sourceObjects, replicaObjects],
      'S3 replication copies every object version of this bucket, under keys written at run time, to the destination bucket: the wildcards name the objects of these two buckets only, both KMS-encrypted, versioned and retained. The role may read versions and write replicas, nothing else.');
  }

  private createBucket(props: SecureBucketProps, lockDays: number | undefined, replicationRole?: iam.IRole): s3.Bucket {
    const noncurrentRetention = props.noncurrentVersionRetention
      ?? Duration.days(Math.max(NONCURRENT_RETENTION_DAYS[props.dataClassification], lockDays ?? 0));
    return new s3.Bucket(this, 'Bucket', {
      ...HARDENED_BUCKET_PROPS,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      objectLockEnabled: props.objectLock ? true : undefined,
      objectLockDefaultRetention: props.objectLock && lockDays !== undefined
        ? (props.objectLock.mode === ObjectLockMode.COMPLIANCE
          ? s3.ObjectLockRetention.compliance(Duration.days(lockDays))
          : s3.ObjectLockRetention.governance(Duration.days(lockDays)))
        : undefined,
      replicationRole,
      replicationRules: props.replication ? [{
        id: 'replicate-all',
        destination: props.replication.destination,
        kmsKey: props.replication.destinationKey,
        sseKmsEncryptedObjects: true,
        deleteMarkerReplication: true,
      }] : undefined,
      lifecycleRules: [{
        id: 'version-retention',
        noncurrentVersionExpiration: noncurrentRetention,
        expiration: props.expiration,
        transitions: props.transitions,
        abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER,
      }],
    });
  }

  private sendAccessLogsTo(accessLogsBucket: s3.IBucket): void {
    if (!logAccessTo(this.bucket, accessLogsBucket, `${Names.uniqueId(this)}/`)) {
      Annotations.of(this).addWarningV2('cdk-soc2-ml:accessLogsBucketPolicy',
        'accessLogsBucket is imported, so CDK cannot add the bucket-policy statement that lets S3 deliver this bucket\'s access logs to it. Allow logging.s3.amazonaws.com to put objects there, narrowed by aws:SourceArn, or logs will not arrive.');
    }
  }

  private denyUploadsNamingOtherEncryption(): void {
    // Only uploads that *name* another algorithm or key are refused, so AWS services that write
    // without encryption headers still get the bucket's default key. Not `…IfExists`: IAM
    // evaluates an `…IfExists` condition on an absent key as true, so in a Deny it would refuse
    // every upload without headers. `Null: false` requires the header; `StringNotEquals` then
    // compares it. With cloudTrailDelivery, a third condition (ANDed) lifts both denials for
    // requests CloudTrail's service principal makes, and for no one else.
    const exemptCloudTrail = this.cloudTrailDelivery
      ? { StringNotEqualsIfExists: { 'aws:PrincipalServiceName': CLOUDTRAIL_SERVICE } }
      : {};
    const namedAndDifferent = (header: string, expected: string) => ({
      Null: { [header]: 'false' },
      StringNotEquals: { [header]: expected },
      ...exemptCloudTrail,
    });
    const denyUploadsNaming = (sid: string, header: string, expected: string) => this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [this.bucket.arnForObjects('*')],
      conditions: namedAndDifferent(header, expected),
    }));
    denyUploadsNaming('DenyUploadsNamingOtherEncryption', 's3:x-amz-server-side-encryption', 'aws:kms');
    denyUploadsNaming('DenyUploadsNamingOtherKeys', 's3:x-amz-server-side-encryption-aws-kms-key-id', this.encryptionKey.keyArn);
  }

  /** Let a principal read objects (and decrypt them). */
  public grantRead(grantee: iam.IGrantable, objectsKeyPattern: string = '*'): iam.Grant {
    return this.bucket.grantRead(grantee, objectsKeyPattern);
  }

  /** Let a principal write objects (and encrypt them). */
  public grantWrite(grantee: iam.IGrantable, objectsKeyPattern: string = '*'): iam.Grant {
    return this.bucket.grantWrite(grantee, objectsKeyPattern);
  }

  /** Let a principal read and write objects. */
  public grantReadWrite(grantee: iam.IGrantable, objectsKeyPattern: string = '*'): iam.Grant {
    return this.bucket.grantReadWrite(grantee, objectsKeyPattern);
  }
}

/**
 * Throw on props the bucket cannot honour, naming the prop, the value and the fix. Returns the
 * Object Lock retention in days (undefined without Object Lock).
 */
const SECURE_BUCKET_PROPS: PropShape<SecureBucketProps> = {
  dataClassification: 'value', containsPersonalData: 'value', encryptionKey: 'key', accessLogsBucket: 'bucket', objectLock: 'value',
  noncurrentVersionRetention: 'value', replication: 'value', expiration: 'value', transitions: 'value', cloudTrailDelivery: 'value',
};

function validateSecureBucketProps(props: SecureBucketProps): number | undefined {
  if (props.containsPersonalData && !isConfidentialOrAbove(props.dataClassification)) {
    throw new Soc2MlError(`containsPersonalData is true but dataClassification is ${props.dataClassification}: personal data must be classified DataClassification.CONFIDENTIAL or DataClassification.RESTRICTED.`);
  }
  const lockDays = validateObjectLock(props.objectLock);
  if (props.expiration) {
    checkNotShorterThanLock('expiration', props.expiration, lockDays);
  }
  if (props.noncurrentVersionRetention) {
    checkNotShorterThanLock('noncurrentVersionRetention', props.noncurrentVersionRetention, lockDays);
    checkPositive('noncurrentVersionRetention', props.noncurrentVersionRetention);
  }
  if (props.replication && (!props.replication.destination || !props.replication.destinationKey)) {
    throw new Soc2MlError(`replication needs both destination and destinationKey (got ${props.replication.destination ? 'a destination' : 'no destination'} and ${props.replication.destinationKey ? 'a key' : 'no key'}): replicas must be encrypted with a customer-managed key in the destination region.`);
  }
  validateTransitions(props.transitions ?? [], props.expiration);
  return lockDays;
}

function validateObjectLock(lock: SecureBucketObjectLock | undefined): number | undefined {
  if (!lock) {
    return undefined;
  }
  if (!Object.values(ObjectLockMode).includes(lock.mode)) {
    throw new Soc2MlError(`objectLock.mode is ${JSON.stringify(lock.mode)}: pass ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE.`);
  }
  const days = lock.defaultRetentionDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days <= 0) {
    throw new Soc2MlError(`objectLock.defaultRetentionDays is ${JSON.stringify(days)}: pass a whole number of days of at least 1 (for example 365).`);
  }
  return days;
}

function validateTransitions(transitions: readonly s3.Transition[], expiration: Duration | undefined): void {
  for (const [i, t] of transitions.entries()) {
    const storageClass = t.storageClass?.value;
    if (storageClass === s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS.value) {
      throw new Soc2MlError(`transitions[${i}].storageClass is ${storageClass}, which keeps data in a single Availability Zone and loses it with that zone: pick a class that spans zones, such as StorageClass.INFREQUENT_ACCESS or StorageClass.GLACIER_INSTANT_RETRIEVAL.`);
    }
    const after = t.transitionAfter;
    if (!after || after.isUnresolved()) {
      continue;
    }
    const days = after.toDays({ integral: false });
    if (storageClass === s3.StorageClass.INFREQUENT_ACCESS.value && days < MIN_DAYS_BEFORE_INFREQUENT_ACCESS) {
      throw new Soc2MlError(`transitions[${i}].transitionAfter is ${days} days: S3 moves objects to ${storageClass} only after at least ${MIN_DAYS_BEFORE_INFREQUENT_ACCESS} days. Pass Duration.days(${MIN_DAYS_BEFORE_INFREQUENT_ACCESS}) or more.`);
    }
    if (expiration && !expiration.isUnresolved() && days >= expiration.toDays({ integral: false })) {
      throw new Soc2MlError(`transitions[${i}].transitionAfter is ${days} days, not before expiration (${expiration.toDays({ integral: false })} days): objects would expire before they move. Transition earlier or expire later.`);
    }
  }
}

function checkNotShorterThanLock(propName: string, value: Duration, lockDays: number | undefined): void {
  if (lockDays === undefined || value.isUnresolved()) {
    return;
  }
  if (value.toDays({ integral: false }) < lockDays) {
    throw new Soc2MlError(`${propName} is ${value.toDays({ integral: false })} days, shorter than the Object Lock retention of ${lockDays} days: locked versions cannot be removed before their retention ends. Pass Duration.days(${lockDays}) or more, or shorten objectLock.defaultRetentionDays.`);
  }
}

function checkPositive(propName: string, value: Duration): void {
  if (!value.isUnresolved() && value.toDays({ integral: false }) < 1) {
    throw new Soc2MlError(`${propName} is ${value.toDays({ integral: false })} days: pass at least Duration.days(1).`);
  }
}
