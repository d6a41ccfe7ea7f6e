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
    criteria: ['CC6.1', 'CC6.7', 'C1.1'],
    severity: Severity.ERROR,
    finding: 'S3 bucket is not encrypted with a customer-managed KMS key.',
    fix: 'Set BucketEncryption to aws:kms with your own key (SecureBucket does; with the L2 Bucket use encryption: BucketEncryption.KMS and encryptionKey). Only a server-access-log target bucket may use SSE-S3.',
  },
  {
    kind: 'resource',
    rule: S3BucketTlsOnly,
    criteria: ['CC6.1', 'CC6.2'],
    severity: Severity.ERROR,
    finding: 'S3 bucket accepts requests made without TLS.',
    fix: 'Set enforceSSL: true on the L2 Bucket (SecureBucket does), or add to its AWS::S3::BucketPolicy a statement denying s3:* to principal * on the bucket and bucket/* with Condition Bool aws:SecureTransport "false". Write the policy literally; a policy from a parameter or import cannot be checked.',
  },
  {
    kind: 'resource',
    rule: S3BucketPublicAccessBlocked,
    criteria: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6'],
    severity: Severity.ERROR,
    finding: 'S3 bucket does not block all public access.',
    fix: 'Set blockPublicAccess: BlockPublicAccess.BLOCK_ALL on the L2 Bucket (SecureBucket does), i.e. PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true.',
  },
  {
    kind: 'resource',
    rule: S3BucketOwnerEnforced,
    criteria: ['CC6.1', 'CC6.3'],
    severity: Severity.ERROR,
    finding: 'S3 bucket has ACLs enabled (object ownership is not BucketOwnerEnforced).',
    fix: 'Set objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED (OwnershipControls Rules ObjectOwnership BucketOwnerEnforced) and no accessControl. For a server-access-log target, enable the @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy feature flag so delivery is authorized by bucket policy instead of an ACL; acknowledge with a reason only if ACL delivery is unavoidable.',
  },
  {
    kind: 'resource',
    rule: S3BucketVersioned,
    criteria: ['CC7.4', 'A1.2', 'C1.2', 'PI1.5'],
    severity: Severity.ERROR,
    finding: 'S3 bucket does not have versioning enabled.',
    fix: 'Set versioned: true on the L2 Bucket (VersioningConfiguration Status Enabled), with a noncurrent-version lifecycle rule to bound storage.',
  },
  {
    kind: 'resource',
    rule: S3BucketAccessLogged,
    criteria: ['CC6.1', 'CC6.2', 'CC7.2', 'CC7.3', 'A1.2'],
    severity: Severity.ERROR,
    finding: 'S3 bucket does not have server access logging to another bucket.',
    fix: 'Set serverAccessLogsBucket on the L2 Bucket (SecureBucket logs to the stack\'s AccessLogBucket), i.e. LoggingConfiguration with a DestinationBucketName other than the bucket itself. Buckets that receive access logs are exempt.',
  },
  {
    kind: 'resource',
    rule: S3BucketClassified,
    // No row of the mapping covers classification tags. An auditor reads them as identifying
    // confidential information (C1.1) and as the inventory of information assets access
    // decisions rest on (CC6.1).
    criteria: ['CC6.1', 'C1.1'],
    severity: Severity.ERROR,
    finding: 'S3 bucket has no valid DataClassification tag.',
    fix: 'Use SecureBucket (dataClassification prop), or Tags.of(bucket).add(\'DataClassification\', \'public\' | \'internal\' | \'confidential\' | \'restricted\'), lowercase.',
  },
  {
    kind: 'resource',
    rule: S3BucketRetained,
    // No row of the mapping covers retention on stack deletion. An auditor reads it as protecting
    // data from loss (A1.2), against disposal outside the disposal process (C1.2) and keeping
    // stored data complete (PI1.5).
    criteria: ['A1.2', 'C1.2', 'PI1.5'],
    severity: Severity.ERROR,
    finding: 'S3 bucket is not retained when its stack is deleted or it is replaced.',
    fix: 'Set removalPolicy: RemovalPolicy.RETAIN on the L2 Bucket (DeletionPolicy Retain or RetainExceptOnCreate, and UpdateReplacePolicy Retain). Acknowledge with a reason only for scratch data that may be lost.',
  },
  {
    kind: 'resource',
    rule: S3BucketPersonalDataProtected,
    // No row of the mapping covers this. Personal data is confidential information that must be
    // identified as such (C1.1) so the access controls of its class apply (CC6.1).
    criteria: ['CC6.1', 'C1.1'],
    severity: Severity.ERROR,
    finding: 'S3 bucket holds personal data but is not classified confidential or restricted.',
    fix: 'Classify a bucket tagged PersonalData=true as confidential or restricted (SecureBucket with containsPersonalData: true requires it): Tags.of(bucket).add(\'DataClassification\', \'confidential\').',
  },
];
