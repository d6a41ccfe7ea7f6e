import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { ObjectLockMode, SecureBucket, SecureBucketReplication } from './secure-bucket';
import { MIN_AUDIT_RETENTION_DAYS } from './private/retention';
import { Soc2MlError } from '../core/errors';

export interface AuditTrailBucketProps {
  /**
   * The key for the bucket's default encryption. Pass the trail's key, so one key policy decides
   * who may read the audit trail.
   *
   * @default - a new `PlatformKey` for data, with rotation on
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long each log and digest file is locked, in days (Object Lock in compliance mode: nobody,
   * the account root included, can delete or overwrite it sooner). An audit period is 6 to 12
   * months, so at least 365. Keep it at least as long as the trail's CloudWatch Logs retention.
   *
   * @default 365
   */
  readonly objectLockRetentionDays?: number;

  /**
   * After how long log files move to S3 Glacier Instant Retrieval (same durability, millisecond
   * reads for auditors, lower storage price).
   *
   * @default Duration.days(90)
   */
  readonly transitionToGlacierAfter?: Duration;

  /**
   * When log files expire. Must not be shorter than the Object Lock retention.
   *
   * @default - log files are kept forever
   */
  readonly expiration?: Duration;

  /**
   * Replicate log and digest files, delete markers included, to a bucket in another region
   * (give the replica Object Lock too, so the copy is as tamper-evident).
   *
   * @default - no replication
   */
  readonly replication?: SecureBucketReplication;

  /**
   * Where the bucket's server access logs go (every read of the audit trail is recorded there).
   *
   * @default - the stack's shared `AccessLogBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;
}


/**
 * The tamper-evident home of CloudTrail log and digest files: a `SecureBucket` classified
 * confidential (audit logs name people, roles, addresses and resources) with Object Lock in
 * compliance mode for at least 365 days, server access logging, log files moved to Glacier
 * Instant Retrieval after 90 days, and `cloudTrailDelivery` so CloudTrail's digest files (SSE-S3)
 * and log files (the trail's key) are not refused by the bucket's encryption denials. Trails are
 * let in by `AuditTrail`, one statement per trail narrowed by `aws:SourceArn`.
 */
export class AuditTrailBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The key of the bucket's default encryption. */
  public readonly encryptionKey: kms.IKey;
  /** How long every object version is locked, in days. */
  public readonly objectLockRetentionDays: number;

  constructor(scope: Construct, id: string, props: AuditTrailBucketProps = {}) {
    super(scope, id);
    const days = props.objectLockRetentionDays ?? MIN_AUDIT_RETENTION_DAYS;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_AUDIT_RETENTION_DAYS) {
      throw new Soc2MlError(`objectLockRetentionDays is ${JSON.stringify(days)}: audit logs must stay locked at least ${MIN_AUDIT_RETENTION_DAYS} days (an audit period is 6 to 12 months). Pass a whole number of days of ${MIN_AUDIT_RETENTION_DAYS} or more, or omit it.`);
    }
    this.objectLockRetentionDays = days;

    const secure = new SecureBucket(this, 'Bucket', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: props.encryptionKey,
      accessLogsBucket: props.accessLogsBucket,
      objectLock: { mode: ObjectLockMode.COMPLIANCE, defaultRetentionDays: days },
      transitions: [{
        storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
        transitionAfter: props.transitionToGlacierAfter ?? Duration.days(90),
      }],
      expiration: props.expiration,
      replication: props.replication,
      cloudTrailDelivery: true,
    });
    this.bucket = secure.bucket;
    this.encryptionKey = secure.encryptionKey;
  }
}
