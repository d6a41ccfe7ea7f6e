import { ResourceRule } from '../../rule';
import { inheritedFrom, requireEncryptedStorage } from '../rds/private';

/** The graph's storage, backups and snapshots are encrypted under a customer-managed key. */
export const NeptuneStorageEncrypted: ResourceRule = {
  id: 'NeptuneStorageEncrypted',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  passes: '`StorageEncrypted: true` (absent means unencrypted) and `KmsKeyId` naming a customer-managed key (absent means `aws/rds`), stated even on a restore.',
  check: (cluster) => requireEncryptedStorage(cluster, 'StorageEncrypted', 'KmsKeyId', inheritedFrom(cluster)),
};
