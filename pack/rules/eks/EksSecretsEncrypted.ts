import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { prop } from '../../readers';
import { branches, flatten, isCustomerManagedKey, isIntrinsic, isNoValue } from '../../values';
import { clusterSettings, EKS_CLUSTER_TYPES } from './private';

/** Whether an `EncryptionConfig` entry, in every branch, envelope-encrypts secrets under a customer key. */
function encryptsSecrets(entry: Json | undefined): boolean {
  return branches(entry).every((e) => {
    const resources = branches(prop(e, 'Resources'));
    const coversSecrets = resources.every((r) => Array.isArray(r) && r.some((x) => flatten(x).toLowerCase() === 'secrets'));
    return coversSecrets && isCustomerManagedKey(prop(prop(e, 'Provider'), 'KeyArn'));
  });
}

/**
 * Kubernetes secrets are envelope-encrypted with a customer-managed KMS key. Without it they are
 * protected only by the disk encryption of etcd, which anyone who can read the secret through the
 * API gets past: the key adds an access control and an audit trail (CloudTrail `Decrypt`).
 */
export const EksSecretsEncrypted: ResourceRule = {
  id: 'EksSecretsEncrypted',
  resourceTypes: EKS_CLUSTER_TYPES,
  passes: '`EncryptionConfig` (for the aws-eks custom resource, `Config.encryptionConfig`) has an entry whose `Resources` include `secrets` and whose `Provider.KeyArn` names a customer-managed key.',
  check: (cluster) => {
    const settings = clusterSettings(cluster);
    const location = settings.location(['EncryptionConfig']);
    for (const list of settings.at(['EncryptionConfig'])) {
      if (list === null || isIntrinsic(list)) {
        return failed('Its EncryptionConfig comes from a value that cannot be known at synth, so secrets encryption cannot be shown.', location);
      }
      if (list === undefined || isNoValue(list) || !Array.isArray(list) || !list.some(encryptsSecrets)) {
        return failed('Its Kubernetes secrets are not envelope-encrypted with a customer-managed KMS key (no EncryptionConfig entry for resources ["secrets"] with Provider.KeyArn).', location);
      }
    }
    return passed();
  },
};
