import { failed, ResourceRule } from '../../rule';
import { asBoolean } from '../../values';
import { flagValues, requireCustomerKey } from '../rds/private';
import { REDSHIFT_CLUSTER, SERVERLESS_NAMESPACE } from './private';

/**
 * The warehouse's data is encrypted under a customer-managed key. Redshift encrypts every new
 * cluster and namespace, by default under an AWS-owned key; `KmsKeyId` makes it the customer's.
 */
export const RedshiftEncrypted: ResourceRule = {
  id: 'RedshiftEncrypted',
  resourceTypes: [REDSHIFT_CLUSTER, SERVERLESS_NAMESPACE],
  passes: '`KmsKeyId` names a customer-managed key (absent means an AWS-owned key), and a cluster\'s `Encrypted` is true or absent (the default is true) in every branch.',
  check: (warehouse) => {
    if (warehouse.type === REDSHIFT_CLUSTER) {
      const values = flagValues(warehouse, 'Encrypted');
      if (values.some((v) => v !== undefined && asBoolean(v) !== true)) {
        return failed('Its Encrypted is false, or comes from a value that cannot be known at synth, so the cluster may be unencrypted.', 'Properties/Encrypted');
      }
    }
    return requireCustomerKey(warehouse, 'KmsKeyId');
  },
};
