import { ResourceRule, Verdict } from '../../rule';
import { isOn, quote, requireCustomerKeyAt, requireSetting, resourceSettings } from '../opensearch/private';
import { onEveryHolder, TABLE_TYPES } from './private';

/**
 * The table is encrypted with a customer-managed key. DynamoDB always encrypts at rest, but by
 * default with an AWS-owned key (no `SSESpecification`, or `SSEEnabled: false`) whose use the
 * account can neither restrict nor audit; `SSEEnabled: true` without a key uses the AWS-managed
 * `alias/aws/dynamodb`. A global table enables KMS on the table and names the key on each replica.
 */
export const DynamoDbKmsEncryption: ResourceRule = {
  id: 'DynamoDbKmsEncryption',
  resourceTypes: TABLE_TYPES,
  passes: '`SSESpecification.SSEEnabled: true` and a customer-managed `KMSMasterKeyId` (a reference, key ARN or customer alias; not `alias/aws/dynamodb`): on the table, or for a global table on every replica\'s `SSESpecification`. Absent means an AWS-owned key.',
  check: (table) => {
    const enabled = requireSetting(resourceSettings(table, ['SSESpecification', 'SSEEnabled']), isOn, 'Properties/SSESpecification/SSEEnabled',
      (v) => `It is encrypted with an AWS-owned key (SSESpecification.SSEEnabled is ${quote(v)}; absent means the AWS-owned default), not a customer-managed key.`);
    if (enabled.verdict === Verdict.FAILED) {
      return enabled;
    }
    return onEveryHolder(table, (holder) => requireCustomerKeyAt(holder.value, ['SSESpecification', 'KMSMasterKeyId'], `${holder.at}/SSESpecification/KMSMasterKeyId`,
      holder.name, 'DynamoDB encrypts it with the AWS-managed key alias/aws/dynamodb'));
  },
};
