import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * The settings every bucket of the platform has, whatever it holds: TLS 1.2+ only, no public
 * access, no ACLs, versioning, retained on stack deletion or replacement.
 */
export const HARDENED_BUCKET_PROPS = {
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  versioned: true,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies s3.BucketProps;

/** Incomplete multipart uploads hold storage nobody can see; a week is enough to finish one. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

/**
 * Send the bucket's events to EventBridge through the bucket resource itself. The L2's
 * `eventBridgeEnabled` deploys a custom-resource Lambda function for the same result.
 */
export function enableEventBridgeNotifications(bucket: s3.Bucket): void {
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
}

/**
 * Turn on server access logging from `source` to `target`, authorized by a statement in the
 * target's bucket policy narrowed to the source bucket and account. Written here rather than
 * through the L2's `serverAccessLogsBucket`, whose ACL-based delivery (without the
 * `serverAccessLogsUseBucketPolicy` feature flag) cannot work with `BucketOwnerEnforced`.
 * A target imported from outside the app must already allow delivery: then this returns false.
 */
export function logAccessTo(source: s3.Bucket, target: s3.IBucket, prefix: string): boolean {
  const cfn = source.node.defaultChild as s3.CfnBucket;
  cfn.loggingConfiguration = { destinationBucketName: target.bucketName, logFilePrefix: prefix };
  return target.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [target.arnForObjects(`${prefix}*`)],
    conditions: {
      ArnLike: { 'aws:SourceArn': source.bucketArn },
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    },
  })).statementAdded;
}
