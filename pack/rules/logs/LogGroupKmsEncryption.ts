import { failed, passed, ResourceRule } from '../../rule';
import { isCustomerManagedKey } from '../../values';

/** Log events are encrypted with a customer-managed key (a reference to a key counts as one). */
export const LogGroupKmsEncryption: ResourceRule = {
  id: 'LogGroupKmsEncryption',
  resourceTypes: ['AWS::Logs::LogGroup'],
  passes: '`KmsKeyId` names a customer-managed key (a reference, key ARN or customer alias).',
  check: (group) => {
    if (!isCustomerManagedKey(group.properties.KmsKeyId)) {
      return failed('Its log events are not encrypted with a customer-managed KMS key.', 'Properties/KmsKeyId');
    }
    return passed();
  },
};
