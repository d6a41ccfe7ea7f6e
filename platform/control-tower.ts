/**
 * AWS Control Tower proactive controls (the cfn-guard rules shipped in
 * `@cdklabs/cdk-validator-cfnguard`) that the default app (and its pipeline, when it has one) does
 * not meet, and why. The test suite runs every control over the default app's templates and over
 * the pipeline app's, and fails on any finding that is not listed here, and on any entry here that
 * no longer matches a finding.
 */
/** Which stacks of the default app an exception applies to. */
export enum ExceptionStacks {
  /** Every environment stack (`soc2ml-<env>`). */
  ENVIRONMENTS = 'environments',
  /** Every account baseline stack (`soc2ml-baseline...`). */
  BASELINES = 'baselines',
  /** The delivery pipeline's stack (`soc2ml-pipeline`), when the app has one. */
  PIPELINE = 'pipeline',
  /** Every environment stack that serves a model (`soc2ml:<env>:model`); none in the default app. */
  SERVING = 'serving',
}

export interface ControlTowerException {
  /** The control, e.g. `CT.S3.PR.9`. */
  readonly control: string;
  /**
   * The stacks whose resources it applies to.
   *
   * @default ExceptionStacks.ENVIRONMENTS
   */
  readonly stacks?: ExceptionStacks;
  /**
   * Construct paths inside each of those stacks: the platform's (`Platform/...`), a baseline
   * construct's, or a stack-level singleton CDK adds (`Custom::...`).
   */
  readonly constructPaths: readonly string[];
  /** Why the control does not apply, in words an auditor accepts. */
  readonly reason: string;
}

export const CONTROL_TOWER_EXCEPTIONS: readonly ControlTowerException[] = [
  {
    control: 'CT.S3.PR.10',
    constructPaths: ['Platform/AccessLogs/Bucket/Resource'],
    reason: 'S3 cannot deliver server access logs to a bucket whose default encryption is SSE-KMS. The access-log bucket uses SSE-S3 (AES-256), is TLS-only, blocks public access and holds only access logs.',
  },
  {
    control: 'CT.S3.PR.2',
    constructPaths: ['Platform/AccessLogs/Bucket/Resource'],
    reason: 'This is the server access log target. Logging it to itself would log its own deliveries without end; changes to its configuration are recorded by the account trail, reads and writes of its objects are not.',
  },
  {
    control: 'CT.S3.PR.9',
    constructPaths: ['Platform/AccessLogs/Bucket/Resource'],
    reason: 'S3 cannot deliver server access logs to a bucket with an Object Lock default retention. The bucket is versioned, retained on stack deletion, and its noncurrent versions are kept 90 days.',
  },
  {
    control: 'CT.S3.PR.9',
    constructPaths: ['Platform/TrainingData/Bucket/Resource'],
    reason: 'Training data may hold personal data that must be erasable on a data subject\'s request, which a default Object Lock retention would prevent. Integrity is kept by versioning with 365-day noncurrent-version retention, TLS-only and key-pinned write policies, retention on stack deletion, and CloudTrail data events.',
  },
  {
    control: 'CT.S3.PR.9',
    constructPaths: ['Platform/ModelArtifacts/Bucket/Resource'],
    reason: 'A default Object Lock retention makes S3 reject uploads that carry no Content-MD5 or checksum header, which not every SageMaker job sends; the default app must deploy and run in a fresh account. Model artifacts are versioned and kept 365 days after replacement; SecureBucket\'s objectLock option (governance or compliance mode) is there for teams that have verified their writers.',
  },
  {
    control: 'CT.S3.PR.9',
    constructPaths: ['Platform/FeatureStore/OfflineStore/Bucket/Resource'],
    reason: 'The offline feature store holds features that may include personal data, which must be erasable on a data subject\'s request; a default Object Lock retention would prevent that, and SageMaker Feature Store is not documented to send the Content-MD5 or checksum header that S3 requires for uploads under a default retention. Integrity is kept by versioning with 365-day noncurrent-version retention, a key-pinned, TLS-only bucket policy, retention on stack deletion, and CloudTrail data events.',
  },
  {
    control: 'CT.IAM.PR.3',
    constructPaths: ['Platform/PermissionsBoundary/Resource/Resource'],
    reason: 'This is the permissions boundary of every role in the environment: it grants nothing, it caps. Its Allow names whole services (sagemaker:*, s3:*, ...) as the ceiling no role can exceed, so services outside the ML platform are out of reach whatever a role is given; its Deny statements stop every role from changing the boundary, creating roles without it, creating long-lived credentials, stopping audit logging, destroying keys and bypassing Object Lock.',
  },
  {
    control: 'CT.IAM.PR.3',
    constructPaths: ['Platform/Personas/PlatformAdminPolicy/Resource'],
    reason: 'This is the break-glass platform-admin persona: during an incident it must be able to repair any ML resource of the environment, so it has full access to the ML services (not to IAM). It is assumable only with MFA or through the identity provider, for one-hour sessions; every assumption is announced to the alert topic and recorded by CloudTrail; its permissions boundary denies audit tampering, key destruction and Object Lock bypass; and explicit denies stop it from approving models or registering them as anything but pending approval.',
  },
  {
    control: 'CT.LAMBDA.PR.3',
    constructPaths: ['Custom::VpcRestrictDefaultSGCustomResourceProvider/Handler'],
    reason: 'This is the function CDK deploys to remove every rule from the VPC\'s default security group (restrictDefaultSecurityGroup). It runs only when the stack is deployed, calls only the EC2 API, handles no data, and its role may only authorize and revoke rules on that one security group. Running it inside the isolated VPC it restricts would need an EC2 interface endpoint for it alone and would leave network interfaces behind when the stack is deleted; CDK offers no option to place it in a VPC.',
  },
  {
    control: 'CT.S3.PR.10',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['Soc2MlAccessLogs/Bucket/Resource'],
    reason: 'S3 cannot deliver server access logs to a bucket whose default encryption is SSE-KMS. The access-log bucket uses SSE-S3 (AES-256), is TLS-only, blocks public access and holds only access logs.',
  },
  {
    control: 'CT.S3.PR.2',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['Soc2MlAccessLogs/Bucket/Resource'],
    reason: 'This is the server access log target. Logging it to itself would log its own deliveries without end; changes to its configuration are recorded by the account trail, reads and writes of its objects are not.',
  },
  {
    control: 'CT.S3.PR.9',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['Soc2MlAccessLogs/Bucket/Resource'],
    reason: 'S3 cannot deliver server access logs to a bucket with an Object Lock default retention. The bucket is versioned, retained on stack deletion, and its noncurrent versions are kept 90 days.',
  },
  {
    control: 'CT.S3.PR.9',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['ContinuousCompliance/DeliveryBucket/Bucket/Resource'],
    reason: 'AWS Config does not support a delivery channel to an S3 bucket with Object Lock enabled (AWS::Config::DeliveryChannel reference). The delivery bucket is versioned with 365-day noncurrent-version retention, KMS-encrypted, TLS-only with key-pinned uploads and retained on stack deletion, and AWS Config keeps the configuration history itself for its retention period.',
  },
  {
    control: 'CT.S3.PR.9',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['BackupAssurance/ReportInbox/Bucket/Resource'],
    reason: 'This bucket is the inbox of AWS Backup Audit Manager\'s reports, which are not documented to carry the Content-MD5 or checksum header S3 requires for uploads under a default Object Lock retention. Every report is replicated into the evidence archive, whose Object Lock in compliance mode keeps it for the evidence retention; the inbox is versioned, KMS-encrypted with the archive\'s key, TLS-only with key-pinned uploads, retained on stack deletion, and expires its own copies after 35 days.',
  },
  {
    control: 'CT.GUARDDUTY.PR.1',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['ThreatDetection/Detector'],
    reason: 'The detector turns S3 Protection on through the current Features API (S3_DATA_EVENTS: ENABLED). This control reads only the older DataSources.S3Logs property, which GuardDuty has replaced with Features and which must not be combined with Features in one detector, so the control cannot see the protection. The pack rule GuardDutyS3Protection checks it at synth and the AWS Config rule GUARDDUTY_S3_PROTECTION_ENABLED at runtime.',
  },
  {
    control: 'CT.LAMBDA.PR.3',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['PersonalDataDiscovery/Function/Resource'],
    reason: 'This function creates and cancels the account\'s Amazon Macie classification jobs for CloudFormation (CloudFormation has no resource type for a job). The account baseline has no VPC to place it in: it calls only the Macie API and answers CloudFormation\'s presigned S3 URL, handles no data (Macie reads the buckets with its own service-linked role), runs only when the stack is deployed, and its role may only create, describe and cancel classification jobs.',
  },
  {
    control: 'CT.LAMBDA.PR.3',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['EvidenceArchive/Writer/Function/Resource'],
    reason: 'This function writes the evidence archive\'s records. The account baseline has no VPC to place it in: it reads only its own KMS-encrypted queue and puts only new objects under records/ in the archive bucket (Object Lock in compliance mode), through the regional SQS and S3 APIs over TLS; its role may do nothing else, and it has reserved concurrency and a dead-letter queue whose alarm reaches the alert topic.',
  },
  {
    control: 'CT.LAMBDA.PR.3',
    stacks: ExceptionStacks.BASELINES,
    constructPaths: ['AccessReview/ExceptionReviews/Function/Resource'],
    reason: 'This function runs once a quarter with the review dates of the app\'s exceptions and publishes the past-due ones to the alert topic. The account baseline has no VPC to place it in: it handles no data but those dates, calls only the regional SNS API (and returns its result to the default event bus through its on-success destination) over TLS; its role may do nothing else, and it has reserved concurrency and a dead-letter queue whose alarm reaches the alert topic.',
  },
  {
    control: 'CT.S3.PR.9',
    stacks: ExceptionStacks.PIPELINE,
    constructPaths: ['ArtifactBucket/Bucket/Resource'],
    reason: 'A default Object Lock retention makes S3 reject uploads that carry no Content-MD5 or checksum header, which CodePipeline and CodeBuild are not documented to send for artifacts, and the pipeline must run in a fresh account. Artifacts are rebuilt from the repository by every execution; the bucket is versioned with 365-day noncurrent-version retention, KMS-encrypted, TLS-only with key-pinned uploads, access-logged and retained on stack deletion.',
  },
  {
    control: 'CT.S3.PR.10',
    stacks: ExceptionStacks.PIPELINE,
    constructPaths: ['Soc2MlAccessLogs/Bucket/Resource'],
    reason: 'S3 cannot deliver server access logs to a bucket whose default encryption is SSE-KMS. The pipeline\'s access-log bucket uses SSE-S3 (AES-256), is TLS-only, blocks public access and holds only the artifact bucket\'s access logs.',
  },
  {
    control: 'CT.S3.PR.2',
    stacks: ExceptionStacks.PIPELINE,
    constructPaths: ['Soc2MlAccessLogs/Bucket/Resource'],
    reason: 'This is the pipeline\'s server access log target. Logging it to itself would log its own deliveries without end; changes to its configuration are recorded by the account trail, reads and writes of its objects are not.',
  },
  {
    control: 'CT.S3.PR.9',
    stacks: ExceptionStacks.PIPELINE,
    constructPaths: ['Soc2MlAccessLogs/Bucket/Resource'],
    reason: 'S3 cannot deliver server access logs to a bucket with an Object Lock default retention. The pipeline\'s access-log bucket is versioned, retained on stack deletion, and its noncurrent versions are kept 90 days.',
  },
  {
    control: 'CT.S3.PR.9',
    stacks: ExceptionStacks.SERVING,
    constructPaths: ['Platform/Serving/CaptureBucket/Bucket/Resource'],
    reason: 'The bucket holds the requests and responses a model served, which may be personal data that must be erasable on a data subject\'s request; a default Object Lock retention would prevent that, and SageMaker data capture is not documented to send the Content-MD5 or checksum header that S3 requires for uploads under a default retention. Captured objects expire after 90 days by design (data minimization) and their versions a week later; until then integrity is kept by versioning, a key-pinned, TLS-only bucket policy, retention on stack deletion, and CloudTrail data events.',
  },
];
