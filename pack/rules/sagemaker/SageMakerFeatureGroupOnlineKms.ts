import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { asBoolean } from '../../values';
import { prop, valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem, objectsAt } from './private';

/**
 * The online store is encrypted with a customer-managed key. `EnableOnlineStore` defaults to
 * false, so only a store that may be enabled (literally true, or a value that is not literally
 * false) is judged; a feature group without one is not applicable.
 */
export const SageMakerFeatureGroupOnlineKms: ResourceRule = {
  id: 'SageMakerFeatureGroupOnlineKms',
  resourceTypes: ['AWS::SageMaker::FeatureGroup'],
  passes: 'When `OnlineStoreConfig.EnableOnlineStore` is (or may be) true, `OnlineStoreConfig.SecurityConfig.KmsKeyId` names a customer-managed key; without an online store it is not applicable.',
  check: (group) => {
    const stores = objectsAt(group.properties.OnlineStoreConfig).filter((s) =>
      valuesAt(prop(s, 'EnableOnlineStore'), []).some((v) => v !== undefined && asBoolean(v) !== false));
    if (stores.length === 0) {
      return notApplicable();
    }
    for (const store of stores) {
      const keys = valuesAt(store, ['SecurityConfig', 'KmsKeyId']);
      if (!allCustomerManagedKeys(keys)) {
        return failed(`Its online store is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, 'Properties/OnlineStoreConfig/SecurityConfig/KmsKeyId');
      }
    }
    return passed();
  },
};
