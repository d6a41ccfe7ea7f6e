import { failed, passed, ResourceRule } from '../../rule';
import { flatten, isCustomerManagedKey, isUnset } from '../../values';

/**
 * Messages are encrypted at rest with a customer-managed key. `alias/aws/sns` fails: its policy
 * cannot be changed, so neither narrowed nor opened to CloudWatch alarms and EventBridge.
 */
export const SnsTopicKmsEncryption: ResourceRule = {
  id: 'SnsTopicKmsEncryption',
  resourceTypes: ['AWS::SNS::Topic'],
  passes: '`KmsMasterKeyId` names a customer-managed key (a reference, key ARN or customer alias; not `alias/aws/sns`).',
  check: (topic) => {
    const key = topic.properties.KmsMasterKeyId;
    if (!isCustomerManagedKey(key)) {
      return failed(isUnset(key)
        ? 'It is not encrypted at rest with a KMS key.'
        : `It is encrypted with the AWS-managed key (${flatten(key)}), not a customer-managed key.`, 'Properties/KmsMasterKeyId');
    }
    return passed();
  },
};
