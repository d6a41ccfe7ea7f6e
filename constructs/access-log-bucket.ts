import { Aspects, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { TagKeys } from '../core/tags';
import { ABORT_INCOMPLETE_UPLOADS_AFTER, enableEventBridgeNotifications, HARDENED_BUCKET_PROPS } from './private/bucket-hardening';
import { awsSolutionsRuleId, complianceAcknowledgements } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { Soc2MlError } from '../core/errors';

export interface AccessLogBucketProps {
  /**
   * How long access logs are kept. An audit period is 6 to 12 months, so at least 365 days.
   *
   * @default - logs never expire
   */
  readonly expiration?: Duration;

  /**
   * After how long logs move to S3 Glacier Instant Retrieval.
   *
   * @default Duration.days(90)
   */
  readonly transitionToGlacierAfter?: Duration;
}

const SHARED_ID = 'Soc2MlAccessLogs';
const MIN_LOG_RETENTION_DAYS = 365;

/**
 * The target of S3 server access logs: TLS-only, no public access, `BucketOwnerEnforced`
 * (log delivery is authorized by bucket policy, narrowed to the source buckets), versioned,
 * retained.
 *
 * It is encrypted with SSE-S3, not SSE-KMS, and has no Object Lock default retention, because
 * S3 cannot deliver server access logs to a bucket with either. It does not log to itself.
 * The acknowledgements for those three facts are made here, on this bucket only.
 */
export class AccessLogBucket extends Construct {
  /**
   * The access-log bucket shared by every bucket of a stack, created on first use.
   */
  public static of(scope: IConstruct): AccessLogBucket {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(SHARED_ID);
    if (existing instanceof AccessLogBucket) {
      return existing;
    }
    if (existing) {
      throw new Soc2MlError(`A construct with id "${SHARED_ID}" already exists in stack ${stack.node.path} and is not an AccessLogBucket: rename it, or pass accessLogsBucket explicitly.`);
    }
    return new AccessLogBucket(stack, SHARED_ID);
  }

  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    const expiration = props.expiration;
    if (expiration && !expiration.isUnresolved() && expiration.toDays() < MIN_LOG_RETENTION_DAYS) {
      throw new Soc2MlError(`expiration is ${expiration.toDays()} days: access logs are audit evidence and must be kept at least ${MIN_LOG_RETENTION_DAYS} days (an audit period is 6 to 12 months). Pass Duration.days(${MIN_LOG_RETENTION_DAYS}) or more, or omit it to keep logs forever.`);
    }
    const transitionAfter = props.transitionToGlacierAfter ?? Duration.days(90);
    if (expiration && !expiration.isUnresolved() && !transitionAfter.isUnresolved() && transitionAfter.toDays() >= expiration.toDays()) {
      throw new Soc2MlError(`transitionToGlacierAfter (${transitionAfter.toDays()} days) must be shorter than expiration (${expiration.toDays()} days).`);
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...HARDENED_BUCKET_PROPS,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{
        id: 'access-log-retention',
        transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter }],
        expiration,
        noncurrentVersionExpiration: Duration.days(90),
        abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER,
      }],
    });
    enableEventBridgeNotifications(this.bucket);
    Tags.of(this.bucket).add(TagKeys.DATA_CLASSIFICATION, DataClassification.INTERNAL);

    const sseKmsReason = 'S3 server access logs cannot be delivered to a bucket encrypted with SSE-KMS (S3 User Guide, "Enabling Amazon S3 server access logging"); this log-target bucket uses SSE-S3 (AES-256) and holds only access logs, never data.';
    // What is recorded about this bucket, and what is not: no trail selects its object events.
    const selfLoggingReason = 'This bucket is the server access log target of the stack. Logging it to itself would log its own log deliveries without end, and logging it to another bucket only moves the problem. Reads and writes of its objects are therefore not recorded (it is classified internal, and trails record the object events of confidential and restricted buckets only); changes to its configuration and policy are management events, which an account trail such as the baseline\'s AuditTrail records. Its bucket policy lets S3 log delivery write only the logs of the stack\'s own buckets.';
    acknowledgeForPlatform(this.bucket, ...complianceAcknowledgements('S3DefaultEncryptionKMS', sseKmsReason));
    // cdk-nag counts a bucket that another bucket of its stack logs into as logged, so the
    // exception exists only while none does: decided once the stack is complete (an aspect runs
    // before synthesis), so the register never lists an exception that covers no finding.
    let decided = false;
    Aspects.of(this.bucket).add({
      visit: () => {
        if (decided) {
          return;
        }
        decided = true;
        if (!receivesAccessLogs(this.bucket)) {
          acknowledgeForPlatform(this.bucket,
            { id: awsSolutionsRuleId('S1'), reason: selfLoggingReason },
            ...complianceAcknowledgements('S3BucketLoggingEnabled', selfLoggingReason));
        }
      },
    });
  }
}

/** Whether another bucket of the bucket's stack delivers its server access logs into it. */
function receivesAccessLogs(bucket: s3.Bucket): boolean {
  const stack = Stack.of(bucket);
  const target = JSON.stringify(stack.resolve((bucket.node.defaultChild as s3.CfnBucket).ref));
  return stack.node.findAll().some((c) => c instanceof s3.CfnBucket && c.node.scope !== bucket
    && JSON.stringify((stack.resolve(c.loggingConfiguration) as { destinationBucketName?: unknown } | undefined)?.destinationBucketName) === target);
}
