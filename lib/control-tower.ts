/**
 * AWS Control Tower proactive controls (the cfn-guard rules shipped in
 * `@cdklabs/cdk-validator-cfnguard`) that the default app does not meet, and why. The test suite
 * runs every control over the default app's templates and fails on any finding that is not
 * listed here, and on any entry here that no longer matches a finding.
 */
export interface ControlTowerException {
  /** The control, e.g. `CT.S3.PR.9`. */
  readonly control: string;
  /**
   * Construct paths inside each environment stack of the resources it applies to: the platform's
   * (`Platform/...`) or a stack-level singleton CDK adds for it (`Custom::...`).
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
    reason: 'This is the server access log target. Logging it to itself would log its own deliveries without end; access to it is recorded by CloudTrail.',
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
    control: 'CT.LAMBDA.PR.3',
    constructPaths: ['Custom::VpcRestrictDefaultSGCustomResourceProvider/Handler'],
    reason: 'This is the function CDK deploys to remove every rule from the VPC\'s default security group (restrictDefaultSecurityGroup). It runs only when the stack is deployed, calls only the EC2 API, handles no data, and its role may only authorize and revoke rules on that one security group. Running it inside the isolated VPC it restricts would need an EC2 interface endpoint for it alone and would leave network interfaces behind when the stack is deleted; CDK offers no option to place it in a VPC.',
  },
];
