import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { asArray, branches, flatten, isCustomerManagedKey } from '../../values';
import { isAccessLogTarget } from './log-targets';

/**
 * Default encryption is SSE-KMS (or DSSE-KMS) with a customer-managed key. A bucket that receives
 * S3 server access logs may use SSE-S3, because S3 cannot deliver access logs to an SSE-KMS
 * bucket.
 */
export const S3BucketKmsEncryption: ResourceRule = {
  id: 'S3BucketKmsEncryption',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: 'Default encryption `aws:kms` or `aws:kms:dsse` with a customer-managed key (a reference or key ARN; not `alias/aws/s3`); a server-access-log target may use `AES256`.',
  check: (bucket) => {
    const encryption = bucket.properties.BucketEncryption;
    const rules = isObject(encryption) ? asArray(encryption.ServerSideEncryptionConfiguration) : [];
    const defaults = rules.filter(isObject).map((r) => r.ServerSideEncryptionByDefault).filter(isObject);
    if (defaults.length === 0) {
      return failed('It sets no default encryption, so objects get SSE-S3 with an AWS-owned key.', 'Properties/BucketEncryption');
    }
    for (const d of defaults) {
      for (const algorithm of branches(d.SSEAlgorithm).map(flatten)) {
        if (algorithm === 'AES256') {
          if (isAccessLogTarget(bucket)) {
            continue;
          }
          return failed('It uses SSE-S3 (AES256), whose key the account does not control.', 'Properties/BucketEncryption');
        }
        if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
          return failed(`Its default encryption algorithm is ${JSON.stringify(algorithm)}, not aws:kms.`, 'Properties/BucketEncryption');
        }
        if (!isCustomerManagedKey(d.KMSMasterKeyID)) {
          return failed('It uses SSE-KMS with the AWS-managed key (aws/s3), whose policy the account cannot restrict.', 'Properties/BucketEncryption');
        }
      }
    }
    return passed();
  },
};
