import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { asArray, flatten, isCustomerManagedKey, isUnset } from '../../values';

/**
 * The secret, and every replica of it, is encrypted with a customer-managed key. Without
 * `KmsKeyId` Secrets Manager uses `aws/secretsmanager`, whose policy lets any identity of the
 * account with `secretsmanager:GetSecretValue` decrypt: the key adds no control.
 */
export const SecretKmsEncryption: ResourceRule = {
  id: 'SecretKmsEncryption',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  passes: '`KmsKeyId` names a customer-managed key (not `alias/aws/secretsmanager`), and so does each `ReplicaRegions[].KmsKeyId`.',
  check: (secret) => {
    const key = secret.properties.KmsKeyId;
    if (!isCustomerManagedKey(key)) {
      return failed(isUnset(key)
        ? 'It is encrypted with the AWS-managed key aws/secretsmanager, not a customer-managed key.'
        : `It is encrypted with the AWS-managed key (${flatten(key)}), not a customer-managed key.`, 'Properties/KmsKeyId');
    }
    const replicas = asArray(secret.properties.ReplicaRegions);
    for (const [i, replica] of replicas.entries()) {
      if (isObject(replica) && !isCustomerManagedKey(replica.KmsKeyId)) {
        return failed(`Its replica in ${flatten(replica.Region) || 'another region'} is encrypted with the AWS-managed key aws/secretsmanager.`, `Properties/ReplicaRegions/${i}/KmsKeyId`);
      }
    }
    return passed();
  },
};
