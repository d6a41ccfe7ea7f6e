import { ResourceRule } from '../../rule';
import { checkSecurityConfiguration, CLOUDWATCH_LOGS, JOB_BOOKMARKS, S3_DATA } from './private';

/**
 * An ETL job runs under a security configuration that encrypts, each with a customer-managed key,
 * what it writes: S3 data (SSE-KMS), its CloudWatch logs (SSE-KMS) and its job bookmarks (CSE-KMS;
 * bookmarks can be turned on per run, so every job needs them encrypted). Without one, Glue
 * writes S3 targets under the bucket's default encryption, logs unencrypted by a key of yours, and
 * bookmarks unencrypted.
 */
export const GlueJobSecurityConfiguration: ResourceRule = {
  id: 'GlueJobSecurityConfiguration',
  resourceTypes: ['AWS::Glue::Job'],
  examines: ['AWS::Glue::SecurityConfiguration'],
  passes: '`SecurityConfiguration` names an `AWS::Glue::SecurityConfiguration` of the same stack (by reference, or by its literal `Name`) whose `EncryptionConfiguration` has every `S3Encryptions` entry `SSE-KMS`, `CloudWatchEncryption` `SSE-KMS` and `JobBookmarksEncryption` `CSE-KMS`, each with a customer-managed `KmsKeyArn`; a name defined nowhere in the stack fails closed.',
  check: (job) => checkSecurityConfiguration(job, 'SecurityConfiguration', [S3_DATA, CLOUDWATCH_LOGS, JOB_BOOKMARKS]),
};
