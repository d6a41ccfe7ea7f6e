import { PackRule, Severity } from '../../rule';
import { S3BucketAccessLogged } from './S3BucketAccessLogged';
import { S3BucketClassified } from './S3BucketClassified';
import { S3BucketKmsEncryption } from './S3BucketKmsEncryption';
import { S3BucketOwnerEnforced } from './S3BucketOwnerEnforced';
import { S3BucketPersonalDataProtected } from './S3BucketPersonalDataProtected';
import { S3BucketPublicAccessBlocked } from './S3BucketPublicAccessBlocked';
import { S3BucketRetained } from './S3BucketRetained';
import { S3BucketTlsOnly } from './S3BucketTlsOnly';
import { S3BucketVersioned } from './S3BucketVersioned';

/** The S3 rules, with the criteria, words and severity the pack gives them. */
export const S3_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: S3BucketKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Data at rest under a customer-managed key whose use is itself access-controlled and logged (CC6.1 encryption of data at rest); the bucket\'s confidential contents stay protected (C1.1).',
    reference: { check: 'steampipe:s3_bucket_default_encryption_enabled', criteria: ['CC6.1', 'CC6.2', 'PI1.4'] },
    severity: Severity.ERROR,
    finding: 'S3 bucket is not encrypted with a customer-managed KMS key.',
    fix: 'Set BucketEncryption to aws:kms with your own key (SecureBucket does; with the L2 Bucket use encryption: BucketEncryption.KMS and encryptionKey). Only a server-access-log target bucket may use SSE-S3.',
  },
  {
    kind: 'resource',
    rule: S3BucketTlsOnly,
    criteria: ['CC6.7'],
    rationale: 'Refusing requests without TLS protects information in transmission (CC6.7 encryption of data in transit).',
    reference: { check: 'steampipe:s3_bucket_enforces_ssl', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'S3 bucket accepts requests made without TLS.',
    fix: 'Set enforceSSL: true on the L2 Bucket (SecureBucket does), or add to its AWS::S3::BucketPolicy a statement denying s3:* to principal * on the bucket and bucket/* with Condition Bool aws:SecureTransport "false". Write the policy literally; a policy from a parameter or import cannot be checked.',
  },
  {
    kind: 'resource',
    rule: S3BucketPublicAccessBlocked,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No policy or ACL can open the bucket to anyone (CC6.1 restricted logical access), so it is unreachable from outside the system boundary (CC6.6).',
    reference: { check: 'prowler:s3_bucket_public_access', criteria: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'S3 bucket does not block all public access.',
    fix: 'Set blockPublicAccess: BlockPublicAccess.BLOCK_ALL on the L2 Bucket (SecureBucket does), i.e. PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true.',
  },
  {
    kind: 'resource',
    rule: S3BucketOwnerEnforced,
    criteria: ['CC6.1', 'CC6.3'],
    rationale: 'With ACLs disabled, access is decided by IAM and bucket policies alone (CC6.1), the role-based grants CC6.3 reviews, not per-object ACLs.',
    reference: { check: 'config:S3_BUCKET_ACL_PROHIBITED', criteria: ['CC6.1', 'CC6.3'] },
    severity: Severity.ERROR,
    finding: 'S3 bucket has ACLs enabled (object ownership is not BucketOwnerEnforced).',
    fix: 'Set objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED (OwnershipControls Rules ObjectOwnership BucketOwnerEnforced) and no accessControl. For a server-access-log target, enable the @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy feature flag so delivery is authorized by bucket policy instead of an ACL; acknowledge with a reason only if ACL delivery is unavoidable.',
  },
  {
    kind: 'resource',
    rule: S3BucketVersioned,
    criteria: ['A1.2', 'PI1.5'],
    rationale: 'Overwritten or deleted objects can be recovered (A1.2 data backup and recovery); stored data stays complete (PI1.5).',
    reference: { check: 'prowler:s3_bucket_object_versioning', criteria: ['CC7.4', 'A1.2', 'C1.2', 'PI1.5'] },
    severity: Severity.ERROR,
    finding: 'S3 bucket does not have versioning enabled.',
    fix: 'Set versioned: true on the L2 Bucket (VersioningConfiguration Status Enabled), with a noncurrent-version lifecycle rule to bound storage.',
  },
  {
    kind: 'resource',
    rule: S3BucketAccessLogged,
    criteria: ['CC7.2'],
    rationale: 'Every request to the bucket is recorded for monitoring (CC7.2); logging grants no access, so CC6.1/CC6.2 do not apply.',
    reference: { check: 'prowler:s3_bucket_server_access_logging_enabled', criteria: ['CC6.1', 'CC6.2', 'CC7.2', 'CC7.3', 'A1.2'] },
    severity: Severity.ERROR,
    finding: 'S3 bucket does not have server access logging to another bucket.',
    fix: 'Set serverAccessLogsBucket on the L2 Bucket (SecureBucket logs to the stack\'s AccessLogBucket), i.e. LoggingConfiguration with a DestinationBucketName other than the bucket itself. Buckets that receive access logs are exempt.',
  },
  {
    kind: 'resource',
    rule: S3BucketClassified,
    criteria: ['C1.1', 'CC6.1'],
    rationale: 'The DataClassification tag identifies confidential information (C1.1 identifies confidential information) and is the inventory access decisions rest on (CC6.1 identifies information assets).',
    severity: Severity.ERROR,
    finding: 'S3 bucket has no valid DataClassification tag.',
    fix: 'Use SecureBucket (dataClassification prop), or Tags.of(bucket).add(\'DataClassification\', \'public\' | \'internal\' | \'confidential\' | \'restricted\'), lowercase.',
  },
  {
    kind: 'resource',
    rule: S3BucketRetained,
    criteria: ['A1.2', 'PI1.5'],
    rationale: 'Deleting a stack cannot delete the data (A1.2 protects data from loss; PI1.5 stored data stays complete); disposal is a decision, not a side effect, which is why C1.2 is not cited.',
    severity: Severity.ERROR,
    finding: 'S3 bucket is not retained when its stack is deleted or it is replaced.',
    fix: 'Set removalPolicy: RemovalPolicy.RETAIN on the L2 Bucket (DeletionPolicy Retain or RetainExceptOnCreate, and UpdateReplacePolicy Retain). Acknowledge with a reason only for scratch data that may be lost.',
  },
  {
    kind: 'resource',
    rule: S3BucketPersonalDataProtected,
    criteria: ['C1.1', 'CC6.1'],
    rationale: 'Personal data is classified confidential or restricted, so the controls for confidential information (C1.1) and its access (CC6.1) apply to it.',
    severity: Severity.ERROR,
    finding: 'S3 bucket holds personal data but is not classified confidential or restricted.',
    fix: 'Classify a bucket tagged PersonalData=true as confidential or restricted (SecureBucket with containsPersonalData: true requires it): Tags.of(bucket).add(\'DataClassification\', \'confidential\').',
  },
];
