import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem, objectsAt } from './private';

/**
 * The offline store's S3 objects are encrypted with a customer-managed key. A feature group
 * without an offline store (`OfflineStoreConfig` absent) keeps no data in S3: not applicable.
 */
export const SageMakerFeatureGroupOfflineKms: ResourceRule = {
  id: 'SageMakerFeatureGroupOfflineKms',
  resourceTypes: ['AWS::SageMaker::FeatureGroup'],
  passes: 'When `OfflineStoreConfig` is present, `OfflineStoreConfig.S3StorageConfig.KmsKeyId` names a customer-managed key; without an offline store it is not applicable.',
  check: (group) => {
    const stores = objectsAt(group.properties.OfflineStoreConfig);
    if (stores.length === 0) {
      return notApplicable();
    }
    for (const store of stores) {
      const keys = valuesAt(store, ['S3StorageConfig', 'KmsKeyId']);
      if (!allCustomerManagedKeys(keys)) {
        return failed(`Its offline store is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, 'Properties/OfflineStoreConfig/S3StorageConfig/KmsKeyId');
      }
    }
    return passed();
  },
};
