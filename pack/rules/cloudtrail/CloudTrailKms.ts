import { failed, passed, ResourceRule } from '../../rule';
import { isCustomerManagedKey, isUnset } from '../../values';

/** Log files are encrypted with a key whose policy decides who may read the audit trail. */
export const CloudTrailKms: ResourceRule = {
  id: 'CloudTrailKms',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  passes: '`KMSKeyId` set to a customer-managed key (a reference, key ARN or alias of your own; not `alias/aws/...`).',
  check: (trail) => {
    const key = trail.properties.KMSKeyId;
    if (isUnset(key)) {
      return failed('It sets no KMS key, so its log files get only the bucket\'s default encryption, not a key whose policy guards the trail.', 'Properties/KMSKeyId');
    }
    if (!isCustomerManagedKey(key)) {
      return failed('Its log files are encrypted with an AWS-managed key, whose policy the account cannot restrict.', 'Properties/KMSKeyId');
    }
    return passed();
  },
};
