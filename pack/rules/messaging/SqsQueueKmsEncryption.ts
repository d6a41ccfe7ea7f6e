import { failed, passed, ResourceRule } from '../../rule';
import { flatten, isCustomerManagedKey, isTrue, isUnset } from '../../values';

/**
 * Messages are encrypted at rest with a customer-managed key. SSE-SQS (`SqsManagedSseEnabled`,
 * the default of new queues) and `alias/aws/sqs` fail: the account controls neither key.
 */
export const SqsQueueKmsEncryption: ResourceRule = {
  id: 'SqsQueueKmsEncryption',
  resourceTypes: ['AWS::SQS::Queue'],
  passes: '`KmsMasterKeyId` names a customer-managed key (a reference, key ARN or customer alias; not `alias/aws/sqs`); SSE-SQS does not count.',
  check: (queue) => {
    const key = queue.properties.KmsMasterKeyId;
    if (!isCustomerManagedKey(key)) {
      let detail = `It is encrypted with the AWS-managed key (${flatten(key)}), not a customer-managed key.`;
      if (isUnset(key)) {
        detail = isTrue(queue.properties.SqsManagedSseEnabled)
          ? 'It uses SSE-SQS, whose key the account does not control, not a customer-managed KMS key.'
          : 'It is not encrypted with a customer-managed KMS key.';
      }
      return failed(detail, 'Properties/KmsMasterKeyId');
    }
    return passed();
  },
};
