import { failed, passed, ResourceRule } from '../../rule';
import { keyValuesAt } from '../../readers';
import { flatten, isCustomerManagedKey, isUnset, someBranchNote } from '../../values';
import { CLUSTER_TYPES, SERVERLESS_CLUSTER } from './private';

const LOCATION = 'Properties/EncryptionInfo/EncryptionAtRest/DataVolumeKMSKeyId';

/**
 * The brokers' storage, which holds every record of every topic, is encrypted under a
 * customer-managed KMS key. MSK always encrypts it; without `DataVolumeKMSKeyId` it uses the AWS
 * managed key `aws/kafka`, whose policy the account cannot change. A key given by reference (a
 * `Ref`, `Fn::GetAtt`, an import) counts: that is how a customer-managed key is written; a
 * parameter with `AllowedValues` is judged by each of them. Every `Fn::If` branch counts. The key
 * is chosen at creation only. MSK Serverless takes no key: it encrypts under a key AWS manages, so a
 * serverless cluster fails (acknowledge it where AWS-managed encryption suffices for its data).
 */
export const MskEncryptedAtRestCustomerKey: ResourceRule = {
  id: 'MskEncryptedAtRestCustomerKey',
  resourceTypes: CLUSTER_TYPES,
  passes: 'A Cluster\'s `EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId` names a customer-managed key (a reference, key id or ARN; not `alias/aws/kafka`) in every `Fn::If` branch, and in each `AllowedValues` of a parameter; absent means the AWS managed key `aws/kafka`. A ServerlessCluster fails (it takes no key).',
  check: (cluster) => {
    if (cluster.type === SERVERLESS_CLUSTER) {
      return failed('MSK Serverless takes no key: it encrypts its records at rest under a key AWS manages, not a customer-managed key whose use the account controls and audits. Use a provisioned AWS::MSK::Cluster with DataVolumeKMSKeyId, or acknowledge the rule with the reason AWS-managed encryption suffices for this data.', 'Properties');
    }
    const keys = keyValuesAt(cluster.properties.EncryptionInfo, ['EncryptionAtRest', 'DataVolumeKMSKeyId'], cluster.template);
    if (keys === null) {
      return failed('Its EncryptionInfo cannot be read at synth (an intrinsic around its settings), so its key cannot be shown to be customer-managed; write it literally or acknowledge the rule with a reason.', LOCATION);
    }
    if (keys.some(isUnset)) {
      return failed(`It names no EncryptionAtRest.DataVolumeKMSKeyId${someBranchNote(keys)}, so MSK encrypts its broker storage under the AWS managed key aws/kafka, not a customer-managed key whose use the account controls and audits.`, LOCATION);
    }
    const managed = keys.find((k) => !isCustomerManagedKey(k));
    if (managed !== undefined) {
      return failed(`Its DataVolumeKMSKeyId names the AWS managed key ${flatten(managed)}${someBranchNote(keys)}, not a customer-managed key.`, LOCATION);
    }
    return passed();
  },
};
