import { PackRule, Severity } from '../../rule';
import { S3BucketKmsEncryption } from './S3BucketKmsEncryption';

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
];
